from odoo import _, api, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_access_log(self):
        """A user who read personal data stays in the access log: deleting
        them is refused (archiving keeps them). The log's user_id has no
        foreign key (borgerraadgiver_access_log.py): this is its restrict."""
        log = self.env["borgerraadgiver.access.log"].sudo()
        if log.search_count([("user_id", "in", self.ids)], limit=1):
            raise UserError(
                _(
                    "A user who has read citizens' personal data cannot be "
                    "deleted: the access log names them. Archive the user instead."
                )
            )
