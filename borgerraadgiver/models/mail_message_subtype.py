from odoo import fields, models


class MailMessageSubtype(models.Model):
    _inherit = "mail.message.subtype"

    borgerraadgiver_centre = fields.Boolean(
        string="Shared with the Centre",
        help="Messages of this subtype on an inquiry are shown to the staff of "
        "the centre the inquiry is forwarded to; the advisor's other messages "
        "and log notes never are.",
    )
