from odoo import api, fields, models

COMPLAINT_KINDS = [
    ("case_handling", "About Case Handling"),
    ("decision", "About a Decision"),
]


class BorgerraadgiverCategory(models.Model):
    _name = "borgerraadgiver.category"
    _description = "Inquiry Category"
    _parent_store = True
    _order = "report_order, code, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(
        required=True,
        translate=True,
        help="The category's name as the report writes it.",
    )
    code = fields.Char(
        required=True, help="The category's number in the report, e.g. 4 or 4.1."
    )
    sequence = fields.Integer(
        default=10, help="The category's row order in the report."
    )
    active = fields.Boolean(
        default=True,
        help="Archive a category no longer used: the inquiries in it keep it.",
    )
    parent_id = fields.Many2one(
        "borgerraadgiver.category",
        string="Main Category",
        index=True,
        ondelete="restrict",
        help="For a subcategory: the category it details (4 for 4.1-4.6).",
    )
    parent_path = fields.Char(index=True)
    report_order = fields.Char(
        compute="_compute_report_order",
        store=True,
        recursive=True,
        help="The category's place in the report: its main category's "
        "sequence, then its own (1 … 7, then 4.1 … 4.6 under 4).",
    )
    child_ids = fields.One2many(
        "borgerraadgiver.category",
        "parent_id",
        string="Subcategories",
        help="What the category is detailed into in the report (§3.4).",
    )

    # What the category means to the rules and the report: its code and name
    # can be changed in the configuration without changing anything else
    complaint_kind = fields.Selection(
        COMPLAINT_KINDS,
        string="Complaint",
        help="A complaint about case handling or about a decision: the "
        "six-month rule of §1.3 warns about old events; the complaints about "
        "case handling are broken down by subcategory in table 3.4 and counted "
        "in the key figures of §4.1.",
    )
    is_out_of_scope = fields.Boolean(
        string="Cannot Be Handled",
        help="The category of the inquiries the advisor cannot or may not "
        "handle (§1.5): closing as 'cannot be handled' needs it and a reason.",
    )
    is_handling_time = fields.Boolean(
        string="About Case-Handling Time",
        help="The subcategory of the complaints about the case-handling time, "
        "a key figure of §4.1.",
    )

    retention_years = fields.Integer(
        string="Retention Period (years)",
        help="Years after an inquiry of this category was closed or cancelled "
        "before it is anonymised, where the municipality's retention schedule "
        "says so; empty: the general setting.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A category with this code already exists."),
        (
            "retention_years_positive",
            "CHECK(retention_years IS NULL OR retention_years >= 0)",
            "A category's retention period cannot be negative.",
        ),
    ]

    @api.depends("sequence", "parent_id.report_order")
    def _compute_report_order(self):
        for category in self:
            own = f"{category.sequence:06d}"
            parent = category.parent_id.report_order
            category.report_order = f"{parent}/{own}" if parent else own

    @api.depends("code", "name")
    def _compute_display_name(self):
        for category in self:
            category.display_name = f"{category.code} {category.name}"
