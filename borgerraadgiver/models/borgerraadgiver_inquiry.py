import logging
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date
from odoo.tools.sql import create_index, escape_psql

from .borgerraadgiver_anonymisable import RECORD_LANG
from .borgerraadgiver_citizen import CITIZEN_KEY
from .consent import FORWARD_WITHOUT_CONSENT, ForwardWithoutConsentError
from .cpr import find_cpr_numbers
from .municipal_day import municipal_date, municipal_today
from .res_config_settings import get_int_param, is_citizen_required

_logger = logging.getLogger(__name__)

CHANNELS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("meeting", "Meeting"),
    ("digital_post", "Digital Post"),
    ("in_person", "In Person"),
    ("web", "Web Form"),
]
# How the citizen gave a consent: the channels of a contact with the advisor
CONSENT_CHANNELS = [
    (key, label)
    for key, label in CHANNELS
    if key in ("phone", "email", "letter", "meeting")
]
STATES = [
    ("draft", "New"),
    ("open", "In Progress"),
    ("forwarded", "At Centre"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
RESOLUTIONS = [
    ("explained", "Explained"),
    ("referred", "Referred to Centre"),
    ("forwarded", "Forwarded to Centre"),
    ("misdirected", "Misdirected"),
    ("rejected", "Cannot Be Handled"),
]
# §1.5: why the advisor cannot handle an inquiry
OUT_OF_SCOPE_REASONS = [
    ("service_level", "Politically Set Service Level"),
    ("personnel", "Personnel or Employment Matter"),
    ("appeals_body", "Another Statutory Appeals Body"),
    ("authority_or_court", "Supervisory Authority, Ombudsman or Courts"),
    ("council_decision", "Decided by the Municipal Council"),
]
# The resolutions the advisor chooses when she closes without forwarding
DIRECT_RESOLUTIONS = {"explained", "referred", "misdirected", "rejected"}
# (from state, to state): the action that makes the move. A write of `state`
# (a kanban drag) runs the same checks as the action's button.
TRANSITIONS = {
    ("draft", "open"): "open",
    # a new inquiry the advisor forwards at once is opened on the way
    ("draft", "forwarded"): "forward",
    ("open", "forwarded"): "forward",
    ("draft", "closed"): "close",
    ("open", "closed"): "close",
    ("forwarded", "closed"): "close",
    ("closed", "open"): "reopen",
    ("draft", "cancelled"): "cancel",
    ("open", "cancelled"): "cancel",
    ("forwarded", "cancelled"): "cancel",
}
# The contract fields of the current round with the centre, and the fields of
# its referral (borgerraadgiver.referral) they are kept in step with
INQUIRY_FIELDS = {
    "forwarded_date": "date",
    "centre_deadline": "deadline",
    "centre_answer_date": "answer_date",
    "centre_answer": "answer",
}
# Set by the moves of the workflow only (forward, close, reopen, cancel)
WORKFLOW_DATES = {"forwarded_date", "closed_date", "cancelled_date"}
# The path of an inquiry: changed only while it is new or in progress
PATH_FIELDS = {"centre_id", "resolution", "out_of_scope_reason"}
# The writes that move the "Answer from the Centre" activity of the advisor
FOLLOW_UP_FIELDS = {"state", "centre_deadline", "centre_answer_date", "user_id"}


class BorgerraadgiverInquiry(models.Model):
    _name = "borgerraadgiver.inquiry"
    _description = "Citizen Inquiry"
    # mail.thread with the checks of borgerraadgiver_confidential_thread.py
    _inherit = [
        "borgerraadgiver.confidential.thread",
        "mail.activity.mixin",
        "borgerraadgiver.cpr.mixin",
        "borgerraadgiver.access.logged",
        "borgerraadgiver.anonymisable",
        "borgerraadgiver.numbered",
    ]
    _order = "received_date desc, name desc, id desc"
    # what the access log records a read of (borgerraadgiver_access_logged.py)
    _personal_fields = frozenset(
        {
            "citizen_id",
            "subject",
            "description",
            "advisor_notes",
            "centre_answer",
            "representative_name",
            "power_of_attorney",
            "power_of_attorney_filename",
            "message_ids",
            # returning citizens (borgerraadgiver_inquiry_returning.py): the
            # citizen's other inquiries, and the advisor's reassessment
            "previous_inquiry_id",
            "continuation_ids",
            "returning_inquiry_ids",
            "citizen_inquiry_ids",
            "reassessment_note",
        }
    )
    _cpr_fields = (
        "subject",
        "description",
        "centre_answer",
        "advisor_notes",
        "power_of_attorney_filename",
        "reassessment_note",
    )

    name = fields.Char(
        string="Number",
        readonly=True,
        copy=False,
        index="trigram",
        default="",
        help="The inquiry's number, given when it is saved: year and sequence.",
    )
    received_date = fields.Date(
        string="Received",
        required=True,
        default=lambda self: municipal_today(self.env),
        tracking=True,
        index=True,
        help="The day the citizen contacted the advisor.",
    )
    channel = fields.Selection(
        CHANNELS,
        required=True,
        default="phone",
        help="How the citizen contacted the advisor.",
    )
    citizen_id = fields.Many2one(
        "borgerraadgiver.citizen",
        ondelete="restrict",
        index=True,
        help="Leave empty when the citizen stays anonymous.",
    )
    subject = fields.Char(
        required=True,
        index="trigram",
        help="The citizen's immediate problem in a few words.",
    )
    description = fields.Text(help="What the citizen told the advisor.")
    advisor_notes = fields.Text(
        groups="borgerraadgiver.group_advisor",
        help="The advisor's internal notes: never shown to the centres.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        help="Who handles the inquiry.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        ondelete="restrict",
        tracking=True,
        index=True,
        help="The centre the inquiry concerns.",
    )
    category_id = fields.Many2one(
        "borgerraadgiver.category",
        ondelete="restrict",
        tracking=True,
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The category of §2.3 the yearly report counts the inquiry under.",
    )
    subcategory_id = fields.Many2one(
        "borgerraadgiver.category",
        ondelete="restrict",
        tracking=True,
        index=True,
        domain="[('parent_id', '=', category_id)]",
        help="What a complaint about case handling is about (§3.4).",
    )
    has_subcategories = fields.Boolean(
        compute="_compute_has_subcategories",
        help="Whether the category has subcategories to choose from.",
    )
    formal_contact = fields.Boolean(
        string="Centre Contacted",
        help="Whether the citizen has formally contacted the centre about the "
        "matter before (§1.2, §2.1).",
    )
    event_date = fields.Date(
        help="When the course of events the citizen complains about took place."
    )
    resolution = fields.Selection(
        RESOLUTIONS,
        tracking=True,
        copy=False,
        help="How the advisor resolved the inquiry (§1.3).",
    )
    out_of_scope_reason = fields.Selection(
        OUT_OF_SCOPE_REASONS,
        string="Reason",
        copy=False,
        help="Why the advisor cannot handle the inquiry (§1.5).",
    )
    forwarded_date = fields.Date(
        string="Forwarded",
        readonly=True,
        copy=False,
        help="When the advisor forwarded the inquiry to the centre.",
    )
    centre_deadline = fields.Date(
        tracking=True,
        copy=False,
        index=True,
        help="When the centre should have answered the citizen.",
    )
    centre_answer_date = fields.Date(
        tracking=True,
        copy=False,
        help="When the copy of the centre's answer to the citizen arrived.",
    )
    centre_answer = fields.Text(
        copy=False, help="What the centre answered the citizen."
    )
    answer_days = fields.Integer(
        string="Answer Time (Calendar Days)",
        compute="_compute_answer_days",
        store=True,
        copy=False,
        aggregator=None,
        help="Calendar days from the forwarding to the centre's answer.",
    )
    answer_working_days = fields.Integer(
        string="Answer Time (Working Days)",
        compute="_compute_answer_days",
        store=True,
        copy=False,
        aggregator=None,
        help="Working days of the municipality's calendar from the forwarding to "
        "the centre's answer: the days after the forwarding up to the day of the "
        "answer, weekends and Danish public holidays not counted.",
    )
    closed_date = fields.Date(
        string="Closed",
        readonly=True,
        copy=False,
        index=True,
        help="When the advisor closed the inquiry.",
    )
    cancelled_date = fields.Date(
        string="Cancelled",
        readonly=True,
        copy=False,
        help="When the advisor cancelled the inquiry: its retention period "
        "runs from then.",
    )
    state = fields.Selection(
        STATES,
        string="Stage",
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_states",
        help="Where the inquiry is on its path: new, in progress, at the centre, "
        "closed or cancelled.",
    )
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Forwarded, not answered, and the centre's deadline has passed.",
    )
    complaint_age_warning = fields.Char(
        compute="_compute_complaint_age_warning",
        help="Shown when a complaint concerns events more than six months before "
        "the inquiry (§1.3).",
    )
    referral_ids = fields.One2many(
        "borgerraadgiver.referral",
        "inquiry_id",
        string="Referrals",
        readonly=True,
        help="What the advisor sent the centre, one referral per round.",
    )
    referral_count = fields.Integer(compute="_compute_referral_count")
    # How points count, beside the inquiry's own classification: the
    # docstring of models/borgerraadgiver_inquiry_point.py
    point_ids = fields.One2many(
        "borgerraadgiver.inquiry.point",
        "inquiry_id",
        string="Complaint Points",
        help="What the citizen complains about, point by point, each with its "
        "category, centre, outcome and criticism. Without points the inquiry "
        "counts as one point under its own category and centre.",
    )
    citizen_required = fields.Boolean(
        compute="_compute_citizen_required",
        help="The municipality requires the citizen to handle an inquiry.",
    )
    # §1.3: the advisor offers to pass the case on, with the citizen's consent
    consent_forwarding = fields.Boolean(
        string="Consent to Forwarding",
        tracking=True,
        help="The citizen consented to the advisor passing the case on to the "
        "centre. Forwarding without it asks the advisor to confirm.",
    )
    consent_contact_details = fields.Boolean(
        string="Consent to Share Contact Details",
        tracking=True,
        help="The citizen consented to the centre getting their name, address, "
        "phone and e-mail with the referral. Without it the referral carries "
        "none of them.",
    )
    consent_date = fields.Date(
        compute="_compute_consent_date",
        store=True,
        readonly=False,
        tracking=True,
        help="When the citizen gave the consent: the day it is ticked, unless "
        "the advisor writes another.",
    )
    consent_channel = fields.Selection(
        CONSENT_CHANNELS,
        string="Consent Given By",
        compute="_compute_consent_channel",
        store=True,
        readonly=False,
        tracking=True,
        help="How the citizen gave the consent.",
    )
    representative_name = fields.Char(
        string="Representative",
        tracking=True,
        help="Who acts for the citizen under a power of attorney (fuldmagt).",
    )
    power_of_attorney = fields.Binary(
        string="Power of Attorney",
        attachment=True,
        copy=False,
        help="The signed power of attorney: a file of the inquiry, seen by the "
        "advisor alone.",
    )
    power_of_attorney_filename = fields.Char(
        string="Power of Attorney File Name", copy=False
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "An inquiry with this number already exists."),
    ]

    def init(self):
        """The inquiries still being worked on, newest first: the kanban's
        "Current" filter (with the index of closed_date) and its columns
        read them without scanning the closed ones of past years."""
        create_index(
            self.env.cr,
            "borgerraadgiver_inquiry_current_index",
            self._table,
            ["received_date DESC", "id DESC"],
            where="state NOT IN ('closed', 'cancelled')",
        )
        return super().init()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    def _expand_states(self, states, domain):
        """The kanban's columns, shown even when empty."""
        return [state for state, _label in STATES]

    @api.depends("referral_ids")
    def _compute_referral_count(self):
        for inquiry in self:
            inquiry.referral_count = len(inquiry.referral_ids)

    def _compute_citizen_required(self):
        self.citizen_required = is_citizen_required(self.env)

    @api.depends("category_id")
    def _compute_has_subcategories(self):
        for inquiry in self:
            inquiry.has_subcategories = bool(inquiry.category_id.child_ids)

    @api.depends("state", "centre_deadline", "centre_answer_date")
    def _compute_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain())
        for inquiry in self:
            inquiry.overdue = inquiry in overdue

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Overdue can only be searched with = or !=."))
        if (operator == "=") == bool(value):
            return self._overdue_domain()
        return ["!"] + expression.normalize_domain(self._overdue_domain())

    @api.model
    def _overdue_domain(self):
        """The one definition of "overdue": forwarded, not answered, and the
        centre's deadline was before the municipality's today. The analysis
        (same columns) uses it too; the referral's is its own."""
        return [
            ("state", "=", "forwarded"),
            ("centre_answer_date", "=", False),
            ("centre_deadline", "<", municipal_today(self.env)),
        ]

    @api.depends("forwarded_date", "centre_answer_date")
    def _compute_answer_days(self):
        """The answer time of an answered inquiry, counted like the deadline:
        from the day of the forwarding (not counted) to the day of the answer
        (counted). 0 until the centre's answer is registered; the analysis view
        leaves the unanswered ones out of its averages."""
        answered = self.filtered(
            lambda inquiry: inquiry.forwarded_date and inquiry.centre_answer_date
        )
        (self - answered).update({"answer_days": 0, "answer_working_days": 0})
        if not answered:
            return
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        for inquiry in answered:
            start, answer = inquiry.forwarded_date, inquiry.centre_answer_date
            inquiry.answer_days = (answer - start).days
            # no calendar yet while an update adds the field: counted again
            # by _recount_answer_working_days once the data is loaded
            inquiry.answer_working_days = (
                calendar._borgerraadgiver_count_working_days(start, answer)
                if calendar
                else 0
            )

    @api.model
    def _recount_answer_working_days(self, year):
        """Count the working days of the answers again where the calendar may
        have changed: answers from `year` on (its holidays were just updated)
        and answers never counted (the field was added by an update)."""
        inquiries = self.sudo().search(
            [
                ("forwarded_date", "!=", False),
                ("centre_answer_date", "!=", False),
                "|",
                ("centre_answer_date", ">=", date(year, 1, 1)),
                "&",
                ("answer_working_days", "=", 0),
                ("answer_days", ">", 0),
            ]
        )
        self.env.add_to_compute(self._fields["answer_working_days"], inquiries)
        inquiries.flush_recordset(["answer_working_days"])

    @api.depends("category_id", "event_date", "received_date")
    def _compute_complaint_age_warning(self):
        months = self._complaint_age_months()
        for inquiry in self:
            inquiry.complaint_age_warning = (
                inquiry._complaint_age_message(months)
                if inquiry._is_old_complaint(months)
                else False
            )

    @api.depends("consent_forwarding", "consent_contact_details")
    def _compute_consent_date(self):
        today = municipal_today(self.env)
        for inquiry in self:
            if not inquiry._has_consent():
                inquiry.consent_date = False
            elif not inquiry.consent_date:
                inquiry.consent_date = today

    @api.depends("consent_forwarding", "consent_contact_details")
    def _compute_consent_channel(self):
        channels = dict(CONSENT_CHANNELS)
        for inquiry in self:
            if not inquiry._has_consent():
                inquiry.consent_channel = False
            elif not inquiry.consent_channel and inquiry.channel in channels:
                inquiry.consent_channel = inquiry.channel

    def _has_consent(self):
        return self.consent_forwarding or self.consent_contact_details

    # ------------------------------------------------------------------
    # Warnings the advisor may ignore (§1.3, §1.4)
    # ------------------------------------------------------------------

    def _complaint_age_months(self):
        return get_int_param(self.env, "borgerraadgiver.complaint_age_months")

    def _is_old_complaint(self, months):
        self.ensure_one()
        return bool(
            self.category_id.complaint_kind
            and self.event_date
            and self.received_date
            and self.event_date < self.received_date - relativedelta(months=months)
        )

    def _complaint_age_message(self, months):
        return _(
            "Inquiry %(name)s: the events complained about (%(field)s %(date)s) "
            "are more than %(months)s months older than the inquiry. Such "
            "complaints are normally not handled (§1.3); you may go on.",
            name=self._label(),
            field=self._field_label("event_date"),
            date=self._date_label(self.event_date),
            months=months,
        )

    def _cpr_banner(self, places):
        return _(
            "Inquiry %(name)s holds a CPR number in: %(places)s. Sensitive "
            "personal data must only arrive by secure mail (§1.4): mask it "
            "unless it is needed.",
            name=self._label(),
            places=places,
        )

    def _cpr_message(self, name):
        return _(
            "Inquiry %(name)s: %(field)s seems to hold a CPR number. Sensitive "
            "personal data must only arrive by secure mail (§1.4): remove it "
            "unless it is needed.",
            name=self._label(),
            field=self._field_label(name),
        )

    @api.onchange("event_date", "received_date")
    def _onchange_complaint_age(self):
        """The dialog when a date is typed; the form's banner shows the
        warning as long as it holds (a new category included)."""
        months = self._complaint_age_months()
        if self._is_old_complaint(months):
            return {
                "warning": {
                    "title": _("Old complaint"),
                    "message": self._complaint_age_message(months),
                }
            }

    # One dialog per text typed into, and only for a CPR number the saved
    # inquiry does not hold there already: not again on every change of the
    # form (the banner shows the warning meanwhile)
    @api.onchange("subject")
    def _onchange_cpr_subject(self):
        return self._new_cpr_warning("subject")

    @api.onchange("description")
    def _onchange_cpr_description(self):
        return self._new_cpr_warning("description")

    @api.onchange("centre_answer")
    def _onchange_cpr_centre_answer(self):
        return self._new_cpr_warning("centre_answer")

    @api.onchange("advisor_notes")
    def _onchange_cpr_advisor_notes(self):
        return self._new_cpr_warning("advisor_notes")

    def _new_cpr_warning(self, name):
        # centre staff cannot read the advisor's notes (groups=)
        if not self._fields[name].is_accessible(self.env):
            return None

        def numbers(text):
            return {
                "".join(filter(str.isdigit, number))
                for number in find_cpr_numbers(text or "")
            }

        new = numbers(self[name]) - numbers(self._origin[name])
        if not new:
            return None
        return {
            "warning": {
                "title": _("CPR number"),
                "message": self._cpr_message(name),
            }
        }

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.subcategory_id.parent_id != self.category_id:
            self.subcategory_id = False

    @api.onchange("resolution")
    def _onchange_resolution(self):
        if self.resolution != "rejected":
            self.out_of_scope_reason = False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("received_date", "event_date")
    def _check_dates(self):
        today = municipal_today(self.env)
        for inquiry in self:
            if inquiry.received_date > today:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(date)s is in the future.",
                        name=inquiry._label(),
                        field=inquiry._field_label("received_date"),
                        date=inquiry._date_label(inquiry.received_date),
                    )
                )
            if inquiry.event_date and inquiry.event_date > inquiry.received_date:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(date)s is after the day "
                        "the inquiry was received (%(received)s).",
                        name=inquiry._label(),
                        field=inquiry._field_label("event_date"),
                        date=inquiry._date_label(inquiry.event_date),
                        received=inquiry._date_label(inquiry.received_date),
                    )
                )

    @api.constrains("centre_answer_date", "forwarded_date")
    def _check_centre_answer_date(self):
        for inquiry in self:
            if (
                inquiry.centre_answer_date
                and inquiry.forwarded_date
                and inquiry.centre_answer_date < inquiry.forwarded_date
            ):
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(date)s is before the "
                        "inquiry was forwarded (%(forwarded)s).",
                        name=inquiry._label(),
                        field=inquiry._field_label("centre_answer_date"),
                        date=inquiry._date_label(inquiry.centre_answer_date),
                        forwarded=inquiry._date_label(inquiry.forwarded_date),
                    )
                )

    @api.constrains("category_id", "subcategory_id")
    def _check_subcategory(self):
        for inquiry in self:
            if (
                inquiry.subcategory_id
                and inquiry.subcategory_id.parent_id != inquiry.category_id
            ):
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(subcategory)s is not a "
                        "subcategory of %(category)s.",
                        name=inquiry._label(),
                        field=inquiry._field_label("subcategory_id"),
                        subcategory=inquiry.subcategory_id.display_name,
                        category=inquiry.category_id.display_name or "-",
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    _(
                        "Inquiry %(name)s: a new inquiry starts at stage %(state)s; "
                        "use the buttons to move it on.",
                        name=vals.get("subject") or _("(new)"),
                        state=self._state_label("draft"),
                    )
                )
        # a PostgreSQL sequence: no lock, so saves never wait on each other
        # (README, "Configure": why the numbers may have gaps)
        sequence = self.env["ir.sequence"].sudo()
        # the caller's dicts stay as they were: a dict used for two creates
        # must not carry the first one's number into the second
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if not vals.get("name"):
                received = vals.get("received_date") or municipal_today(self.env)
                vals["name"] = sequence.next_by_code(
                    "borgerraadgiver.inquiry",
                    sequence_date=fields.Date.to_date(received),
                )
        return super().create(vals_list)

    @api.model
    def _cron_prepare_numbering(self):
        """The yearly ranges of the numbering for this year and the next,
        made ahead: two saves that made a year's range at the same moment
        would each make one and draw the same first number."""
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry").sudo()
        today = municipal_today(self.env)
        for day in (today, today + relativedelta(years=1)):
            if not sequence.date_range_ids.filtered(
                lambda r, day=day: r.date_from <= day <= r.date_to
            ):
                sequence._create_date_range_seq(day)
        self._catch_up_numbering(sequence)

    @api.model
    def _catch_up_numbering(self, sequence):
        """No yearly range draws a number its year has used already. Odoo's
        switch of a gapless sequence to a standard one (the update to
        18.0.2.2.0) started every year's PostgreSQL sequence at the
        sequence's own next number, 1, not at the year's: the next save of
        such a year failed on the unique number. Runs on every update of
        the addon (data/ir_cron_data.xml) and daily."""
        if sequence.implementation != "standard":
            return
        # read from PostgreSQL's sequences, not from an earlier read
        sequence.date_range_ids.invalidate_recordset(["number_next_actual"])
        for date_range in sequence.date_range_ids:
            prefix, suffix = sequence._get_prefix_suffix(
                date=date_range.date_from, date_range=date_range.date_from
            )
            # the numbers of the year: the digits between prefix and suffix
            self.env.cr.execute(
                SQL(
                    """SELECT max(substr(name, %(start)s,
                                         length(name) - %(fixed)s)::bigint)
                         FROM borgerraadgiver_inquiry
                        WHERE name LIKE %(pattern)s
                          AND substr(name, %(start)s, length(name) - %(fixed)s)
                              ~ '^[0-9]+$'""",
                    start=len(prefix) + 1,
                    fixed=len(prefix) + len(suffix),
                    pattern=f"{escape_psql(prefix)}%{escape_psql(suffix)}",
                )
            )
            highest = self.env.cr.fetchone()[0]
            if highest and date_range.number_next_actual <= highest:
                _logger.warning(
                    "Numbering of %s: its next number %s was used already; "
                    "it goes on at %s",
                    date_range.date_from.year,
                    date_range.number_next_actual,
                    highest + 1,
                )
                date_range.number_next_actual = highest + 1

    def write(self, vals):
        """A write of `state` is a move of the workflow (a button, a kanban
        drag, an import): every moving inquiry is checked against the values
        written with it before anything is written, then each inquiry is
        written once, with the values its move adds."""
        self._check_path_write(vals)
        moves = self._plan_moves(vals) if "state" in vals else []
        moving = self.browse([inquiry.id for inquiry, _action, _values in moves])
        if self - moving:
            super(BorgerraadgiverInquiry, self - moving).write(vals)
        for values, inquiries in self._group_by_values(moves).items():
            super(BorgerraadgiverInquiry, inquiries).write(dict(vals, **dict(values)))
        for inquiry, action, _values in moves:
            if action == "forward":
                inquiry._send_referral(self.env.context.get("borgerraadgiver_referral"))
            elif action == "cancel":
                inquiry.referral_ids._withdraw()
        self._sync_referral(vals)
        if FOLLOW_UP_FIELDS.intersection(vals):
            forwarded = [move[0].id for move in moves if move[1] == "forward"]
            self._sync_centre_answer_activity(self.browse(forwarded))
        return True

    def web_save(self, vals, specification, next_id=None):
        """Two advisors editing the same inquiry: the form
        (static/src/views/inquiry_form.js) saves only the fields it changed,
        so changes to different fields merge, and it sends the values those
        fields had when it loaded them; a save that would overwrite what
        another advisor saved in the meantime is refused, not lost."""
        loaded = self.env.context.get("borgerraadgiver_loaded_values")
        if loaded:
            self._check_unchanged_since_loaded(vals, loaded)
        return super().web_save(vals, specification, next_id=next_id)

    def _check_unchanged_since_loaded(self, vals, loaded):
        for inquiry in self:
            overwritten = [
                name
                for name, value in loaded.items()
                if name in vals and inquiry._overwrites(name, value, vals[name])
            ]
            if overwritten:
                raise UserError(
                    _(
                        "Inquiry %(name)s was changed by %(user)s after you opened "
                        "it (%(fields)s). Reload the page and make your change "
                        "again: it has not been saved.",
                        name=inquiry._label(),
                        user=inquiry.write_uid.name,
                        fields=", ".join(
                            self._field_label(n) for n in sorted(overwritten)
                        ),
                    )
                )

    def _overwrites(self, name, loaded, new):
        """Whether writing `new` into field `name`, which had the value
        `loaded` when the form loaded it, overwrites another's change."""
        field = self._fields.get(name)
        if not field or field.type in ("one2many", "many2many"):
            return False  # x2many: commands, which add and remove
        current = self._as_cached(name, self[name])
        return current not in (
            self._as_cached(name, loaded),
            self._as_cached(name, new),
        )

    def _as_cached(self, name, value):
        """`value` of field `name` in one form, whether it comes from the
        record or from the web client (ids, dates as strings, False)."""
        return self._fields[name].convert_to_cache(value, self, validate=False)

    def _locked_once_forwarded(self):
        """The fields that change only while the inquiry is new or in
        progress (_check_path_write); extensions add theirs."""
        return PATH_FIELDS

    def _check_path_write(self, vals):
        """The dates of the moves and, once an inquiry is forwarded or closed,
        its centre and resolution change only through the buttons: what the
        centre sees and what the report counts cannot be rewritten behind
        them (by RPC, an import). The addon's own code may (sudo)."""
        if self.env.su:
            return
        for name in sorted(WORKFLOW_DATES.intersection(vals)):
            raise UserError(
                _(
                    "Inquiry %(name)s: %(field)s is set by the buttons, not by hand.",
                    name=self[:1]._label(),
                    field=self._field_label(name),
                )
            )
        changed = sorted(self._locked_once_forwarded().intersection(vals))
        if not changed:
            return
        for inquiry in self:
            if inquiry.state not in ("draft", "open") and any(
                inquiry._fields[name].convert_to_write(inquiry[name], inquiry)
                != vals[name]
                for name in changed
            ):
                raise UserError(
                    _(
                        "Inquiry %(name)s is at stage %(state)s: reopen it to "
                        "change %(fields)s.",
                        name=inquiry._label(),
                        state=inquiry._state_label(inquiry.state),
                        fields=", ".join(self._field_label(n) for n in changed),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_progress(self):
        for inquiry in self:
            if inquiry.state not in ("draft", "cancelled"):
                raise UserError(
                    _(
                        "Inquiry %(name)s is at stage %(state)s: only new and "
                        "cancelled inquiries can be deleted.",
                        name=inquiry._label(),
                        state=inquiry._state_label(inquiry.state),
                    )
                )

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Fold the cancelled column of the kanban."""
        result = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        groupby = [groupby] if isinstance(groupby, str) else groupby
        if groupby and groupby[0] == "state":
            for line in result:
                line["__fold"] = line.get("state") == "cancelled"
        return result

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def action_open(self):
        return self._act("open")

    def action_forward(self, **referral):
        """Forward to the centre: a new referral goes to the centre at once.
        `referral` may give the referral's `subject`, `description`,
        `attachment_ids` (files of the inquiry to share) and
        `share_contact_details` (default True: the contact details go along
        if the citizen consented to it); by default it takes the inquiry's
        subject and description (the wizard of the form's button lets the
        advisor edit them first). Without the citizen's consent to forwarding
        it is refused unless the context holds the advisor's confirmation
        (consent.py)."""
        return self.with_context(borgerraadgiver_referral=referral)._act("forward")

    def action_forward_wizard(self):
        """The form's button: the checks of the forward first (the consent
        included: the web client asks the advisor), then the wizard in which
        the advisor writes what the centre gets; its button calls
        action_forward."""
        self.ensure_one()
        if self._target_of("forward") is None:
            return self._act("forward")  # refused with the workflow's message
        self._check_forward()
        return self._forward_wizard_action()

    def _forward_wizard_action(self, without_consent=False):
        return {
            "type": "ir.actions.act_window",
            "name": _("Forward to Centre"),
            "res_model": "borgerraadgiver.referral.send",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_inquiry_id": self._origin.id,
                "default_forward_without_consent": without_consent,
            },
        }

    def action_close(self):
        return self._act("close")

    def action_reopen(self):
        return self._act("reopen")

    def action_cancel(self):
        return self._act("cancel")

    def _act(self, action):
        """Run `action` on every inquiry, or refuse and change nothing."""
        for inquiry in self:
            if inquiry._target_of(action) is None:
                raise UserError(
                    _(
                        "Inquiry %(name)s is at stage %(state)s: it cannot be "
                        "%(action)s.",
                        name=inquiry._label(),
                        state=inquiry._state_label(inquiry.state),
                        action=self._action_label(action),
                    )
                )
        if self:
            self.write({"state": self[0]._target_of(action)})
        return True

    def _target_of(self, action):
        """The state `action` moves this inquiry to; None if it cannot."""
        return next(
            (
                target
                for (source, target), name in TRANSITIONS.items()
                if source == self.state and name == action
            ),
            None,
        )

    def _plan_moves(self, vals):
        """The moves a write of `vals` makes: (inquiry, action, values) for
        every inquiry not yet at the state written. Each is checked against
        the inquiry as it will be, with the other values of `vals`; the values
        are what the move writes besides them."""
        target = vals["state"]
        others = {name: value for name, value in vals.items() if name != "state"}
        moves = []
        for inquiry in self.filtered(lambda inquiry: inquiry.state != target):
            action = TRANSITIONS.get((inquiry.state, target))
            if action is None:
                raise UserError(
                    _(
                        "Inquiry %(name)s cannot go from %(from_state)s to %(target)s.",
                        name=inquiry._label(),
                        from_state=inquiry._state_label(inquiry.state),
                        target=inquiry._state_label(target),
                    )
                )
            pending = inquiry.new(others, origin=inquiry) if others else inquiry
            pending._check_move(action)
            moves.append((inquiry, action, pending._move_values(action)))
        return moves

    def _group_by_values(self, moves):
        """The moving inquiries by the values their move writes, so that
        inquiries moved alike are written together."""
        groups = defaultdict(self.browse)
        for inquiry, _action, values in moves:
            groups[tuple(sorted(values.items()))] |= inquiry
        return groups

    def _check_move(self, action):
        """The checks of `action` (a name of TRANSITIONS) on this inquiry:
        opening and reopening need the citizen when the municipality requires
        one, cancelling nothing."""
        if action == "forward":
            self._check_forward()
        elif action == "close":
            self._check_close()
        elif action in ("open", "reopen"):
            self._check_filled_in(self._missing_citizen())

    def _move_values(self, action):
        """What `action` writes besides the new state."""
        if action == "forward":
            return self._values_forward()
        if action == "close":
            return self._values_close()
        if action == "reopen":
            return {"closed_date": False}
        if action == "cancel":
            return {"cancelled_date": municipal_today(self.env)}
        return {}

    def _check_forward(self):
        self._check_filled_in(self._missing_citizen() + self._missing_classification())
        self._check_consent()

    def _check_consent(self):
        """§1.3: without the citizen's consent to forwarding the advisor
        confirms first (consent.py)."""
        if self.consent_forwarding or self.env.context.get(FORWARD_WITHOUT_CONSENT):
            return
        raise ForwardWithoutConsentError(
            _(
                "Inquiry %(name)s: the citizen has not consented to forwarding. "
                "Forward anyway?",
                name=self._label(),
            ),
            self._forward_wizard_action(without_consent=True),
            _("Forward Anyway"),
        )

    def _check_close(self):
        """Every field missing for the close is named at once; then the
        resolution must be one the advisor closes with herself (a forwarded
        inquiry closes on the centre's answer)."""
        resolution = "forwarded" if self.state == "forwarded" else self.resolution
        missing = self._missing_citizen(resolution) + self._missing_classification()
        if not self.category_id:
            missing.append("category_id")
        if self.state == "forwarded":
            if not self.centre_answer_date:
                missing.append("centre_answer_date")
        elif not self.resolution:
            missing.append("resolution")
        elif self.resolution == "rejected" and not self.out_of_scope_reason:
            missing.append("out_of_scope_reason")
        self._check_filled_in(missing)
        if self.state == "forwarded":
            return
        if self.resolution not in DIRECT_RESOLUTIONS:
            raise UserError(
                _(
                    "Inquiry %(name)s: choose %(field)s (explained, referred, "
                    "misdirected or cannot be handled) before closing; a "
                    "forwarded inquiry is closed once the centre has answered.",
                    name=self._label(),
                    field=self._field_label("resolution"),
                )
            )
        if self.resolution == "rejected" and not self.category_id.is_out_of_scope:
            raise UserError(
                _(
                    "Inquiry %(name)s: an inquiry that cannot be handled "
                    "belongs in %(field)s %(categories)s (§1.5).",
                    name=self._label(),
                    field=self._field_label("category_id"),
                    categories=", ".join(
                        self.env["borgerraadgiver.category"]
                        .search([("is_out_of_scope", "=", True)])
                        .mapped("display_name")
                    ),
                )
            )

    def _missing_citizen(self, resolution=None):
        """The citizen, when the municipality requires one (the setting
        borgerraadgiver.citizen_required) to handle an inquiry: a new one may
        stay anonymous, and so may one closed as misdirected (counted only,
        sent on without handling)."""
        if (
            self.citizen_id
            or resolution == "misdirected"
            or not is_citizen_required(self.env)
        ):
            return []
        return ["citizen_id"]

    def _missing_classification(self):
        """What the report counts the inquiry by and is not filled in: its
        centre, and the subcategory of a category that has them (4)."""
        missing = [] if self.centre_id else ["centre_id"]
        if self.category_id.child_ids and not self.subcategory_id:
            missing.append("subcategory_id")
        return missing

    def _check_filled_in(self, names):
        """Refuse the step, naming every field of `names` at once."""
        if len(names) == 1:
            raise UserError(
                _(
                    "Inquiry %(name)s: %(field)s is required for this step.",
                    name=self._label(),
                    field=self._field_label(names[0]),
                )
            )
        if names:
            raise UserError(
                _(
                    "Inquiry %(name)s: %(fields)s are required for this step.",
                    name=self._label(),
                    fields=", ".join(self._field_label(name) for name in names),
                )
            )

    def _values_forward(self):
        """A forward starts a new round with the centre: a reopened inquiry
        forwarded again waits for a new answer."""
        today = municipal_today(self.env)
        return {
            "forwarded_date": today,
            "centre_deadline": self._centre_deadline_from(today),
            "centre_answer_date": False,
            "centre_answer": False,
            "resolution": False,
            "out_of_scope_reason": False,
        }

    def _values_close(self):
        values = {"closed_date": municipal_today(self.env)}
        if self.state == "forwarded":
            values.update(resolution="forwarded", out_of_scope_reason=False)
        elif self.resolution != "rejected":
            values["out_of_scope_reason"] = False
        return values

    # ------------------------------------------------------------------
    # Referrals: what the centre sees of a forwarded inquiry
    # ------------------------------------------------------------------

    def _current_referral(self):
        """The referral of the latest round with the centre."""
        self.ensure_one()
        return self.referral_ids.sorted("id")[-1:]

    def _send_referral(self, options=None):
        """Send the centre the referral of the round the forward starts:
        the subject and description the advisor wrote for the centre, the
        citizen's name and contact details (unless she chose not to share
        them), the files she chose; the deadline is the inquiry's."""
        self.ensure_one()
        options = dict(options or {})
        attachments = self.env["ir.attachment"].browse(
            options.get("attachment_ids") or []
        )
        # the inquiry's own files; not the files of its fields (the power of
        # attorney)
        if attachments.sudo().filtered(
            lambda a: (
                (a.res_model, a.res_id, a.res_field) != (self._name, self.id, False)
            )
        ):
            raise UserError(
                _(
                    "Inquiry %(name)s: only the inquiry's own files can be sent "
                    "to the centre.",
                    name=self._label(),
                )
            )
        citizen = self.citizen_id
        share = (
            options.get("share_contact_details", True)
            and self.consent_contact_details
            and citizen
        )
        referral = (
            self.env["borgerraadgiver.referral"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}/{len(self.referral_ids) + 1}",
                    "inquiry_id": self.id,
                    "centre_id": self.centre_id.id,
                    "user_id": (self.user_id or self.env.user).id,
                    "subject": options.get("subject") or self.subject,
                    "description": options.get("description", self.description),
                    "citizen_name": share and citizen.name,
                    "citizen_email": share and citizen.email,
                    "citizen_phone": share and citizen.phone,
                    "citizen_address": share
                    and ", ".join(
                        part
                        for part in (
                            citizen.street,
                            " ".join(filter(None, (citizen.zip, citizen.city))),
                        )
                        if part
                    ),
                    "date": self.forwarded_date,
                    "deadline": self.centre_deadline,
                }
            )
        )
        referral._send(attachments)
        if not self.consent_forwarding:
            self.message_post(
                body=_(
                    "Forwarded without the citizen's consent to forwarding: "
                    "%(user)s confirmed it.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.message_post(
            body=_(
                "Referral %(referral)s sent to %(centre)s; the centre's deadline "
                "is %(deadline)s.",
                referral=referral.name,
                centre=self.centre_id.display_name,
                deadline=self._date_label(self.centre_deadline),
            ),
            subtype_xmlid="borgerraadgiver.mt_inquiry_forwarded",
        )
        return referral

    def _sync_referral(self, vals):
        """The current referral follows what the advisor writes on the
        inquiry's contract fields: a new deadline, an answer that came by
        letter."""
        if self.env.context.get("borgerraadgiver_from_referral"):
            return
        changed = {
            INQUIRY_FIELDS[name]: value
            for name, value in vals.items()
            if name in INQUIRY_FIELDS
        }
        if not changed:
            return
        for inquiry in self:
            referral = inquiry._current_referral()
            if referral.state == "withdrawn" or not referral:
                continue
            referral.sudo().with_context(borgerraadgiver_from_inquiry=True).write(
                changed
            )

    # ------------------------------------------------------------------
    # Letters to the citizen
    # ------------------------------------------------------------------

    def action_send_receipt(self):
        """The composer with the Danish receipt, to the citizen."""
        return self._letter_to_citizen("borgerraadgiver.mail_template_inquiry_receipt")

    def action_send_closing_letter(self):
        """The composer with the Danish closing letter, to the citizen."""
        return self._letter_to_citizen("borgerraadgiver.mail_template_inquiry_closing")

    def _letter_to_citizen(self, template_xmlid):
        """The chatter's composer with the template, addressed to the
        citizen's own mail partner (made now if the advisor never mailed
        the citizen: never an ERP contact with the same address)."""
        self.ensure_one()
        self.check_access("write")
        if not self.citizen_id.email_normalized:
            raise UserError(
                _(
                    "Inquiry %(name)s: %(field)s has no valid e-mail address to "
                    "send the letter to.",
                    name=self._label(),
                    field=self._field_label("citizen_id"),
                )
            )
        partner = self.citizen_id._get_mail_partner()
        template = self.env.ref(template_xmlid)
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id,
                "default_partner_ids": partner.ids,
                "default_subtype_xmlid": "mail.mt_comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
            },
        }

    def action_view_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_referral_action"
        )
        action["domain"] = [("inquiry_id", "=", self.id)]
        action["context"] = {"create": False}
        if self.referral_count == 1:
            action.update(view_mode="form", res_id=self.referral_ids.id, views=[])
        return action

    # ------------------------------------------------------------------
    # Follow-up: the centre's deadline in working days (resource_calendar.py)
    # and the advisor's activity; the reminders are borgerraadgiver_centre.py's
    # ------------------------------------------------------------------

    def _centre_deadline_from(self, day):
        """`day` plus the centre's deadline in working days of the
        municipality's calendar."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        days = self.sudo().centre_id._deadline_working_days()
        return calendar._borgerraadgiver_add_working_days(day, days)

    def _sync_centre_answer_activity(self, forwarding):
        """Forwarding schedules the advisor's activity on the deadline; moving
        the deadline or the advisor moves it; the centre's answer marks it
        done; cancelling the inquiry removes it."""
        activity_type = self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
        for inquiry in self.sudo():
            activities = inquiry.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if inquiry.centre_answer_date:
                if activities:
                    activities.action_feedback(
                        feedback=_(
                            "The centre answered on %(date)s.",
                            date=inquiry._date_label(inquiry.centre_answer_date),
                        )
                    )
            elif inquiry.state != "forwarded":
                activities.unlink()
            elif activities:
                user = inquiry.user_id or activities.user_id[:1]
                activities.filtered(
                    lambda activity, i=inquiry, u=user: (
                        activity.date_deadline != i.centre_deadline
                        or activity.user_id != u
                    )
                ).write(
                    {
                        "date_deadline": inquiry.centre_deadline,
                        "user_id": user.id,
                    }
                )
            elif inquiry.id in forwarding.ids:
                user = inquiry.user_id or self._default_mail_advisor()
                inquiry.activity_schedule(
                    "borgerraadgiver.mail_activity_type_centre_answer",
                    date_deadline=inquiry.centre_deadline,
                    user_id=user.id,
                    note=_(
                        "%(centre)s should answer the citizen by %(date)s.",
                        centre=inquiry.centre_id.display_name,
                        date=inquiry._date_label(inquiry.centre_deadline),
                    ),
                )

    # ------------------------------------------------------------------
    # Mail: a citizen's mail to the advisor's alias creates an inquiry (a
    # centre's reply lands on its referral; routing in mail_thread.py); the
    # chatter suggests the citizen, whose own partner is made when the advisor
    # sends (controllers/thread.py)
    # ------------------------------------------------------------------

    @api.model
    def _default_mail_advisor(self):
        """Who handles the inquiries the mail brings: the first advisor, not
        the administrator if there is another."""
        group = self.env.ref("borgerraadgiver.group_advisor")
        advisors = (
            self.env["res.users"]
            .sudo()
            .search([("groups_id", "in", group.ids), ("share", "=", False)], order="id")
        )
        return advisors.sorted(lambda user: user.has_group("base.group_system"))[:1]

    @api.model
    def _mail_date(self, msg_dict):
        """The day the mail arrived in the municipality's time zone, never in
        the future."""
        today = municipal_today(self.env)
        if not msg_dict.get("date"):
            return today
        return min(municipal_date(self.env, msg_dict["date"]), today)

    @api.model
    def _citizen_from_mail(self, msg_dict):
        """The advisor's citizen who sent the mail, found by the normalized
        address or registered; nobody if the sender is a user (the advisor or
        a centre forwarding a mail). The partner Odoo's gateway found for the
        address (a supplier's contact, say) is never used or changed."""
        Citizen = self.env["borgerraadgiver.citizen"].sudo()
        name, email = tools.parse_contact_from_email(msg_dict.get("email_from") or "")
        if not email or self._is_user_sender(msg_dict, email):
            return Citizen
        citizen = Citizen.with_context(active_test=False).search(
            [("email_normalized", "=", email)], order="active desc, id", limit=1
        )
        return citizen or Citizen.create({"name": name or email, "email": email})

    @api.model
    def _is_user_sender(self, msg_dict, email):
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        return bool(
            author.with_context(active_test=False).user_ids
            or self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("email_normalized", "=", email)], limit=1)
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A citizen's mail to the advisor's alias: a new inquiry, its sender
        as the citizen; the gateway then posts the mail and its attachments in
        the chatter, authored by the citizen's own partner if the advisor has
        mailed the citizen before, otherwise by the address alone."""
        citizen = self._citizen_from_mail(msg_dict)
        if citizen:
            msg_dict["author_id"] = citizen.partner_id.id or False
        subject = (msg_dict.get("subject") or "").strip()
        values = {
            "subject": subject or _("Mail without subject"),
            "channel": "email",
            "citizen_id": citizen.id,
            "received_date": self._mail_date(msg_dict),
            "description": tools.html2plaintext(msg_dict.get("body") or ""),
            "user_id": self._default_mail_advisor().id,
        }
        values.update(custom_values or {})
        return self.create(values)

    def message_update(self, msg_dict, update_vals=None):
        """A reply on the inquiry's mail (the citizen's, or a user's)."""
        self._citizen_author(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    def _citizen_author(self, msg_dict):
        """A reply from the citizen's address is the citizen's: authored by
        the citizen's own partner or by the address alone, never by an ERP
        contact that has the same address (who would also become a follower
        of the inquiry)."""
        email = self._sender_email(msg_dict)
        for inquiry in self.sudo().filtered("citizen_id"):
            citizen = inquiry.citizen_id
            if citizen._is_address_of(email) and not self._is_user_sender(
                msg_dict, email
            ):
                msg_dict["author_id"] = citizen.partner_id.id or False

    def _sender_email(self, msg_dict):
        return tools.email_normalize(msg_dict.get("email_from") or "")

    def _mail_known_senders(self):
        """Besides followers and users, a reply may come from the citizen."""
        return {self.sudo().citizen_id.email_normalized} - {False}

    def _message_get_suggested_recipients(self):
        """The advisor's chatter suggests the citizen (when the register has
        an address). Until the advisor first mails the citizen the suggestion
        holds the address only, with the citizen's id in its create values:
        the client sends both back when she sends, and the citizen's own
        partner is created then, never when the chatter is merely opened (a
        read-only request) and never by reusing an ERP contact that has the
        same address, as Odoo's search by address would."""
        recipients = super()._message_get_suggested_recipients()
        if not self.env.user.has_group("borgerraadgiver.group_advisor"):
            return recipients
        citizen = self.citizen_id.sudo()
        if not citizen.email_normalized:
            return recipients
        reason = self._fields["citizen_id"]._description_string(self.env)
        if citizen.partner_id.borgerraadgiver_mail_partner:
            return self._message_add_suggested_recipient(
                recipients, partner=citizen.partner_id, reason=reason
            )
        if all(
            recipient.get("email") != citizen.email_normalized
            for recipient in recipients
        ):
            recipients.append(
                {
                    "name": citizen.name,
                    "email": citizen.email_normalized,
                    "lang": None,
                    "reason": reason,
                    "create_values": {CITIZEN_KEY: citizen.id},
                }
            )
        return recipients

    # ------------------------------------------------------------------
    # Retention (issue 17, item 4): a closed or cancelled inquiry is
    # anonymised when its retention period has run out (the daily scheduled
    # action) or when the advisor anonymises it now; what is erased is
    # borgerraadgiver_anonymisable.py's
    # ------------------------------------------------------------------

    def action_anonymise(self, reason=None):
        """Anonymise now, for `reason` (required): the advisor only."""
        self._check_anonymise(reason)
        self._anonymise(reason)
        return True

    def action_anonymise_wizard(self):
        """The form's button: the confirmation, which asks for the reason."""
        self._check_anonymise()
        return self._anonymise_wizard_action("inquiry_id")

    def _check_anonymise(self, reason=True):
        result = super()._check_anonymise(reason)
        for inquiry in self:
            if inquiry.state not in ("closed", "cancelled"):
                raise UserError(
                    _(
                        "Inquiry %(name)s is at stage %(state)s: close or cancel "
                        "it before it is anonymised.",
                        name=inquiry._label(),
                        state=inquiry._state_label(inquiry.state),
                    )
                )
        return result

    def _anonymise(self, reason, note=True):
        """Erase the inquiries' personal data and their referrals'; the
        citizens go too where nothing else uses them. `note`: a note in
        each chatter (the scheduled action leaves it out: the record shows
        the day and the reason, and the note would double its time)."""
        inquiries = self.sudo().filtered(lambda inquiry: not inquiry.anonymised)
        citizens = inquiries.citizen_id
        inquiries.referral_ids._erase_personal_data(reason)
        # the referrals were erased with them: nothing to keep in step
        inquiries.with_context(borgerraadgiver_from_referral=True)._erase_personal_data(
            reason
        )
        if note:
            inquiries._log_anonymisation(reason)
        citizens._forget_unused(reason)

    def _anonymised_values(self):
        return dict(super()._anonymised_values(), citizen_id=False)

    @api.model
    def _cron_anonymise_expired(self, batch_size=1000):
        """The daily scheduled action: anonymise the inquiries whose
        retention period has run out, a batch per call; the scheduler
        commits each batch and calls again while some remain."""
        domain = self._expired_domain()
        Inquiry = self.sudo()
        inquiries = Inquiry.search(domain, order="id", limit=batch_size)
        inquiries._anonymise(
            self.with_context(lang=RECORD_LANG).env._(
                "The retention period has run out."
            ),
            note=False,
        )
        remaining = Inquiry.search_count(domain) if inquiries else 0
        _logger.info(
            "Retention: %s inquiries anonymised, %s remaining",
            len(inquiries),
            remaining,
        )
        self.env["ir.cron"]._notify_progress(done=len(inquiries), remaining=remaining)
        return remaining

    @api.model
    def _expired_domain(self):
        """The inquiries closed or cancelled more than their retention period
        before the municipality's today: their category's period, else the
        setting's."""
        today = municipal_today(self.env)
        periods = defaultdict(list)
        categories = (
            self.env["borgerraadgiver.category"]
            .sudo()
            .with_context(active_test=False)
            .search([("retention_years", ">", 0)])
        )
        for category in categories:
            periods[category.retention_years].append(category.id)

        def ended_before(years):
            cutoff = today - relativedelta(years=years)
            return [
                "|",
                "&",
                ("state", "=", "closed"),
                ("closed_date", "<", cutoff),
                "&",
                ("state", "=", "cancelled"),
                ("cancelled_date", "<", cutoff),
            ]

        general = get_int_param(self.env, "borgerraadgiver.retention_years")
        parts = [[("category_id", "not in", categories.ids), *ended_before(general)]]
        parts += [
            [("category_id", "in", ids), *ended_before(years)]
            for years, ids in periods.items()
        ]
        return expression.AND([[("anonymised", "=", False)], expression.OR(parts)])

    def _log_anonymisation(self, reason):
        """A note in each inquiry's chatter, without the erased data."""
        if not self:
            return
        env = self.with_context(lang=RECORD_LANG).env
        body = tools.plaintext2html(
            env._(
                "Anonymised on %(date)s: %(reason)s",
                date=format_date(env, municipal_today(env)),
                reason=reason,
            )
        )
        self._message_log_batch(
            dict.fromkeys(self.ids, body), author_id=self.env.user.partner_id.id
        )

    # ------------------------------------------------------------------
    # Labels for messages
    # ------------------------------------------------------------------

    def _label(self):
        return self.name or self.subject or _("(new)")

    def _date_label(self, day):
        return format_date(self.env, day)

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _action_label(self, action):
        return {
            "open": _("opened"),
            "forward": _("forwarded"),
            "close": _("closed"),
            "reopen": _("reopened"),
            "cancel": _("cancelled"),
        }[action]
