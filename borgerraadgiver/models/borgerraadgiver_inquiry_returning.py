"""Returning citizens (issue 18, item 1): an inquiry may continue an earlier
one of the same citizen (``previous_inquiry_id``). A new inquiry of a citizen
who has an inquiry in progress, or one closed within the setting
``borgerraadgiver.returning_days`` (default 365 days) before it was
received, shows them in a banner with a button each that links them. When the
citizen comes back the advisor reassesses whether there is a prospect of
helping further (§1.3): ``reassessment`` with its date and note, required on
a continuation before it is started, forwarded or closed.

The link is the advisor's alone (field ``groups``; centre staff and
management have no access to inquiries at all). It is no statistic: the
report counts ``is_continuation`` and the reassessment, which stay when the
link goes. Anonymising either end of a link cuts it (an anonymised inquiry
must not be found again through the citizen's other inquiries); deleting the
earlier inquiry (a new or cancelled one) makes its continuation an ordinary
inquiry again."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .borgerraadgiver_confidential_thread import ADVISOR_GROUP
from .municipal_day import municipal_today
from .res_config_settings import get_int_param

RETURNING_DAYS = "borgerraadgiver.returning_days"
REASSESSMENTS = [
    ("further_help", "Prospect of Helping Further"),
    ("no_prospect", "No Prospect of Helping Further"),
]
# The inquiries in progress, which a new one may continue whenever they began
IN_PROGRESS = ("draft", "open", "forwarded")
# Changed only while the inquiry is new or in progress (as its path): the
# report counts the continuation and its reassessment
CONTINUATION_FIELDS = {"previous_inquiry_id", "reassessment", "reassessment_date"}
# Context key: the addon cuts a link and keeps what the report counts
KEEP_CONTINUATION = "borgerraadgiver_keep_continuation"
# Context key of the banner's buttons: the inquiry that continues the one
# clicked
CONTINUATION_ID = "borgerraadgiver_continuation_id"


# A feature of its own beside the inquiry's workflow, as the journal is
# (borgerraadgiver_inquiry_journal.py)
class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"  # pylint: disable=consider-merging-classes-inherited

    previous_inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        string="Continues",
        ondelete="set null",
        index="btree_not_null",
        copy=False,
        groups=ADVISOR_GROUP,
        domain="[('citizen_id', '=', citizen_id), ('id', '!=', id), "
        "('state', '!=', 'cancelled')]",
        help="The citizen's earlier inquiry this one continues: the citizen "
        "came back about the same matter.",
    )
    continuation_ids = fields.One2many(
        "borgerraadgiver.inquiry",
        "previous_inquiry_id",
        string="Continued By",
        readonly=True,
        groups=ADVISOR_GROUP,
        help="The later inquiries that continue this one.",
    )
    is_continuation = fields.Boolean(
        string="Continuation",
        readonly=True,
        copy=False,
        help="The inquiry continues an earlier one of the citizen. The yearly "
        "report counts it; it stays when the link is cut by anonymisation.",
    )
    reassessment = fields.Selection(
        REASSESSMENTS,
        tracking=True,
        copy=False,
        help="§1.3: when a citizen comes back, the advisor assesses whether "
        "there is a prospect of helping further. Required on a continuation "
        "before it is started, forwarded or closed.",
    )
    reassessment_date = fields.Date(
        compute="_compute_reassessment_date",
        store=True,
        readonly=False,
        copy=False,
        help="When the advisor reassessed the matter: the day the "
        "reassessment is chosen, unless she writes another.",
    )
    reassessment_note = fields.Text(
        copy=False,
        groups=ADVISOR_GROUP,
        help="Why there is, or is not, a prospect of helping further.",
    )
    returning_inquiry_ids = fields.Many2many(
        "borgerraadgiver.inquiry",
        compute="_compute_returning_inquiry_ids",
        string="Open or Recent Inquiries",
        groups=ADVISOR_GROUP,
        help="The citizen's inquiries in progress and those closed shortly "
        "before this one was received: this one may continue one of them.",
    )
    returning_days = fields.Integer(
        compute="_compute_returning_inquiry_ids", groups=ADVISOR_GROUP
    )
    citizen_inquiry_ids = fields.Many2many(
        "borgerraadgiver.inquiry",
        compute="_compute_citizen_inquiry_ids",
        string="Citizen's Other Inquiries",
        groups=ADVISOR_GROUP,
        help="Every other inquiry of the citizen, newest first.",
    )
    citizen_inquiry_count = fields.Integer(
        compute="_compute_citizen_inquiry_ids", groups=ADVISOR_GROUP
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("reassessment")
    def _compute_reassessment_date(self):
        today = municipal_today(self.env)
        for inquiry in self:
            if not inquiry.reassessment:
                inquiry.reassessment_date = False
            elif not inquiry.reassessment_date:
                inquiry.reassessment_date = today

    @api.depends("citizen_id", "received_date", "state", "previous_inquiry_id")
    def _compute_returning_inquiry_ids(self):
        """Shown while the inquiry is new and continues nothing yet."""
        days = get_int_param(self.env, RETURNING_DAYS)
        for inquiry in self:
            inquiry.returning_days = days
            if (
                inquiry.state == "draft"
                and inquiry.citizen_id
                and not inquiry.previous_inquiry_id
            ):
                inquiry.returning_inquiry_ids = self.search(
                    inquiry._returning_domain(days)
                )
            else:
                inquiry.returning_inquiry_ids = False

    def _returning_domain(self, days):
        """The citizen's other inquiries in progress, or closed no more than
        `days` days before this one was received (the municipality's today
        for a new one): those it may continue. Not those that continue it."""
        self.ensure_one()
        received = self.received_date or municipal_today(self.env)
        own = [self._origin.id] if self._origin.id else []
        later = self._origin.continuation_ids.ids if own else []
        return [
            ("citizen_id", "=", self.citizen_id.id),
            ("id", "not in", own + later),
            ("received_date", "<=", received),
            "|",
            ("state", "in", IN_PROGRESS),
            "&",
            ("state", "=", "closed"),
            ("closed_date", ">=", received - timedelta(days=days)),
        ]

    @api.depends("citizen_id")
    def _compute_citizen_inquiry_ids(self):
        for inquiry in self:
            others = (
                self.search(
                    [
                        ("citizen_id", "=", inquiry.citizen_id.id),
                        ("id", "!=", inquiry._origin.id),
                    ]
                )
                if inquiry.citizen_id
                else self.browse()
            )
            inquiry.citizen_inquiry_ids = others
            inquiry.citizen_inquiry_count = len(others)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("previous_inquiry_id", "citizen_id", "received_date")
    def _check_previous_inquiry(self):
        for inquiry in self.sudo():
            previous = inquiry.previous_inquiry_id
            if not previous:
                continue
            words = {
                "name": inquiry._label(),
                "field": inquiry._field_label("previous_inquiry_id"),
                "previous": previous._label(),
            }
            if previous == inquiry or inquiry._has_cycle("previous_inquiry_id"):
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(previous)s would make the "
                        "inquiry continue itself.",
                        **words,
                    )
                )
            if previous.anonymised:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(previous)s is anonymised.",
                        **words,
                    )
                )
            if previous.citizen_id != inquiry.citizen_id:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(previous)s is another "
                        "citizen's inquiry.",
                        **words,
                    )
                )
            if previous.received_date > inquiry.received_date:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(previous)s was received "
                        "after this inquiry.",
                        **words,
                    )
                )
            if previous.state == "cancelled":
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(previous)s is cancelled.",
                        **words,
                    )
                )

    @api.constrains("reassessment", "reassessment_date", "is_continuation")
    def _check_reassessment(self):
        today = municipal_today(self.env)
        for inquiry in self:
            if inquiry.reassessment and not inquiry.is_continuation:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s is recorded only on an "
                        "inquiry that continues an earlier one (%(previous)s).",
                        name=inquiry._label(),
                        field=inquiry._field_label("reassessment"),
                        previous=inquiry._field_label("previous_inquiry_id"),
                    )
                )
            day = inquiry.reassessment_date
            if day and day > today:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(date)s is in the future.",
                        name=inquiry._label(),
                        field=inquiry._field_label("reassessment_date"),
                        date=inquiry._date_label(day),
                    )
                )
            if day and day < inquiry.received_date:
                raise ValidationError(
                    _(
                        "Inquiry %(name)s: %(field)s %(date)s is before the day "
                        "the inquiry was received (%(received)s).",
                        name=inquiry._label(),
                        field=inquiry._field_label("reassessment_date"),
                        date=inquiry._date_label(day),
                        received=inquiry._date_label(inquiry.received_date),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._continuation_values(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._continuation_values(vals))

    def _continuation_values(self, vals):
        """`vals` with what the link decides: whether the inquiry is a
        continuation (never written by hand), and no reassessment once it
        continues nothing."""
        if "is_continuation" in vals and not self.env.su:
            raise UserError(
                _(
                    "%(field)s follows %(previous)s: link the earlier inquiry instead.",
                    field=self._field_label("is_continuation"),
                    previous=self._field_label("previous_inquiry_id"),
                )
            )
        if "previous_inquiry_id" not in vals or self.env.context.get(KEEP_CONTINUATION):
            return vals
        vals = dict(vals, is_continuation=bool(vals["previous_inquiry_id"]))
        if not vals["previous_inquiry_id"]:
            vals.setdefault("reassessment", False)
        return vals

    def _locked_once_forwarded(self):
        """Once forwarded or closed, the link and the reassessment change only
        when the inquiry is reopened: the report counts them."""
        return super()._locked_once_forwarded() | CONTINUATION_FIELDS

    def unlink(self):
        """A deleted inquiry (new or cancelled) is continued by nothing: its
        continuations become ordinary inquiries."""
        continuations = self.sudo().continuation_ids - self
        continuations.write({"previous_inquiry_id": False})
        return super().unlink()

    # ------------------------------------------------------------------
    # The workflow: §1.3's reassessment first
    # ------------------------------------------------------------------

    def _check_move(self, action):
        if action == "open":
            self._check_reassessed()
        return super()._check_move(action)

    def _check_forward(self):
        self._check_reassessed()
        return super()._check_forward()

    def _check_close(self):
        self._check_reassessed()
        return super()._check_close()

    def _check_reassessed(self):
        if self.is_continuation and not self.reassessment:
            raise UserError(
                _(
                    "Inquiry %(name)s continues an earlier inquiry: %(field)s "
                    "(is there a prospect of helping further? §1.3) is required "
                    "before it is started, forwarded or closed.",
                    name=self._label(),
                    field=self._field_label("reassessment"),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_link_continuation(self):
        """The banner's button on one of the citizen's open or recent
        inquiries: the inquiry being registered (in the context, saved by
        the form first) continues it."""
        self.ensure_one()
        self.check_access("read")
        continuation = self.browse(self.env.context.get(CONTINUATION_ID) or [])
        if not continuation.exists():
            raise UserError(_("Save the new inquiry before linking it."))
        continuation.write({"previous_inquiry_id": self.id})
        return True

    def action_view_citizen_inquiries(self):
        """The smart button: the citizen's inquiries, this one included."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_inquiry_action"
        )
        action.update(
            display_name=_("Inquiries of %(citizen)s", citizen=self.citizen_id.name),
            domain=[("citizen_id", "=", self.citizen_id.id)],
            context={"create": False},
            view_mode="list,form",
            views=[(False, "list"), (False, "form")],
        )
        return action

    # ------------------------------------------------------------------
    # Retention: the link does not outlive an anonymisation
    # ------------------------------------------------------------------

    def _anonymise(self, reason, note=True):
        inquiries = self.sudo().filtered(lambda inquiry: not inquiry.anonymised)
        linked = (inquiries | inquiries.continuation_ids).filtered(
            "previous_inquiry_id"
        )
        linked.with_context(**{KEEP_CONTINUATION: True}).write(
            {"previous_inquiry_id": False}
        )
        return super()._anonymise(reason, note=note)
