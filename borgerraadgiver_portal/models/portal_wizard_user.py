from odoo import api, models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    @api.model_create_multi
    def create(self, vals_list):
        """A line of *Grant portal access* copies its contact's e-mail as
        superuser, and granting access mails an invitation: a citizen's mail
        contact of the advisor's case system (hidden from all but the
        advisor) gets a line only by the advisor, as it gets mail only from
        her (borgerraadgiver's mail.thread)."""
        self.env["mail.thread"]._borgerraadgiver_check_recipients(
            [vals.get("partner_id") for vals in vals_list]
        )
        return super().create(vals_list)
