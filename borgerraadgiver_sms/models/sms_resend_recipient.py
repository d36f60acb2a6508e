"""The SMS resend wizard's lines take only a notification the user may read,
like mail's (borgerraadgiver/models/borgerraadgiver_notification_line.py)."""

from odoo import models


class SmsResendRecipient(models.TransientModel):
    _name = "sms.resend.recipient"
    _inherit = ["sms.resend.recipient", "borgerraadgiver.notification.line"]
