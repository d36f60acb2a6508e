"""Scheduled messages of the addon's threads (issue 14, item 5): stock Odoo
lets whoever may post on a thread schedule a message in anyone's name, posted
later by the scheduler in that name. On an inquiry or a referral the author is
the user herself, and the files are files she may read (stock Odoo refuses
others only because it happens to read them). Reading follows the post right
on the thread, as in stock Odoo (mail.scheduled.message._search); other
models are left as they are."""

from odoo import _, api, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_THREADS


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"

    @api.model_create_multi
    def create(self, vals_list):
        scheduled = super().create(vals_list)
        scheduled._borgerraadgiver_check_own()
        return scheduled

    def write(self, vals):
        result = super().write(vals)
        if {"author_id", "attachment_ids"}.intersection(vals):
            self._borgerraadgiver_check_own()
        return result

    def _borgerraadgiver_check_own(self):
        if self.env.su:
            return
        partner = self.env.user.partner_id
        for scheduled in self.sudo():
            if scheduled.model not in CONFIDENTIAL_THREADS:
                continue
            if scheduled.author_id != partner:
                raise AccessError(
                    _("A message of the citizens' advisor is posted in your own name.")
                )
            scheduled.attachment_ids.sudo(False).check("read")
