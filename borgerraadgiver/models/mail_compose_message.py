"""The composer (issue 14, item 5): given a parent message, it takes the
parent's document, name, subject and recipients as superuser (stored computed
fields). A parent on the addon's threads must be a message the user may
read."""

from odoo import api, models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self.env["mail.message"]._borgerraadgiver_check_parent(
                    vals.get("parent_id") or self.env.context.get("default_parent_id")
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.env["mail.message"]._borgerraadgiver_check_parent(
                vals.get("parent_id")
            )
        return super().write(vals)
