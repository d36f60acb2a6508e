"""Notifications of the addon's threads (issue 14, item 5): stock Odoo lets
every internal user read every notification; the record rules of
security/borgerraadgiver_security.xml keep those of inquiries and referrals to
their recipient, their author and the advisor. A notification is named after
its recipient, also where a Many2one shows it as superuser (the resend
wizards): the recipient's name only for those who may read it."""

from odoo import SUPERUSER_ID, _, api, fields, models

from .borgerraadgiver_confidential_thread import (
    CONFIDENTIAL_THREADS,
    REFERRAL,
    referral_ids_condition,
)


class MailNotification(models.Model):
    _inherit = "mail.notification"

    # For the record rule of centre staff (the notifications of their own
    # centre's referrals); computed, never stored or copied
    borgerraadgiver_referral_id = fields.Many2one(
        REFERRAL,
        string="Referral",
        compute="_compute_borgerraadgiver_referral_id",
        search="_search_borgerraadgiver_referral_id",
        compute_sudo=True,
        groups="base.group_system",
    )

    @api.depends("mail_message_id")
    def _compute_borgerraadgiver_referral_id(self):
        for notification in self:
            message = notification.mail_message_id
            notification.borgerraadgiver_referral_id = (
                message.res_id if message.model == REFERRAL else False
            )

    def _search_borgerraadgiver_referral_id(self, operator, value):
        operator, value = referral_ids_condition(self.env, operator, value)
        return [
            (
                "mail_message_id",
                "any",
                [("model", "=", REFERRAL), ("res_id", operator, value)],
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
