from odoo import api, fields, models
from odoo.tools import SQL

from .borgerraadgiver_confidential_thread import (
    RECOMMENDATION,
    REFERRAL,
    readable_referrals_condition,
)


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    # For the record rule of centre staff (who follows the referrals they may
    # read: their own centre's); computed, never stored or copied
    borgerraadgiver_readable_referral = fields.Boolean(
        string="Of a Readable Referral",
        compute="_compute_borgerraadgiver_readable_referral",
        search="_search_borgerraadgiver_readable_referral",
        groups="base.group_system",
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_borgerraadgiver_readable_referral(self):
        readable = self.search([("borgerraadgiver_readable_referral", "=", True)])
        for follower in self:
            follower.borgerraadgiver_readable_referral = follower in readable

    def _search_borgerraadgiver_readable_referral(self, operator, value):
        operator, value = readable_referrals_condition(
            self.env, operator, value, SQL.identifier(self._table, "res_id")
        )
        if operator == "in":
            return [("res_model", "=", REFERRAL), ("res_id", "in", value)]
        return ["|", ("res_model", "!=", REFERRAL), ("res_id", "not in", value)]

    # issue 18: the same for the recommendations centre staff may read (their
    # own centre's, once sent); computed, never stored or copied
    borgerraadgiver_readable_recommendation = fields.Boolean(
        string="Of a Readable Recommendation",
        compute="_compute_borgerraadgiver_readable_recommendation",
        search="_search_borgerraadgiver_readable_recommendation",
        groups="base.group_system",
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_borgerraadgiver_readable_recommendation(self):
        readable = self.search([("borgerraadgiver_readable_recommendation", "=", True)])
        for follower in self:
            follower.borgerraadgiver_readable_recommendation = follower in readable

    def _search_borgerraadgiver_readable_recommendation(self, operator, value):
        operator, value = readable_referrals_condition(
            self.env,
            operator,
            value,
            SQL.identifier(self._table, "res_id"),
            model=RECOMMENDATION,
        )
        if operator == "in":
            return [("res_model", "=", RECOMMENDATION), ("res_id", "in", value)]
        return ["|", ("res_model", "!=", RECOMMENDATION), ("res_id", "not in", value)]
