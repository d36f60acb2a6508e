"""The citizen marker of res.partner."""

from odoo import models


class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"

    def _mark_citizens(self):
        """Hide the citizens from the rest of the ERP (see the record rules on
        res.partner); partners of users and companies stay visible."""
        citizens = self.sudo().citizen_id.filtered(
            lambda partner: (
                not partner.is_borgerraadgiver_citizen
                and not partner.is_company
                and not partner.with_context(active_test=False).user_ids
            )
        )
        if citizens:
            citizens.write({"is_borgerraadgiver_citizen": True})
