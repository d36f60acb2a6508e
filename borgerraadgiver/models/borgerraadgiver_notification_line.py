from odoo import api, models


class BorgerraadgiverNotificationLine(models.AbstractModel):
    """A line of a resend wizard (mail's, SMS's) shows its notification's
    recipient, name, address and failure: related fields, computed as
    superuser. So a line takes only a notification the user may read (the
    record rules on mail.notification keep those of the addon's threads to
    their recipient, their author, the centre's staff and the advisor)."""

    _name = "borgerraadgiver.notification.line"
    _description = "Line of a Resend Wizard of the Citizens' Advisor"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.notification_id._borgerraadgiver_check_read()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if "notification_id" in vals:
            self.notification_id._borgerraadgiver_check_read()
        return result
