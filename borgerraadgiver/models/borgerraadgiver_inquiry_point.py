from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# What came of a complaint point (issue 18, item 2), as the leading Danish
# advisors report it
OUTCOMES = [
    ("upheld", "Upheld"),
    ("partly_upheld", "Partly Upheld"),
    ("not_upheld", "Not Upheld"),
    ("not_handled", "Not Handled"),
]
# The share of justified complaints: the points upheld or partly upheld of
# the points the advisor decided (upheld, partly upheld, not upheld); the
# points not handled and those without an outcome do not count in it
JUSTIFIED_OUTCOMES = ("upheld", "partly_upheld")
DECIDED_OUTCOMES = ("upheld", "partly_upheld", "not_upheld")
# The stage of an inquiry whose points the report has counted for good:
# reopen the inquiry to change them
LOCKED_STATES = ("closed",)


class BorgerraadgiverInquiryPoint(models.Model):
    """A complaint point (*klagepunkt*) of an inquiry: one thing the citizen
    complains about, with its own category, subcategory and centre, the
    outcome and the grade of the advisor's criticism.

    How points count (the yearly report, borgerraadgiver.statistics):

    - The inquiry itself keeps its own category, subcategory and centre and
      counts in the tables 3.1-3.4 once, under them, whatever its points:
      those tables count inquiries, exactly as before points existed.
    - The point tables (§3.6 of the report) count points. An inquiry with
      registered points counts with each of them; an inquiry without any
      counts as one point under its own category, subcategory and centre,
      with no outcome and no grade. So an inquiry with one point counts as
      one, as it always did, and the point tables of a year without
      registered points are table 3.3 again.
    - A point without a centre of its own counts under its inquiry's centre.
    - Only the points of inquiries the report counts as handled by the
      advisor count (not cancelled, not misdirected), in the quarter the
      inquiry was received.
    - The outcome is empty until the advisor decides it; "not handled" is a
      decision (the point was not looked into, e.g. out of scope, §1.5).

    The form's list of points starts a new point with the inquiry's own
    category, subcategory and centre: the first point the advisor registers
    is the inquiry's own, and she adds the others beside it.

    Points are the advisor's alone: only she has access rights to the model
    (security/ir.model.access.csv); management gets their counts through
    the analysis view borgerraadgiver.inquiry.point.analysis, which holds no
    inquiry and no personal data. A point holds no free text: nothing
    personal to log, mask or anonymise.
    """

    _name = "borgerraadgiver.inquiry.point"
    _description = "Complaint Point"
    _order = "inquiry_id, sequence, id"

    inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        required=True,
        ondelete="cascade",
        index=True,
        help="The inquiry the point belongs to.",
    )
    sequence = fields.Integer(default=10, help="The point's order on its inquiry.")
    received_date = fields.Date(
        string="Received",
        related="inquiry_id.received_date",
        store=True,
        index=True,
        help="The day the inquiry was received: the report counts the point "
        "in that quarter.",
    )
    inquiry_state = fields.Selection(
        related="inquiry_id.state", string="Stage of the Inquiry"
    )
    category_id = fields.Many2one(
        "borgerraadgiver.category",
        ondelete="restrict",
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The category of §2.3 the point is counted under.",
    )
    subcategory_id = fields.Many2one(
        "borgerraadgiver.category",
        ondelete="restrict",
        index=True,
        domain="[('parent_id', '=', category_id)]",
        help="What a complaint about case handling is about (§3.4).",
    )
    has_subcategories = fields.Boolean(
        compute="_compute_has_subcategories",
        help="Whether the category has subcategories to choose from.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        ondelete="restrict",
        index=True,
        help="The centre the point concerns; empty: the inquiry's centre.",
    )
    outcome = fields.Selection(
        OUTCOMES,
        index=True,
        help="What came of the point: upheld (medhold), partly upheld (delvis "
        "medhold), not upheld (ikke medhold) or not handled. Empty until the "
        "advisor has decided.",
    )
    criticism_id = fields.Many2one(
        "borgerraadgiver.criticism",
        ondelete="restrict",
        index=True,
        help="The grade of the advisor's criticism on the municipality's scale.",
    )

    # ------------------------------------------------------------------
    # Computes and onchanges
    # ------------------------------------------------------------------

    @api.depends("category_id")
    def _compute_has_subcategories(self):
        for point in self:
            point.has_subcategories = bool(point.category_id.child_ids)

    @api.depends("inquiry_id.name", "category_id", "centre_id")
    def _compute_display_name(self):
        for point in self:
            parts = [point.inquiry_id.name or "", point.category_id.display_name or ""]
            name = ": ".join(part for part in parts if part)
            if point.centre_id:
                name = f"{name} ({point.centre_id.code})"
            point.display_name = name or _("New point")

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.subcategory_id.parent_id != self.category_id:
            self.subcategory_id = False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("inquiry_id", "category_id", "subcategory_id")
    def _check_classification(self):
        """Every point has a main category, and the subcategory of its
        category when that has them (4), as the report counts it."""
        for point in self:
            if not point.category_id:
                raise ValidationError(
                    _(
                        "Complaint point of inquiry %(name)s: %(field)s is required.",
                        name=point.inquiry_id._label(),
                        field=point._field_label("category_id"),
                    )
                )
            if point.category_id.parent_id:
                raise ValidationError(
                    _(
                        "Complaint point of inquiry %(name)s: %(field)s "
                        "%(category)s is a subcategory; choose its main "
                        "category and put it under %(subfield)s.",
                        name=point.inquiry_id._label(),
                        field=point._field_label("category_id"),
                        category=point.category_id.display_name,
                        subfield=point._field_label("subcategory_id"),
                    )
                )
            if (
                point.subcategory_id
                and point.subcategory_id.parent_id != point.category_id
            ):
                raise ValidationError(
                    _(
                        "Complaint point of inquiry %(name)s: %(field)s "
                        "%(subcategory)s is not a subcategory of %(category)s.",
                        name=point.inquiry_id._label(),
                        field=point._field_label("subcategory_id"),
                        subcategory=point.subcategory_id.display_name,
                        category=point.category_id.display_name,
                    )
                )
            if point.category_id.child_ids and not point.subcategory_id:
                raise ValidationError(
                    _(
                        "Complaint point of inquiry %(name)s: %(field)s is "
                        "required for a point in %(category)s.",
                        name=point.inquiry_id._label(),
                        field=point._field_label("subcategory_id"),
                        category=point.category_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: the points of a closed inquiry are counted for good
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        inquiries = self.env["borgerraadgiver.inquiry"].browse(
            [vals["inquiry_id"] for vals in vals_list if vals.get("inquiry_id")]
        )
        self._check_inquiries_open(inquiries)
        return super().create(vals_list)

    def write(self, vals):
        self._check_inquiries_open(self.inquiry_id)
        if vals.get("inquiry_id"):
            self._check_inquiries_open(
                self.env["borgerraadgiver.inquiry"].browse(vals["inquiry_id"])
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_inquiries_open(self.inquiry_id)

    def _check_inquiries_open(self, inquiries):
        """What the report counts of a closed inquiry is not rewritten
        behind its buttons: reopen it to change its points. The addon's own
        code may (sudo)."""
        if self.env.su:
            return
        for inquiry in inquiries:
            if inquiry.state in LOCKED_STATES:
                raise UserError(
                    _(
                        "Inquiry %(name)s is at stage %(state)s: reopen it to "
                        "change its complaint points.",
                        name=inquiry._label(),
                        state=inquiry._state_label(inquiry.state),
                    )
                )

    # ------------------------------------------------------------------
    # Labels for messages
    # ------------------------------------------------------------------

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)
