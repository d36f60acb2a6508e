"""The SMS resend wizard's lines show their notification's recipient (a
related field, computed as superuser), so, like mail's resend lines
(borgerraadgiver/models/mail_resend_partner.py), a line takes only a
notification the user may read: of the citizens' advisor's threads, one's
own."""

from odoo import api, models


class SmsResendRecipient(models.TransientModel):
    _inherit = "sms.resend.recipient"

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
