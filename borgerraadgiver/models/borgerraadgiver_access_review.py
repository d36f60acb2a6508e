"""The monthly check of the access log (issue 17, item 5): Datatilsynet
expects an authority to look at its logs routinely. On the first day of each
month a scheduled action draws a random sample of the past month's lines,
keeps it in a review and gives each of the addon's administrators a to-do on
it; an administrator looks at the sample (and at the month's reads by user,
to see unusual volume) and marks the review done. The log lines themselves
are never changed: the review only points at them."""

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from .municipal_day import municipal_today, municipal_tz
from .res_config_settings import get_int_param

# What an administrator writes on a review herself
REVIEW_WRITABLE_FIELDS = {"note"}


class BorgerraadgiverAccessReview(models.Model):
    _name = "borgerraadgiver.access.review"
    _description = "Review of the Access Log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc"

    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    line_ids = fields.Many2many(
        "borgerraadgiver.access.log",
        string="Sample",
        readonly=True,
        help="Lines of the period drawn at random for the review.",
    )
    period_line_count = fields.Integer(
        string="Reads in the Period",
        readonly=True,
        help="How many lines the log holds for the period.",
    )
    reviewed = fields.Boolean(readonly=True, tracking=True, copy=False)
    reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False
    )
    reviewed_date = fields.Datetime(string="Reviewed on", readonly=True, copy=False)
    note = fields.Text(help="What the review found, and what was done about it.")

    _sql_constraints = [
        ("period_unique", "unique(date_from)", "The period has a review already."),
    ]

    @api.depends("date_from")
    def _compute_display_name(self):
        for review in self:
            review.display_name = _(
                "Access log review %(month)s",
                month=format_date(self.env, review.date_from, date_format="MMMM y"),
            )

    def write(self, vals):
        if not self.env.su and set(vals) - REVIEW_WRITABLE_FIELDS:
            raise UserError(
                _("Of a review of the access log only the note can be changed.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_mark_reviewed(self):
        self.check_access("write")
        self.sudo().write(
            {
                "reviewed": True,
                "reviewed_by_id": self.env.uid,
                "reviewed_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_open_period(self):
        """The period's reads by user: unusual volume shows at a glance."""
        self.ensure_one()
        start, end = self._period_bounds()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_access_log_action"
        )
        action.update(
            name=_("Reads in the period"),
            domain=[("date", ">=", start), ("date", "<", end)],
            context={"group_by": ["user_id"]},
        )
        return action

    def _period_bounds(self):
        """The period as UTC datetimes, from the municipality's midnights."""
        tz = municipal_tz(self.env)
        return [
            tz.localize(fields.Datetime.to_datetime(day))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
            for day in (self.date_from, fields.Date.add(self.date_to, days=1))
        ]

    # ------------------------------------------------------------------
    # The monthly sample
    # ------------------------------------------------------------------

    @api.model
    def _cron_create_review(self):
        """The review of last month, with a random sample of its lines
        (borgerraadgiver.access_log_sample_size) and a to-do for each of the
        addon's administrators."""
        first_of_month = municipal_today(self.env).replace(day=1)
        date_from = fields.Date.subtract(first_of_month, months=1)
        if self.search_count([("date_from", "=", date_from)]):
            return self.browse()
        review = self.create(
            {
                "date_from": date_from,
                "date_to": fields.Date.subtract(first_of_month, days=1),
            }
        )
        review._draw_sample(
            get_int_param(self.env, "borgerraadgiver.access_log_sample_size")
        )
        review._schedule_review_activities()
        return review

    def _draw_sample(self, size):
        start, end = self._period_bounds()
        Log = self.env["borgerraadgiver.access.log"]
        Log._spread_queue()
        self.env.cr.execute(
            SQL(
                "SELECT count(*) OVER (), id FROM %s WHERE date >= %s AND date < %s "
                "ORDER BY random() LIMIT %s",
                SQL.identifier(Log._table),
                start,
                end,
                size,
            )
        )
        rows = self.env.cr.fetchall()
        self.write(
            {
                "line_ids": [fields.Command.set([line_id for _count, line_id in rows])],
                "period_line_count": rows[0][0] if rows else 0,
            }
        )

    def _schedule_review_activities(self):
        admins = self.env.ref("borgerraadgiver.group_admin").users.filtered("active")
        for admin in admins:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.add(municipal_today(self.env), days=14),
                summary=_("Review the sample of the access log"),
                user_id=admin.id,
            )
