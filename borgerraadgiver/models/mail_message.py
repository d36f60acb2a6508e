"""Messages of the addon's threads (issue 14, item 5): written by anyone but
the superuser, a message of an inquiry or a referral is the poster's own, on a
thread she may post on, and answers only messages she may read; it never
changes author, sender or thread afterwards. A message the journal holds
(borgerraadgiver_journal_entry.py) keeps its text, date and files, and stays:
only the addon's own code (sudo: CPR masking, anonymisation) rewrites or
erases it. Messages of other models stay as stock Odoo has them."""

from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_THREADS, same_address

PROTECTED_FIELDS = {"author_id", "author_guest_id", "email_from", "model", "res_id"}
# What the journal's entry of a document is made of, kept in step when the
# addon's own code (sudo) masks or erases it; nothing else of a document of
# the journal is written by a user: not its recipients, type, subtype,
# Message-ID or reply address either (the archive's message.eml holds them)
DOCUMENT_FIELDS = {"body", "subject", "date", "attachment_ids"}


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._borgerraadgiver_check_parent(vals.get("parent_id"))
                self._borgerraadgiver_check_date(vals)
        messages = super().create(vals_list)
        if not self.env.su:
            messages._borgerraadgiver_check_own()
        self.env["borgerraadgiver.journal.entry"]._journalise(
            messages._borgerraadgiver_confidential()
        )
        return messages

    def write(self, vals):
        if not self.env.su:
            if vals.get("model") in CONFIDENTIAL_THREADS or (
                PROTECTED_FIELDS.intersection(vals)
                and self._borgerraadgiver_confidential()
            ):
                raise AccessError(
                    _(
                        "The author, sender and document of a message of the "
                        "citizens' advisor cannot be changed."
                    )
                )
            self._borgerraadgiver_check_parent(vals.get("parent_id"))
            if vals:
                self._borgerraadgiver_check_not_journalised()
        result = super().write(vals)
        if self.env.su and DOCUMENT_FIELDS.intersection(vals):
            self.env["borgerraadgiver.journal.entry"]._sync_from_messages(
                self._borgerraadgiver_journalised()
            )
        return result

    def unlink(self):
        journalised = self._borgerraadgiver_journalised()
        if journalised and not self.env.su:
            journalised._borgerraadgiver_check_not_journalised()
        self.env["borgerraadgiver.journal.entry"]._sync_from_messages(
            journalised, erased=True
        )
        return super().unlink()

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if not self.env.su:
            self._borgerraadgiver_log_thread_reads()
        return result

    def _borgerraadgiver_log_thread_reads(self):
        """Messages of the addon's threads read directly (a search_read over
        RPC) are their thread's chatter read: the access log records them as
        the thread's "message_ids", as it does the chatter's own route."""
        res_ids = defaultdict(list)
        for message in self._borgerraadgiver_confidential():
            res_ids[message.model].append(message.res_id)
        for model, ids in res_ids.items():
            self.env[model].browse(ids)._log_read(["message_ids"], "read")

    @api.depends("record_name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        """A Many2one shows its record's name as superuser (a notification's
        message, a composer's or an answer's parent, a channel's origin): a
        message of the addon's threads is named after its thread only for
        those who may read it."""
        result = super()._compute_display_name()
        for message in self._borgerraadgiver_unreadable():
            message.display_name = _("Confidential")
        return result

    def _borgerraadgiver_unreadable(self):
        """The messages of `self` on the addon's threads the current user
        cannot read (whether or not `self` is sudo-ed)."""
        confidential = self._origin._borgerraadgiver_confidential()
        if not confidential or self.env.uid == SUPERUSER_ID:
            return self.browse()
        readable = confidential.with_env(self.env(su=False))._filtered_access("read")
        return self.filtered(lambda message: message._origin in confidential - readable)

    def _borgerraadgiver_confidential(self):
        """The messages of `self` on the addon's threads (as superuser)."""
        return self.sudo().filtered(
            lambda message: message.model in CONFIDENTIAL_THREADS
        )

    def _borgerraadgiver_check_own(self):
        """The current user is the author, and may post on the thread."""
        partner = self.env.user.partner_id
        for message in self._borgerraadgiver_confidential():
            if (
                message.author_id != partner
                or message.author_guest_id
                or not same_address(message.email_from, partner)
            ):
                raise AccessError(
                    _("A message of the citizens' advisor is posted in your own name.")
                )
            thread = self.env[message.model].browse(message.res_id)
            thread.check_access(thread._mail_post_access)
            # nothing is posted on an anonymised thread (retention)
            thread._check_not_anonymised()

    @api.model
    def _borgerraadgiver_check_parent(self, parent_id):
        """A message answers a message of the addon's threads only if the user
        may read it (its display name is the thread's)."""
        parent = self.browse(parent_id).sudo().exists() if parent_id else self
        if parent and parent.model in CONFIDENTIAL_THREADS:
            parent.sudo(False).check_access("read")

    # ------------------------------------------------------------------
    # Documents of the journal: received or sent, never changed
    # ------------------------------------------------------------------

    @api.model
    def _borgerraadgiver_check_date(self, vals):
        """A message of the addon's threads is dated when it is sent."""
        if vals.get("date") and vals.get("model") in CONFIDENTIAL_THREADS:
            raise UserError(
                _(
                    "A message of the citizens' advisor is dated when it is "
                    "sent: its date (%(field)s) cannot be given.",
                    field=self._fields["date"]._description_string(self.env),
                )
            )

    def _to_store(self, store, /, *, fields=None, **kwargs):
        """The web client learns which messages are documents of the journal:
        it offers neither edit nor delete on them (static/src/mail), which
        write and unlink refuse anyway."""
        result = super()._to_store(store, fields=fields, **kwargs)
        if fields is None:
            for message in self._borgerraadgiver_journalised():
                store.add(message, {"borgerraadgiver_journalised": True})
        return result

    def _borgerraadgiver_journalised(self):
        """The messages of `self` the journal holds (as superuser)."""
        confidential = self._borgerraadgiver_confidential()
        if not confidential:
            return confidential
        return (
            self.env["borgerraadgiver.journal.entry"]
            .sudo()
            .search([("message_id", "in", confidential.ids)])
            .message_id
        )

    def _borgerraadgiver_check_not_journalised(self):
        """A document received or sent is not edited or deleted."""
        entry = (
            self.env["borgerraadgiver.journal.entry"]
            .sudo()
            .search(
                [("message_id", "in", self._borgerraadgiver_confidential().ids)],
                limit=1,
            )
        )
        if entry:
            raise UserError(
                _(
                    "The message is document %(number)s of the journal of "
                    "inquiry %(inquiry)s: a document received or sent cannot be "
                    "changed or deleted afterwards, and keeps its date. Write a "
                    "new message or note instead.",
                    number=entry.number,
                    inquiry=entry.inquiry_id.name,
                )
            )
