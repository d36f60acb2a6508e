from odoo import models


class BorgerraadgiverAnonymisable(models.AbstractModel):
    _inherit = "borgerraadgiver.anonymisable"

    def _erase_chatter(self):
        """The meetings planned from an anonymised inquiry or referral (their
        attendees, descriptions and places) go with its chatter."""
        self.env["calendar.event"].with_context(active_test=False).search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        return super()._erase_chatter()
