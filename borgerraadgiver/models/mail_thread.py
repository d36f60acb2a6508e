import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """A reply to an inquiry's mail from someone the inquiry does not know
        (not its citizen, its centre, a follower or a user) never lands on
        that inquiry: it starts a new draft inquiry instead."""
        route = super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )
        if route and route[0] == "borgerraadgiver.inquiry" and route[1]:
            inquiry = self.env[route[0]].sudo().browse(route[1])
            if not inquiry._accepts_mail_from(message_dict):
                _logger.info(
                    "Mail %s from %s replies to inquiry %s but does not come "
                    "from its citizen, centre or followers: new inquiry",
                    message_dict.get("message_id"),
                    message_dict.get("email_from"),
                    inquiry.id,
                )
                return (route[0], False, route[2], route[3], route[4])
        return route
