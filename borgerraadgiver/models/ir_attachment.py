from odoo import api, fields, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    borgerraadgiver_inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        string="Inquiry",
        compute="_compute_borgerraadgiver_inquiry_id",
        search="_search_borgerraadgiver_inquiry_id",
        compute_sudo=True,
        groups="base.group_system",
        help="The inquiry the attachment belongs to, for the record rules of "
        "borgerraadgiver.",
    )
    # The inverse of mail.message's attachment_ids: which messages share the file
    borgerraadgiver_message_ids = fields.Many2many(
        "mail.message",
        "message_attachment_rel",
        "attachment_id",
        "message_id",
        string="Messages",
        groups="base.group_system",
    )

    @api.depends("res_model", "res_id")
    def _compute_borgerraadgiver_inquiry_id(self):
        Inquiry = self.env["borgerraadgiver.inquiry"]
        for attachment in self:
            attachment.borgerraadgiver_inquiry_id = Inquiry.browse(
                attachment.res_id if attachment.res_model == Inquiry._name else []
            )

    def _search_borgerraadgiver_inquiry_id(self, operator, value):
        return self.env["borgerraadgiver.inquiry"]._borgerraadgiver_reference_domain(
            "res_model", operator, value
        )
