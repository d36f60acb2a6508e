import ast
import logging

from odoo import _, api, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_THREADS as THREADS
from .borgerraadgiver_confidential_thread import INQUIRY

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        self._borgerraadgiver_check_recipients(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        self._borgerraadgiver_check_recipients(kwargs.get("partner_ids"))
        return super().message_notify(**kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """A follower is a recipient, and a follower's name and e-mail are
        read as superuser (mail.followers' related fields): a citizen's mail
        contact follows an ERP document only by the advisor's doing."""
        self._borgerraadgiver_check_recipients(partner_ids)
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _borgerraadgiver_check_recipients(self, partner_ids):
        """On any document of the ERP: the partners the addon made to mail a
        citizen (hidden from all but the advisor) are recipients of the
        advisor's messages only. Routes post in sudo, so the check is made
        for the user who asks; OdooBot and the gateway pass."""
        if self.env["res.partner"]._borgerraadgiver_hidden_among(partner_ids):
            raise AccessError(
                _("Only the advisor writes to the citizens of her case system.")
            )

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """A reply to an inquiry's or a referral's mail from someone it does
        not know (see their _accepts_mail_from) never lands on it: it starts
        a new draft inquiry instead."""
        route = super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )
        if route and route[0] in THREADS and route[1]:
            record = self.env[route[0]].sudo().browse(route[1])
            if not record._accepts_mail_from(message_dict):
                _logger.info(
                    "Mail %s from %s replies to %s %s but does not come from "
                    "anyone it knows: new inquiry",
                    message_dict.get("message_id"),
                    message_dict.get("email_from"),
                    route[0],
                    record.id,
                )
                return (INQUIRY, False, route[2], route[3], route[4])
        return route

    # The mail gateway and the addon's threads (issue 14, item 5):
    # mail.thread.message_process and message_route are public methods: any
    # user can call them over RPC with a mail of her own making, and the
    # gateway then creates and updates records as the superuser. Mail for the
    # addon's threads is routed only by the gateway itself (fetchmail and its
    # cron, the mailgate script as an administrator), and values other than
    # the alias's own defaults never reach a new inquiry.

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        if not any(route[0] in THREADS for route in routes or ()):
            return routes
        if not self.env.is_system():
            raise AccessError(
                _(
                    "Only the mail gateway delivers mail to the citizens' "
                    "advisor's inquiries and referrals."
                )
            )
        return [
            (
                route[0],
                route[1],
                self._borgerraadgiver_alias_defaults(route[0], route[4]),
                route[3],
                route[4],
            )
            if route[0] in THREADS
            else route
            for route in routes
        ]

    @api.model
    def _borgerraadgiver_alias_defaults(self, model, alias):
        """The values a new thread of the addon gets from the mail: its
        alias's defaults (the addon's alias for the model when the mail came
        by no alias), never the caller's custom_values."""
        alias = (alias or self.env["mail.alias"]).sudo()
        if not alias:
            alias = alias.search(
                [
                    ("alias_model_id.model", "=", model),
                    ("alias_force_thread_id", "=", False),
                ],
                order="id",
                limit=1,
            )
        return dict(ast.literal_eval(alias.alias_defaults or "{}")) if alias else {}
