from odoo import SUPERUSER_ID, _, api, fields, models


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

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A Many2one shows its partner's name as superuser: the addon's mail
        contacts of citizens are named only for the advisor."""
        super()._compute_display_name()
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        ):
            return
        hidden = set(self.sudo().filtered("borgerraadgiver_mail_partner")._origin.ids)
        for partner in self:
            if partner._origin.id in hidden:
                partner.display_name = _("Confidential")
