from odoo import models


class MailResendPartner(models.TransientModel):
    _name = "mail.resend.partner"
    _inherit = ["mail.resend.partner", "borgerraadgiver.notification.line"]
