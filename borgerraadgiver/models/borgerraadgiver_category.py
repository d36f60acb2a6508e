from odoo import api, fields, models


class BorgerraadgiverCategory(models.Model):
    _name = "borgerraadgiver.category"
    _description = "Inquiry Category"
    _parent_store = True
    _order = "parent_path, sequence, code"
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
    child_ids = fields.One2many(
        "borgerraadgiver.category",
        "parent_id",
        string="Subcategories",
        help="What the category is detailed into in the report (§3.4).",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A category with this code already exists."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for category in self:
            category.display_name = f"{category.code} {category.name}"
