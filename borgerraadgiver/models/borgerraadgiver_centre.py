from odoo import fields, models


class BorgerraadgiverCentre(models.Model):
    _name = "borgerraadgiver.centre"
    _description = "Municipal Centre"
    _order = "sequence, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        help="Short name used as the column heading of the yearly report, e.g. B&L.",
    )
    sequence = fields.Integer(
        default=10, help="The centre's column order in the yearly report."
    )
    active = fields.Boolean(default=True)
    email = fields.Char(help="Where the advisor's forwarded inquiries are sent.")
    user_ids = fields.Many2many(
        "res.users",
        "borgerraadgiver_centre_res_users_rel",
        "centre_id",
        "user_id",
        string="Staff",
        help="The centre's staff: they see the inquiries forwarded to the centre.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A centre with this code already exists."),
    ]
