"""The files of the journal's documents (borgerraadgiver_journal_entry.py)
stay as they were received or sent: nobody but the addon's own code (sudo:
anonymisation) changes or deletes them, e.g. through the chatter's route
/mail/attachment/delete."""

from odoo import _, models
from odoo.exceptions import UserError

# What a user may still write on a file of the journal: the token of a link
# to it (Odoo's own routes make one)
SHAREABLE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        if not self.env.su and set(vals) - SHAREABLE_FIELDS:
            self._borgerraadgiver_check_not_journalised()
        return super().write(vals)

    def unlink(self):
        entries = self._borgerraadgiver_journal_entries()
        if entries and not self.env.su:
            self._borgerraadgiver_check_not_journalised()
        messages = entries.message_id
        result = super().unlink()
        # titles made of file names lose the names of deleted files
        self.env["borgerraadgiver.journal.entry"]._sync_from_messages(messages)
        return result

    def _borgerraadgiver_journal_entries(self):
        """The journal entries holding files of `self` (as superuser),
        wherever the files are attached: a message posted over RPC may leave
        them on the composer."""
        Entry = self.env["borgerraadgiver.journal.entry"].sudo()
        return Entry.search([("attachment_ids", "in", self.ids)]) if self.ids else Entry

    def _borgerraadgiver_check_not_journalised(self):
        entry = self._borgerraadgiver_journal_entries()[:1]
        if entry:
            raise UserError(
                _(
                    "The file is part of document %(number)s of the journal of "
                    "inquiry %(inquiry)s: a document received or sent cannot be "
                    "changed or deleted afterwards.",
                    number=entry.number,
                    inquiry=entry.inquiry_id.name,
                )
            )
