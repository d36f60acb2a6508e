from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    borgerraadgiver_inquiry_ids = fields.One2many(
        "borgerraadgiver.inquiry",
        "citizen_id",
        string="Citizen's Inquiries",
        groups="borgerraadgiver.group_advisor,borgerraadgiver.group_centre_staff",
    )
    is_borgerraadgiver_citizen = fields.Boolean(
        string="Citizen of the Advisor",
        index=True,
        copy=False,
        groups="borgerraadgiver.group_advisor",
        help="Set once the partner is the citizen of an inquiry: only the advisor, "
        "and centre staff through an inquiry forwarded to them, see the partner.",
    )
