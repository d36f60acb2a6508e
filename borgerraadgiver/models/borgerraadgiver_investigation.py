"""Systemic findings and own-initiative investigations (issue 18, item 4;
§1.3 of the spec): where several inquiries show the same poor case handling
at one centre, the advisor links them, contacts the centre and agrees
measures with its chief; or she opens an investigation herself. Plan,
measures, a follow-up date (an activity scheduled by itself), findings with
a grade of criticism, and recommendations.

The advisor's alone: only her group has access rights, the chatter is one of
the addon's confidential threads. Centre staff see only the recommendations
sent to their centre; management counts the investigations in the yearly
report, where they are listed by title, centre, kind and stage. What may be
published (the list "Igangværende undersøgelser") is what the advisor marks
so, with the same four columns and no personal data."""

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import ValidationError

from .municipal_day import municipal_today

KINDS = [
    ("systemic", "Systemic Finding"),
    ("own_initiative", "Own-Initiative Investigation"),
]
STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# The stages of an investigation not finished (the public list shows them)
ONGOING_STATES = ("planned", "in_progress")


class BorgerraadgiverInvestigation(models.Model):
    _name = "borgerraadgiver.investigation"
    _description = "Systemic Finding or Investigation"
    # mail.thread with the checks of borgerraadgiver_confidential_thread.py
    _inherit = [
        "borgerraadgiver.confidential.thread",
        "mail.activity.mixin",
        "borgerraadgiver.access.logged",
        "borgerraadgiver.anonymisable",
        "borgerraadgiver.cpr.mixin",
    ]
    _cpr_fields = ("name", "plan", "measures", "findings")
    # only the advisor reads it, and it holds no citizen's data of its own:
    # the inquiries are linked by their number (their reads are logged there)
    _personal_fields = frozenset()
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        index="trigram",
        help="What the finding or the investigation is about, as the list of "
        "investigations in progress and the yearly report show it: no "
        "personal data.",
    )
    kind = fields.Selection(
        KINDS,
        required=True,
        default="systemic",
        tracking=True,
        index=True,
        help="A systemic finding: several inquiries show the same poor case "
        "handling at one centre. An own-initiative investigation: opened by the "
        "advisor herself.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The centre concerned; required for a systemic finding, whose "
        "inquiries all concern it.",
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="planned",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_states",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date_start = fields.Date(
        string="Opened",
        required=True,
        default=lambda self: municipal_today(self.env),
        tracking=True,
        index=True,
    )
    date_end = fields.Date(
        string="Finished",
        copy=False,
        tracking=True,
        help="Set when the investigation is done or cancelled.",
    )
    inquiry_ids = fields.Many2many(
        "borgerraadgiver.inquiry",
        "borgerraadgiver_investigation_inquiry_rel",
        "investigation_id",
        "inquiry_id",
        string="Inquiries",
        help="The inquiries that show the pattern (a systemic finding: of the "
        "investigation's centre).",
    )
    inquiry_count = fields.Integer(compute="_compute_inquiry_count")
    plan = fields.Html(help="What the advisor looks into, and how.")
    chief = fields.Char(
        string="Centre Chief",
        help="The centre chief with whom the measures are agreed.",
    )
    measures = fields.Html(
        string="Agreed Measures",
        help="The measures agreed with the centre chief.",
    )
    follow_up_date = fields.Date(
        tracking=True,
        copy=False,
        help="When the advisor follows the measures up: an activity is "
        "scheduled for that day.",
    )
    findings = fields.Html(help="What the advisor found.")
    criticism_id = fields.Many2one(
        "borgerraadgiver.criticism",
        ondelete="restrict",
        tracking=True,
        help="The grade of the advisor's criticism of the findings, on the "
        "municipality's scale (as a complaint point's).",
    )
    recommendation_ids = fields.One2many(
        "borgerraadgiver.recommendation",
        "investigation_id",
        string="Recommendations",
    )
    recommendation_count = fields.Integer(compute="_compute_recommendation_count")
    published = fields.Boolean(
        string="May Be Published",
        tracking=True,
        help="Listed on the published list of investigations in progress "
        "(title, centre, kind and stage).",
    )

    def _expand_states(self, states, domain):
        return [state for state, _label in STATES]

    @api.depends("inquiry_ids")
    def _compute_inquiry_count(self):
        for investigation in self:
            investigation.inquiry_count = len(investigation.inquiry_ids)

    @api.depends("recommendation_ids")
    def _compute_recommendation_count(self):
        for investigation in self:
            investigation.recommendation_count = len(investigation.recommendation_ids)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("kind", "centre_id", "inquiry_ids")
    def _check_centre(self):
        for investigation in self:
            if investigation.kind == "systemic" and not investigation.centre_id:
                raise ValidationError(
                    _(
                        "%(name)s: a systemic finding concerns one centre: fill in "
                        "%(field)s.",
                        name=investigation.name,
                        field=investigation._field_label("centre_id"),
                    )
                )
            if not investigation.centre_id:
                continue
            others = investigation.inquiry_ids.filtered(
                lambda inquiry, c=investigation.centre_id: inquiry.centre_id != c
            )
            if others:
                raise ValidationError(
                    _(
                        "%(name)s: the %(field)s must concern the centre %(centre)s; "
                        "%(inquiries)s do not.",
                        name=investigation.name,
                        field=investigation._field_label("inquiry_ids"),
                        centre=investigation.centre_id.display_name,
                        inquiries=", ".join(others.mapped("name")),
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for investigation in self:
            if investigation.date_end and investigation.date_end < (
                investigation.date_start
            ):
                raise ValidationError(
                    _(
                        "%(name)s: %(end)s %(date)s is before %(start)s.",
                        name=investigation.name,
                        end=investigation._field_label("date_end"),
                        date=tools.format_date(self.env, investigation.date_end),
                        start=investigation._field_label("date_start"),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD and stages
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        investigations = super().create(vals_list)
        investigations._sync_follow_up_activity()
        return investigations

    def write(self, vals):
        vals = dict(vals)
        state = vals.get("state")
        if state in ("done", "cancelled") and "date_end" not in vals:
            vals["date_end"] = municipal_today(self.env)
        elif state in ONGOING_STATES:
            vals.setdefault("date_end", False)
        result = super().write(vals)
        if {"follow_up_date", "user_id", "state"} & set(vals):
            self._sync_follow_up_activity()
        return result

    def _cpr_banner(self, places):
        return _(
            "%(name)s holds a CPR number in: %(places)s. Sensitive personal "
            "data must only arrive by secure mail (§1.4): mask it.",
            name=self.name,
            places=places,
        )

    def action_start(self):
        return self._move("in_progress", ("planned",))

    def action_done(self):
        return self._move("done", ONGOING_STATES)

    def action_cancel(self):
        return self._move("cancelled", ONGOING_STATES)

    def action_reopen(self):
        return self._move("in_progress", ("done", "cancelled"))

    def _move(self, target, sources):
        for investigation in self:
            if investigation.state not in sources:
                raise ValidationError(
                    _(
                        "%(name)s is %(state)s: it cannot become %(target)s.",
                        name=investigation.name,
                        state=investigation._state_label(investigation.state),
                        target=investigation._state_label(target),
                    )
                )
        self.write({"state": target})
        return True

    def _sync_follow_up_activity(self):
        """The follow-up date as the advisor's activity: scheduled when the
        date is set, moved with it, removed when it is cleared or the
        investigation is cancelled."""
        activity_type = self.env.ref(
            "borgerraadgiver.mail_activity_type_investigation_follow_up"
        )
        for investigation in self.with_user(SUPERUSER_ID).sudo():
            activities = investigation.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if not investigation.follow_up_date or investigation.state == "cancelled":
                activities.unlink()
                continue
            user = (
                investigation.user_id
                or self.env["borgerraadgiver.inquiry"]._default_mail_advisor()
            )
            if activities:
                activities.filtered(
                    lambda a, i=investigation, u=user: (
                        a.date_deadline != i.follow_up_date or a.user_id != u
                    )
                ).write(
                    {"date_deadline": investigation.follow_up_date, "user_id": user.id}
                )
                continue
            investigation.activity_schedule(
                "borgerraadgiver.mail_activity_type_investigation_follow_up",
                date_deadline=investigation.follow_up_date,
                user_id=user.id,
                note=_(
                    "Follow up the measures agreed with %(centre)s.",
                    centre=investigation.centre_id.display_name
                    or _("the administration"),
                ),
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_view_inquiries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Inquiries"),
            "res_model": "borgerraadgiver.inquiry",
            "view_mode": "list,form",
            "domain": [("id", "in", self.inquiry_ids.ids)],
        }

    def action_new_recommendation(self):
        """A recommendation from the investigation, to its centre."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Recommendation"),
            "res_model": "borgerraadgiver.recommendation",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_investigation_id": self.id,
                "default_centre_id": self.centre_id.id,
            },
        }

    @api.model
    def action_print_published(self):
        """The published list of investigations in progress (PDF)."""
        published = self.search(
            [("published", "=", True), ("state", "in", ONGOING_STATES)],
            order="date_start, id",
        )
        if not published:
            raise ValidationError(
                _(
                    "No investigation in progress is marked %(field)s.",
                    field=self._field_label("published"),
                )
            )
        return self.env.ref(
            "borgerraadgiver.investigation_published_pdf_action"
        ).report_action(published)

    # ------------------------------------------------------------------
    # The yearly report (issue 18): counted as superuser, listed by title
    # ------------------------------------------------------------------

    @api.model
    def _of_period(self, date_from, date_to):
        """The investigations open at some time in the period: opened by its
        end, not finished before its start."""
        return self.sudo().search(
            [
                ("date_start", "<=", date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date_from),
            ],
            order="date_start, id",
        )

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _kind_label(self, kind):
        return dict(self._fields["kind"]._description_selection(self.env))[kind]

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)
