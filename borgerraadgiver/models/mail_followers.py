from odoo import models


class MailFollowers(models.Model):
    _name = "mail.followers"
    _inherit = ["mail.followers", "borgerraadgiver.inquiry.reference"]
