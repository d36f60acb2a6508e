"""The resend wizard's lines (issue 14, item 5): their recipient, name, address
and failure are related fields of the notification, computed as superuser,
so a line takes only a notification the user may read (the record rules on
mail.notification keep those of the addon's threads to their recipient, their
author and the advisor)."""

from odoo import api, models


class MailResendPartner(models.TransientModel):
    _inherit = "mail.resend.partner"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.notification_id._borgerraadgiver_check_read()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if "notification_id" in vals:
            self.notification_id._borgerraadgiver_check_read()
        return result
