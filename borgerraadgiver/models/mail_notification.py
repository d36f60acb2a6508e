"""Notifications of the addon's threads (issue 14, item 5): stock Odoo lets
every internal user read every notification; the record rules of
security/borgerraadgiver_security.xml keep those of inquiries and referrals to
their recipient, their author and the advisor. A notification is named after
its recipient, also where a Many2one shows it as superuser (the resend
wizards): the recipient's name only for those who may read it."""

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .borgerraadgiver_confidential_thread import (
    CONFIDENTIAL_THREADS,
    RECOMMENDATION,
    REFERRAL,
    readable_referrals_condition,
)


class MailNotification(models.Model):
    _inherit = "mail.notification"

    # For the record rule of centre staff (the notifications of the referrals
    # they may read: their own centre's); computed, never stored or copied
    borgerraadgiver_readable_referral = fields.Boolean(
        string="Of a Readable Referral",
        compute="_compute_borgerraadgiver_readable_referral",
        search="_search_borgerraadgiver_readable_referral",
        groups="base.group_system",
    )

    # For the record rule of every internal user (the notifications of the
    # addon's threads are only one's own); computed, never stored or copied
    borgerraadgiver_confidential = fields.Boolean(
        string="Of a Confidential Thread",
        compute="_compute_borgerraadgiver_confidential",
        search="_search_borgerraadgiver_confidential",
        groups="base.group_system",
    )

    @api.depends("mail_message_id")
    def _compute_borgerraadgiver_confidential(self):
        for notification in self:
            notification.borgerraadgiver_confidential = (
                notification.sudo().mail_message_id.model in CONFIDENTIAL_THREADS
            )

    def _search_borgerraadgiver_confidential(self, operator, value):
        """Correlated to the notification's message, which is checked by its
        primary key: not the list of every message of the addon's threads
        (millions at a national scale) for each user's notifications."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _("This field can only be searched with = True or = False.")
            )
        confidential = (
            self.env["mail.message"]
            .sudo()
            ._search(
                [
                    ("id", "=", SQL.identifier(self._table, "mail_message_id")),
                    ("model", "in", CONFIDENTIAL_THREADS),
                ]
            )
        )
        operator = "in" if (operator == "=") == value else "not in"
        return [("mail_message_id", operator, confidential)]

    @api.depends("mail_message_id")
    @api.depends_context("uid")
    def _compute_borgerraadgiver_readable_referral(self):
        readable = self.search([("borgerraadgiver_readable_referral", "=", True)])
        for notification in self:
            notification.borgerraadgiver_readable_referral = notification in readable

    def _search_borgerraadgiver_readable_referral(self, operator, value):
        # the messages' subquery of "mail_message_id any" is on mail_message
        res_id = SQL.identifier(self.env["mail.message"]._table, "res_id")
        operator, value = readable_referrals_condition(
            self.env, operator, value, res_id
        )
        of_referral = [("model", "=", REFERRAL), ("res_id", operator, value)]
        if operator == "in":
            return [("mail_message_id", "any", of_referral)]
        return [
            (
                "mail_message_id",
                "not any",
                [("model", "=", REFERRAL), ("res_id", "in", value)],
            )
        ]

    # issue 18: the same for the recommendations centre staff may read
    borgerraadgiver_readable_recommendation = fields.Boolean(
        string="Of a Readable Recommendation",
        compute="_compute_borgerraadgiver_readable_recommendation",
        search="_search_borgerraadgiver_readable_recommendation",
        groups="base.group_system",
    )

    @api.depends("mail_message_id")
    @api.depends_context("uid")
    def _compute_borgerraadgiver_readable_recommendation(self):
        readable = self.search([("borgerraadgiver_readable_recommendation", "=", True)])
        for notification in self:
            notification.borgerraadgiver_readable_recommendation = (
                notification in readable
            )

    def _search_borgerraadgiver_readable_recommendation(self, operator, value):
        res_id = SQL.identifier(self.env["mail.message"]._table, "res_id")
        operator, value = readable_referrals_condition(
            self.env, operator, value, res_id, model=RECOMMENDATION
        )
        if operator == "in":
            return [
                (
                    "mail_message_id",
                    "any",
                    [("model", "=", RECOMMENDATION), ("res_id", "in", value)],
                )
            ]
        return [
            (
                "mail_message_id",
                "not any",
                [("model", "=", RECOMMENDATION), ("res_id", "in", value)],
            )
        ]

    @api.depends("res_partner_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        super()._compute_display_name()
        if self.env.uid == SUPERUSER_ID:
            return
        confidential = self._origin.sudo().filtered(
            lambda notification: (
                notification.mail_message_id.model in CONFIDENTIAL_THREADS
            )
        )
        if not confidential:
            return
        readable = confidential.with_env(self.env(su=False))._filtered_access("read")
        for notification in self:
            if notification._origin in confidential - readable:
                notification.display_name = _("Confidential")

    def _borgerraadgiver_check_read(self):
        """Raise unless the current user may read the notifications of
        `self` that belong to the addon's threads (for the wizards whose
        related fields read a notification as superuser)."""
        if self.env.su:
            return
        self.sudo().filtered(
            lambda notification: (
                notification.mail_message_id.model in CONFIDENTIAL_THREADS
            )
        ).sudo(False).check_access("read")
