from odoo import api, fields, models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    borgerraadgiver_inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        string="Inquiry",
        compute="_compute_borgerraadgiver_inquiry_id",
        search="_search_borgerraadgiver_inquiry_id",
        compute_sudo=True,
        groups="base.group_system",
        help="The inquiry followed, for the record rules of borgerraadgiver.",
    )

    @api.depends("res_model", "res_id")
    def _compute_borgerraadgiver_inquiry_id(self):
        Inquiry = self.env["borgerraadgiver.inquiry"]
        for follower in self:
            follower.borgerraadgiver_inquiry_id = Inquiry.browse(
                follower.res_id if follower.res_model == Inquiry._name else []
            )

    def _search_borgerraadgiver_inquiry_id(self, operator, value):
        return self.env["borgerraadgiver.inquiry"]._borgerraadgiver_reference_domain(
            "res_model", operator, value
        )
