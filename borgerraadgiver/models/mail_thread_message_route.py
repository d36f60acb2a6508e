"""The mail gateway and the addon's threads (issue 14, item 5).

mail.thread.message_process and message_route are public methods: any user can
call them over RPC with a mail of her own making, and the gateway then creates
and updates records as the superuser. Mail for the addon's threads is routed
only by the gateway itself (fetchmail and its cron, the mailgate script as an
administrator), and values other than the alias's own defaults never reach a
new inquiry.
"""

import ast

from odoo import _, api, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_THREADS


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

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
        if not any(route[0] in CONFIDENTIAL_THREADS for route in routes or ()):
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
            if route[0] in CONFIDENTIAL_THREADS
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
