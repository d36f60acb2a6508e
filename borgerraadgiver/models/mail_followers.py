from odoo import api, fields, models

from .borgerraadgiver_confidential_thread import REFERRAL, referral_ids_condition


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    # For the record rule of centre staff (who follows their own centre's
    # referrals); computed, never stored or copied
    borgerraadgiver_referral_id = fields.Many2one(
        REFERRAL,
        string="Referral",
        compute="_compute_borgerraadgiver_referral_id",
        search="_search_borgerraadgiver_referral_id",
        compute_sudo=True,
        groups="base.group_system",
    )

    @api.depends("res_model", "res_id")
    def _compute_borgerraadgiver_referral_id(self):
        for follower in self:
            follower.borgerraadgiver_referral_id = (
                follower.res_id if follower.res_model == REFERRAL else False
            )

    def _search_borgerraadgiver_referral_id(self, operator, value):
        operator, value = referral_ids_condition(self.env, operator, value)
        return [("res_model", "=", REFERRAL), ("res_id", operator, value)]
