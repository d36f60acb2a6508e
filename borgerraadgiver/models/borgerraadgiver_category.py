from odoo import api, fields, models


class BorgerraadgiverCategory(models.Model):
    _name = "borgerraadgiver.category"
    _description = "Inquiry Category"
    _parent_store = True
    _order = "parent_path, sequence, code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="The category's number in the report, e.g. 4 or 4.1."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "borgerraadgiver.category",
        string="Main Category",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "borgerraadgiver.category", "parent_id", string="Subcategories"
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A category with this code already exists."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for category in self:
            category.display_name = f"{category.code} {category.name}"
