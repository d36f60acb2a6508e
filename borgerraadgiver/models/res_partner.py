from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Set by the addon only (borgerraadgiver.citizen._get_mail_partner), on the
    # partners it creates itself to mail a citizen; never on an ERP contact.
    # The rule res_partner_rule_borgerraadgiver_mail_partner hides those
    # partners, and only those, from everyone but the advisor.
    borgerraadgiver_mail_partner = fields.Boolean(
        string="Citizen's Mail Contact",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Created by the citizens' advisor's case system to mail a citizen; "
        "seen only by the advisor.",
    )
