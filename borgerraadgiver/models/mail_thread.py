import logging

from odoo import api, models

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_THREADS as THREADS
from .borgerraadgiver_confidential_thread import INQUIRY

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

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
