import re

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.sql import create_index

from .borgerraadgiver_inquiry import INQUIRY_FIELDS
from .cpr import mask_cpr_numbers
from .municipal_day import municipal_today

STATES = [
    ("sent", "To Answer"),
    ("answered", "Answered"),
    ("withdrawn", "Withdrawn"),
]
# What centre staff write on a referral of their centre, while it waits for
# the answer (the record rule borgerraadgiver_referral_rule_centre_staff_write
# limits them to those)
CENTRE_WRITABLE_FIELDS = {"answer_date", "answer"}
REFERRAL_FIELDS = {value: key for key, value in INQUIRY_FIELDS.items()}


class BorgerraadgiverReferral(models.Model):
    """What the advisor sends a centre on path 3 of §1.3: a concrete
    description of the citizen's complaint, the contact details the centre
    needs to answer the citizen, the files she shares, and the centre's
    answer. Centre staff work here and never on the inquiry: everything on a
    referral, its chatter included, is shared with the centre by nature."""

    _name = "borgerraadgiver.referral"
    _description = "Referral to a Centre"
    # mail.thread with the checks of borgerraadgiver_confidential_thread.py
    _inherit = [
        "borgerraadgiver.confidential.thread",
        "mail.activity.mixin",
        "borgerraadgiver.cpr.mixin",
        "borgerraadgiver.access.logged",
        "borgerraadgiver.anonymisable",
        "borgerraadgiver.numbered",
    ]
    # what the access log records a read of (borgerraadgiver_access_logged.py)
    _personal_fields = frozenset(
        {
            "subject",
            "description",
            "citizen_name",
            "citizen_email",
            "citizen_phone",
            "citizen_address",
            "answer",
            "message_ids",
        }
    )
    _order = "date desc, id desc"
    _cpr_fields = ("subject", "description", "answer")
    # the centre's staff read the referral and take part in its conversation,
    # also once it is answered
    _mail_post_access = "read"

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        help="The inquiry's number and the round: BR-2026-0012/1.",
    )
    inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        groups="borgerraadgiver.group_advisor",
        help="The advisor's inquiry: the centre never sees it.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        help="The centre the advisor sent the referral to.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        readonly=True,
        help="The advisor who sent the referral.",
    )
    subject = fields.Char(
        required=True,
        readonly=True,
        index="trigram",
        help="The matter in a few words, as the advisor wrote it for the centre.",
    )
    description = fields.Text(
        readonly=True,
        help="The concrete description of the citizen's complaint the advisor "
        "sends the centre.",
    )
    citizen_name = fields.Char(
        readonly=True, help="The citizen's name, copied when the referral was sent."
    )
    citizen_email = fields.Char(
        string="Citizen's Email",
        readonly=True,
        help="Copied when the referral was sent, for the centre to answer the "
        "citizen directly.",
    )
    citizen_phone = fields.Char(
        string="Citizen's Phone",
        readonly=True,
        help="Copied when the referral was sent, for the centre to answer the "
        "citizen directly.",
    )
    citizen_address = fields.Char(
        string="Citizen's Address",
        readonly=True,
        help="Copied when the referral was sent, for the centre to answer the "
        "citizen directly.",
    )
    date = fields.Date(
        string="Sent", required=True, readonly=True, index=True, copy=False
    )
    deadline = fields.Date(
        tracking=True,
        readonly=True,
        index=True,
        help="When the centre should have answered the citizen.",
    )
    answer_date = fields.Date(
        tracking=True,
        copy=False,
        help="When the centre answered the citizen.",
    )
    answer = fields.Text(copy=False, help="What the centre answered the citizen.")
    state = fields.Selection(
        STATES,
        required=True,
        default="sent",
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_states",
    )
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Not answered, and the deadline has passed.",
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "A referral with this number already exists."),
    ]

    def init(self):
        """The centre staff's list (their centre's referrals, newest first)
        and its counts by stage, read from the centre's part of the index
        only, as the record rule narrows it."""
        for name, columns in [
            ("centre_date", ["centre_id", "date DESC", "id DESC"]),
            ("centre_state", ["centre_id", "state"]),
        ]:
            create_index(
                self.env.cr,
                f"borgerraadgiver_referral_{name}_index",
                self._table,
                columns,
            )
        return super().init()

    def _expand_states(self, states, domain):
        return [state for state, _label in STATES]

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain(municipal_today(self.env)))
        for referral in self:
            referral.overdue = referral in overdue

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Overdue can only be searched with = or !=."))
        overdue = self._overdue_domain(municipal_today(self.env))
        if (operator == "=") == bool(value):
            return overdue
        return ["!"] + expression.normalize_domain(overdue)

    @api.model
    def _overdue_domain(self, today):
        """The referrals past their deadline without an answer: the one
        definition of "overdue" (the inquiry's follows its referral)."""
        return [("state", "=", "sent"), ("deadline", "<", today)]

    @api.constrains("answer_date", "date")
    def _check_answer_date(self):
        today = municipal_today(self.env)
        for referral in self:
            if referral.answer_date and referral.answer_date > today:
                raise ValidationError(
                    _(
                        "Referral %(name)s: %(field)s %(date)s is in the future.",
                        name=referral.name,
                        field=referral._field_label("answer_date"),
                        date=tools.format_date(self.env, referral.answer_date),
                    )
                )
            if referral.answer_date and referral.answer_date < referral.date:
                raise ValidationError(
                    _(
                        "Referral %(name)s: %(field)s %(date)s is before the "
                        "referral was sent (%(sent)s).",
                        name=referral.name,
                        field=referral._field_label("answer_date"),
                        date=tools.format_date(self.env, referral.answer_date),
                        sent=tools.format_date(self.env, referral.date),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        ):
            raise AccessError(_("Only the advisor sends referrals to the centres."))
        return super().create(vals_list)

    def write(self, vals):
        # the record rules first: "not yours" before any business rule
        self.check_access("write")
        self._check_centre_staff_write(vals)
        vals = dict(vals)
        if "answer_date" in vals:
            vals["state"] = "answered" if vals["answer_date"] else "sent"
            if any(referral.state == "withdrawn" for referral in self):
                raise UserError(
                    _(
                        "Referral %(name)s is withdrawn: it takes no answer.",
                        name=self.filtered(lambda r: r.state == "withdrawn")[:1].name,
                    )
                )
        newly_answered = self.filtered(
            lambda referral: not referral.answer_date and vals.get("answer_date")
        )
        result = super().write(vals)
        self._sync_inquiry(vals)
        by_advisor = not self.env.su and self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        )
        if not by_advisor and not self.env.context.get("borgerraadgiver_from_inquiry"):
            newly_answered._notify_advisor_of_answer()
        return result

    def _check_centre_staff_write(self, vals):
        """Centre staff register the answer and nothing else; the addon's own
        code (sudo) and the advisor write the rest."""
        if self.env.su or self.env.user.has_group("borgerraadgiver.group_advisor"):
            return
        forbidden = sorted(set(vals) - CENTRE_WRITABLE_FIELDS)
        if forbidden:
            raise AccessError(
                _(
                    "Centre staff may only register the centre's answer on a "
                    "referral (%(allowed)s), not change %(fields)s.",
                    allowed=", ".join(
                        self._field_label(name)
                        for name in sorted(CENTRE_WRITABLE_FIELDS)
                    ),
                    fields=", ".join(
                        self._field_label(name) if name in self._fields else name
                        for name in forbidden
                    ),
                )
            )

    def _sync_inquiry(self, vals):
        """Keep the inquiry's contract fields in step with its current
        referral (not when the inquiry itself is writing them)."""
        if self.env.context.get("borgerraadgiver_from_inquiry"):
            return
        changed = {
            REFERRAL_FIELDS[name]: value
            for name, value in vals.items()
            if name in REFERRAL_FIELDS
        }
        if not changed:
            return
        # as OdooBot: the inquiry's chatter and activities are the advisor's,
        # nothing there is authored or created by centre staff
        for referral in self.with_user(SUPERUSER_ID).sudo():
            inquiry = referral.inquiry_id
            if inquiry._current_referral() == referral:
                inquiry.with_context(borgerraadgiver_from_referral=True).write(changed)

    # ------------------------------------------------------------------
    # Sending, answering, withdrawing
    # ------------------------------------------------------------------

    def _send(self, attachments):
        """Post the referral on its chatter, from the advisor, to the centre's
        address and its staff (followers), with the shared files."""
        self.ensure_one()
        referral = self.sudo()
        referral.message_subscribe(
            partner_ids=referral.centre_id.user_ids.partner_id.ids
        )
        files = self.env["ir.attachment"]
        for attachment in attachments.sudo():
            files |= attachment.copy({"res_model": self._name, "res_id": referral.id})
        template = self.env.ref("borgerraadgiver.mail_template_referral")
        referral.with_user(referral.user_id or self.env.user).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=files.ids,
        )

    def _withdraw(self):
        """The inquiry was cancelled or its centre's round ended without an
        answer: tell the centre, and take the referral off its list."""
        for referral in self.filtered(lambda r: r.state == "sent").sudo():
            referral.with_context(borgerraadgiver_from_inquiry=True).write(
                {"state": "withdrawn"}
            )
            referral.message_post(
                body=_("The advisor has withdrawn the referral: no answer is needed."),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _notify_advisor_of_answer(self):
        """Tell the advisor that the centre has answered: a to-do on her
        inquiry to close it."""
        for referral in self.with_user(SUPERUSER_ID).sudo():
            inquiry = referral.inquiry_id
            advisor = inquiry.user_id or referral.user_id
            if not advisor:
                continue
            inquiry.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=advisor.id,
                summary=_("The centre has answered: close the inquiry"),
                note=_(
                    "%(centre)s registered its answer to the citizen on %(date)s.",
                    centre=referral.centre_id.display_name,
                    date=tools.format_date(self.env, referral.answer_date),
                ),
            )

    def action_register_answer(self):
        """The *Registrér svar* wizard, on a referral the user may answer."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Answer"),
            "res_model": "borgerraadgiver.referral.answer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_referral_id": self.id},
        }

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------

    def _url(self):
        """The link in the mails: the referral's form after logging in."""
        self.ensure_one()
        return f"{self.get_base_url()}/mail/view?model={self._name}&res_id={self.id}"

    def _working_days_left(self, today):
        """Working days from `today` to the deadline."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        return calendar._borgerraadgiver_count_working_days(today, self.deadline)

    def _days_overdue(self, today=None):
        """Calendar days since the deadline passed."""
        today = today or municipal_today(self.env)
        return max((today - self.deadline).days, 0)

    def _reminder_subject(self):
        """The subject as a reminder mail shows it: no CPR number, and not the
        citizen's name should the subject hold it."""
        subject = mask_cpr_numbers(self.subject or "")
        name = self.citizen_name or ""
        for part in sorted({name, *name.split()}, key=len, reverse=True):
            if len(part) > 2:
                subject = re.sub(re.escape(part), "...", subject, flags=re.IGNORECASE)
        return subject

    def _centre_emails(self):
        """The addresses of the referral's centre: its own and its staff's."""
        centre = self.sudo().centre_id
        emails = {tools.email_normalize(centre.email or "")}
        emails |= {tools.email_normalize(user.email or "") for user in centre.user_ids}
        emails.discard(False)
        return emails

    def _mail_known_senders(self):
        """Besides followers and users, a reply may come from the centre."""
        return self._centre_emails()

    def message_update(self, msg_dict, update_vals=None):
        """A reply from the centre registers the day of its answer (and its
        text, when none was registered)."""
        sender = tools.email_normalize(msg_dict.get("email_from") or "")
        answered = self.filtered(
            lambda referral: (
                referral.state == "sent" and sender in referral._centre_emails()
            )
        )
        Inquiry = self.env["borgerraadgiver.inquiry"]
        for referral in answered:
            referral.write(
                {
                    "answer_date": max(Inquiry._mail_date(msg_dict), referral.date),
                    "answer": referral.answer
                    or tools.html2plaintext(msg_dict.get("body") or ""),
                }
            )
        return super().message_update(msg_dict, update_vals=update_vals)

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------

    def _cpr_banner(self, places):
        return _(
            "Referral %(name)s holds a CPR number in: %(places)s. Sensitive "
            "personal data must only arrive by secure mail (§1.4): the advisor "
            "can mask it.",
            name=self.name,
            places=places,
        )

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)
