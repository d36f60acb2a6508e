from odoo import fields, models


class IrAttachment(models.Model):
    _name = "ir.attachment"
    _inherit = ["ir.attachment", "borgerraadgiver.inquiry.reference"]

    # The inverse of mail.message's attachment_ids: which messages share the file
    borgerraadgiver_message_ids = fields.Many2many(
        "mail.message",
        "message_attachment_rel",
        "attachment_id",
        "message_id",
        string="Messages",
        groups="base.group_system",
    )
