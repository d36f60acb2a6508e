from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from .municipal_day import municipal_today
from .res_config_settings import get_int_param

# The header that marks the reminder mails, so that the next run retries
# those the SMTP server refused, and mail filters can sort them
REMINDER_HEADER = "X-Borgerraadgiver-Reminder"
REMINDER_DATE_PARAM = "borgerraadgiver.reminder_date"


def reminder_values(kind):
    """A reminder mail belongs to no record: the centre's and the advisor's
    (res.users) messages are readable by others, a queued or refused mail's
    list of referrals must not be."""
    return {"headers": repr({REMINDER_HEADER: kind}), "model": False, "res_id": False}


class BorgerraadgiverCentre(models.Model):
    _name = "borgerraadgiver.centre"
    _description = "Municipal Centre"
    _order = "sequence, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, help="The centre's name, e.g. Børn & Læring.")
    code = fields.Char(
        required=True,
        help="Short name used as the column heading of the yearly report, e.g. B&L.",
    )
    sequence = fields.Integer(
        default=10, help="The centre's column order in the yearly report."
    )
    active = fields.Boolean(
        default=True, help="Archive a centre that no longer exists: its inquiries stay."
    )
    email = fields.Char(
        help="Where the advisor's referrals and the reminders of their deadlines "
        "are sent."
    )
    deadline_days = fields.Integer(
        string="Deadline (working days)",
        help="Working days the centre has to answer an inquiry forwarded to it; "
        "leave at 0 to use the deadline of the settings.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "borgerraadgiver_centre_res_users_rel",
        "centre_id",
        "user_id",
        string="Staff",
        domain=[("share", "=", False)],
        help="The centre's staff: they see and answer the referrals the advisor "
        "sends the centre. A user added here gets the role Centre Staff if she "
        "has no role of the case system yet.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A centre with this code already exists."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        centres = super().create(vals_list)
        centres._grant_staff_role()
        return centres

    def write(self, vals):
        before = {centre: centre.user_ids for centre in self}
        result = super().write(vals)
        if "user_ids" in vals:
            self._grant_staff_role()
            for centre in self:
                centre._sync_staff_followers(before[centre])
        return result

    def _grant_staff_role(self):
        """Whoever is on a centre's staff list has at least the role Centre
        Staff: put on the list from the centre form, she needs no second
        visit to her user form. Higher roles imply it already (the roles
        are a chain), and leaving a centre keeps the role: she may be on
        another centre's list, and the role alone shows her nothing."""
        group = self.env.ref("borgerraadgiver.group_centre_staff").sudo()
        missing = self.user_ids.sudo() - group.users
        if missing:
            group.write({"users": [Command.link(user.id) for user in missing]})

    def _sync_staff_followers(self, before):
        """The centre's staff follow its referrals and its recommendations
        (issue 18): who leaves the centre stops following them at once (no
        more mail, notifications or posts), who joins follows those still
        waiting for an answer."""
        removed = (before - self.user_ids).partner_id
        added = (self.user_ids - before).partner_id
        for model in ("borgerraadgiver.referral", "borgerraadgiver.recommendation"):
            records = self.env[model].sudo().search([("centre_id", "=", self.id)])
            if removed:
                records.message_unsubscribe(partner_ids=removed.ids)
            if added:
                records.filtered(lambda r: r.state == "sent").message_subscribe(
                    partner_ids=added.ids
                )

    @api.constrains("deadline_days")
    def _check_deadline_days(self):
        for centre in self:
            if centre.deadline_days < 0:
                raise ValidationError(
                    _(
                        "Centre %(name)s: the deadline cannot be a negative "
                        "number of working days.",
                        name=centre.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Deadlines in working days
    # ------------------------------------------------------------------

    def _deadline_working_days(self):
        """The centre's own deadline, or the one of the settings."""
        if self and self.deadline_days > 0:
            return self.deadline_days
        return get_int_param(self.env, "borgerraadgiver.centre_deadline_days")

    # ------------------------------------------------------------------
    # The daily reminders
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self):
        """Mail each centre its overdue referrals and the deadlines coming,
        and each advisor a digest. The mails go through the mail queue: a
        refused SMTP send leaves them failed, and this run puts them back in
        the queue; the reminders of a day are queued once."""
        self = self.sudo()
        self.env["mail.mail"].search(
            [("state", "=", "exception"), ("headers", "ilike", REMINDER_HEADER)]
        ).mark_outgoing()
        params = self.env["ir.config_parameter"]
        today = municipal_today(self.env)
        if params.get_param(REMINDER_DATE_PARAM) == fields.Date.to_string(today):
            return
        overdue, coming = self._reminder_referrals(today)
        no_address = self.browse()
        template = self.env.ref("borgerraadgiver.mail_template_centre_reminder")
        notice_days = self._notice_days()  # 0: no notices, only overdue ones
        notices = coming.filtered(
            lambda referral: (
                notice_days and referral._working_days_left(today) == notice_days
            )
        )
        for centre in (overdue | notices).centre_id:
            centre_overdue = overdue.filtered(lambda r, c=centre: r.centre_id == c)
            centre_notices = notices.filtered(lambda r, c=centre: r.centre_id == c)
            if not centre.email:
                no_address |= centre
                continue
            template.with_context(
                borgerraadgiver_overdue_ids=centre_overdue.ids,
                borgerraadgiver_notice_ids=centre_notices.ids,
            ).send_mail(
                centre.id,
                email_values=reminder_values("centre"),
            )
        self._send_advisor_digests(overdue, coming, no_address)
        # issue 18: the recommendations past their response deadline
        self.env["borgerraadgiver.recommendation"]._send_reminders(today)
        params.set_param(REMINDER_DATE_PARAM, fields.Date.to_string(today))

    @api.model
    def _notice_days(self):
        return get_int_param(self.env, "borgerraadgiver.deadline_notice_days")

    @api.model
    def _reminder_referrals(self, today):
        """The referrals still waiting for the centre's answer: those past
        their deadline, and those due within the notice days."""
        Referral = self.env["borgerraadgiver.referral"]
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        limit = calendar._borgerraadgiver_add_working_days(today, self._notice_days())
        overdue = Referral.search(
            Referral._overdue_domain(today), order="deadline, name"
        )
        coming = Referral.search(
            [
                ("state", "=", "sent"),
                ("deadline", ">=", today),
                ("deadline", "<=", limit),
            ],
            order="deadline, name",
        )
        return overdue, coming

    @api.model
    def _send_advisor_digests(self, overdue, coming, no_address):
        template = self.env.ref("borgerraadgiver.mail_template_advisor_digest")
        default_advisor = self.env["borgerraadgiver.inquiry"]._default_mail_advisor()
        by_advisor = {}
        for referral in overdue | coming:
            advisor = referral.inquiry_id.user_id or referral.user_id or default_advisor
            if advisor:
                by_advisor.setdefault(advisor, self.env["borgerraadgiver.referral"])
                by_advisor[advisor] |= referral
        for advisor, referrals in by_advisor.items():
            if not advisor.email:
                continue
            template.with_context(
                borgerraadgiver_overdue_ids=(referrals & overdue).ids,
                borgerraadgiver_coming_ids=(referrals & coming).ids,
                borgerraadgiver_no_address_ids=(referrals.centre_id & no_address).ids,
            ).send_mail(
                advisor.id,
                email_values=reminder_values("advisor"),
            )
