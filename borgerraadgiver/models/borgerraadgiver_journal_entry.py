"""The journal (offentlighedsloven § 15): every document received or sent on
an inquiry or one of its referrals gets a journal entry when it arrives, with
its date, a short title and the next document number of its inquiry (the
aktnummer: 1, 2, 3 … with no gaps).

Entries are made by the system only, from the creation of the messages of
the addon's threads (mail_message.py): nobody creates, changes or deletes one
through the client (no create, write or unlink right, for any group). Which
message is a document:

- a mail that came in through the gateway, and any message from outside the
  advisor's office (a citizen, a centre's staff): received;
- a log note with files (a letter that came by post, scanned): received;
- a message of the advisor's office (the advisor, the system) to someone
  outside it (the citizen, the centre): sent;
- a message of the office with files that reached no one outside it:
  internal;
- anything else (tracking, log notes and messages without files that reach
  nobody) is no document.

A journalised message cannot be changed or deleted afterwards (mail_message.py,
borgerraadgiver_confidential_thread.py, ir_attachment.py), except by the
addon's own code in sudo: masking a CPR number and anonymisation rewrite or
erase its text and files, and the entry's title follows
(`_sync_from_messages`)."""

import hashlib
import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

import pytz

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .borgerraadgiver_confidential_thread import ADVISOR_GROUP, INQUIRY, REFERRAL
from .cpr import mask_cpr_numbers

DIRECTIONS = [
    ("received", "Received"),
    ("sent", "Sent"),
    ("internal", "Internal"),
]
# message types a document can have: mails in, messages and mails out
DOCUMENT_TYPES = {"email", "comment", "email_outgoing", "auto_comment"}
# what a title is made of, in order of preference
TITLE_SOURCES = ("subject", "body", "files")
TITLE_WORDS = 12
TITLE_LENGTH = 100


def iso_utc(moment):
    """A datetime of Odoo (naive, UTC) as ISO 8601 with its zone."""
    return moment.isoformat(timespec="seconds") + "Z"


def file_name(name, taken):
    """name as a file name in a folder of the archive: no path, not one of
    the names `taken` (which it joins)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name or "").strip(" .") or "file"
    stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    candidate, counter = name, 1
    while candidate.lower() in taken:
        counter += 1
        candidate = f"{stem} ({counter}){dot}{extension}"
    taken.add(candidate.lower())
    return candidate


def short_title(text):
    """The first words of text, at most TITLE_LENGTH characters, with no CPR
    number in them."""
    words = mask_cpr_numbers(" ".join((text or "").split())).split(" ")
    title = " ".join(words[:TITLE_WORDS])
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rsplit(" ", 1)[0]
    return title + "…" if title != " ".join(words) else title


class BorgerraadgiverJournalEntry(models.Model):
    _name = "borgerraadgiver.journal.entry"
    _description = "Journal Entry"
    _order = "inquiry_id, number"
    _rec_name = "title"

    inquiry_id = fields.Many2one(
        INQUIRY,
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        help="The case the document belongs to.",
    )
    referral_id = fields.Many2one(
        REFERRAL,
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
        help="The referral on which the document was sent or received.",
    )
    number = fields.Integer(
        string="Document No.",
        required=True,
        readonly=True,
        aggregator=None,
        help="The document's number in its case (aktnummer): 1, 2, 3 … in the "
        "order the documents arrived.",
    )
    date = fields.Datetime(
        required=True,
        readonly=True,
        help="When the document was received or sent.",
    )
    direction = fields.Selection(DIRECTIONS, required=True, readonly=True)
    title = fields.Char(
        readonly=True,
        help="The mail's subject, else the first words of the message or the "
        "names of its files; CPR numbers masked.",
    )
    # what the title was made of (TITLE_SOURCES), to make it anew from the
    # same when the addon's code masks or erases the message
    title_source = fields.Char(readonly=True)
    message_id = fields.Many2one(
        "mail.message",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The message that is the document, or that brought its files.",
    )
    message_body = fields.Html(related="message_id.body", string="Text", sanitize=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "borgerraadgiver_journal_entry_attachment_rel",
        "entry_id",
        "attachment_id",
        string="Files",
        readonly=True,
    )
    author = fields.Char(
        compute="_compute_author",
        compute_sudo=True,
        help="Who sent the document: the message's author or address.",
    )

    _sql_constraints = [
        (
            "number_unique",
            "unique(inquiry_id, number)",
            "A document number is given once per inquiry.",
        ),
    ]

    @api.depends("message_id.author_id", "message_id.email_from")
    def _compute_author(self):
        for entry in self:
            message = entry.message_id
            entry.author = message.author_id.name or message.email_from or False

    @api.depends("number", "title")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.number}. {entry.title or ''}".strip()

    # ------------------------------------------------------------------
    # Made by the system, never through the client
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Each new entry takes the next number of its inquiry, counted on the
        inquiry's row: an UPDATE that concurrent transactions wait for (the
        later one is retried), so that the numbers stay unique and gapless."""
        if not self.env.su:
            raise AccessError(_("Journal entries are made by the system only."))
        for vals in vals_list:
            vals["number"] = self._next_number(vals["inquiry_id"])
        return super().create(vals_list)

    @api.model
    def _next_number(self, inquiry_id):
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET journal_last_number = COALESCE(journal_last_number, 0)"
                " + 1 WHERE id = %s RETURNING journal_last_number",
                SQL.identifier(self.env[INQUIRY]._table),
                inquiry_id,
            )
        )
        self.env[INQUIRY].browse(inquiry_id).invalidate_recordset(
            ["journal_last_number"]
        )
        return self.env.cr.fetchone()[0]

    def write(self, vals):
        if not self.env.su:
            raise AccessError(_("Journal entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """A journal entry stays as long as its inquiry (deleting a draft
        inquiry deletes its entries in the database, not here)."""
        raise UserError(_("Journal entries cannot be deleted."))

    # ------------------------------------------------------------------
    # Journalising messages
    # ------------------------------------------------------------------

    @api.model
    def _journalise(self, messages, direction=None):
        """Journal entries for the documents among `messages` (of the addon's
        threads), in the order of the messages; `direction` makes each message
        a document of that direction."""
        vals_list = []
        for message in messages.sudo().sorted(lambda m: (m.date, m.id)):
            inquiry, referral = self._case_of(message)
            message_direction = direction or self._direction(message)
            if inquiry and message_direction:
                title = self._title(message)
                vals_list.append(
                    {
                        "inquiry_id": inquiry.id,
                        "referral_id": referral.id,
                        "message_id": message.id,
                        "date": message.date,
                        "direction": message_direction,
                        "title": title["title"] or _("(no title)"),
                        "title_source": title["title_source"],
                        "attachment_ids": message.attachment_ids.ids,
                    }
                )
        return self.sudo().create(vals_list)

    @api.model
    def _case_of(self, message):
        """The inquiry and the referral of a message of the addon's threads."""
        Referral = self.env[REFERRAL].sudo()
        if message.model == REFERRAL:
            referral = Referral.browse(message.res_id).exists()
            return referral.inquiry_id, referral
        if message.model == INQUIRY:
            return self.env[INQUIRY].sudo().browse(message.res_id).exists(), Referral
        return self.env[INQUIRY], Referral

    @api.model
    def _direction(self, message):
        """received, sent, internal, or False: no document (module doc)."""
        if message.message_type not in DOCUMENT_TYPES:
            return False
        files = bool(message.attachment_ids)
        if message.message_type != "email" and self._is_note(message):
            return "received" if files else False
        if message.message_type == "email" or not self._is_office(message.author_id):
            return "received"
        if self._outside_recipients(message):
            return "sent"
        return "internal" if files else False

    @api.model
    def _is_note(self, message):
        return bool(
            message.is_internal or not message.subtype_id or message.subtype_id.internal
        )

    @api.model
    def _is_office(self, partner):
        """Whether `partner` is the advisor's office: a user of the advisor
        group, or the system (OdooBot)."""
        return partner == self.env.ref("base.partner_root") or any(
            user.has_group(ADVISOR_GROUP)
            for user in partner.with_context(active_test=False).user_ids
        )

    @api.model
    def _outside_recipients(self, message):
        """Whether the message went to someone outside the office: its
        recipients and the followers of its subtype."""
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", message.model),
                    ("res_id", "=", message.res_id),
                    ("subtype_ids", "in", message.subtype_id.ids),
                ]
            )
        )
        recipients = (message.partner_ids | followers.partner_id) - message.author_id
        return any(not self._is_office(partner) for partner in recipients)

    @api.model
    def _title(self, message, source=None):
        """The title (and its source): the mail's subject, else the first
        words of its text, else the names of its files; no CPR number.
        Made anew from `source`, it may be empty."""
        texts = {
            "subject": message.subject or "",
            "body": tools.html2plaintext(message.body or "", include_references=False),
            "files": ", ".join(message.attachment_ids.mapped("name")),
        }
        source = source or next(
            (name for name in TITLE_SOURCES if texts[name].strip()), "subject"
        )
        return {"title_source": source, "title": short_title(texts[source])}

    @api.model
    def _sync_from_messages(self, messages, erased=False):
        """The entries of `messages` follow what the addon's code (sudo)
        wrote on them: the masked or erased text gives the title (made of the
        same as before: a subject the mail sent later gets is no title), the
        demo's or a migration's date the date; `erased`: the messages are
        deleted."""
        entries = self.sudo().search([("message_id", "in", messages.ids)])
        for entry in entries:
            message = entry.message_id
            title = (
                ""
                if erased
                else self._title(message, entry.title_source or None)["title"]
            )
            values = {"title": title or _("(deleted)")}
            if not erased:
                values["date"] = message.date
            if any(entry[name] != value for name, value in values.items()):
                entry.write(values)

    @api.model
    def _journalise_existing(self):
        """The documents of inquiries and referrals made before the journal
        (the update to 18.0.2.2.0): journalised in the order of their dates."""
        journalised = self.sudo().search([]).message_id
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "in", (INQUIRY, REFERRAL)),
                    ("id", "not in", journalised.ids),
                ],
                order="date, id",
            )
        )
        return self._journalise(messages)

    # ------------------------------------------------------------------
    # The archive export (borgerraadgiver_inquiry_journal.py)
    # ------------------------------------------------------------------

    def _archive_folder(self):
        return f"{self.number:04d}"

    def _archive_files(self):
        """(path, role, mimetype, content) of the document's files in the
        archive: the message as message.eml, then its files as they are."""
        self.ensure_one()
        folder, taken, files = self._archive_folder(), set(), []
        if self.message_id:
            name = file_name("message.eml", taken)
            files.append(
                (f"{folder}/{name}", "message", "message/rfc822", self._archive_eml())
            )
        for attachment in self.sudo().attachment_ids.sorted("id"):
            name = file_name(attachment.name, taken)
            files.append(
                (f"{folder}/{name}", "file", attachment.mimetype, attachment.raw or b"")
            )
        return files

    def _archive_eml(self):
        """The message as a mail (RFC 5322): sender, recipients, its real date,
        subject, Message-ID and the HTML body; its files are beside it."""
        message = self.sudo().message_id
        mail = EmailMessage(policy=SMTP)
        author = message.author_id
        mail["From"] = (
            formataddr((author.name or "", author.email or ""))
            if author.email
            else message.email_from or author.name or ""
        )
        recipients = message.partner_ids | message.notification_ids.res_partner_id
        if recipients:
            mail["To"] = ", ".join(
                formataddr((partner.name or "", partner.email or ""))
                for partner in recipients
            )
        mail["Date"] = format_datetime(pytz.utc.localize(message.date))
        mail["Subject"] = message.subject or self.title or ""
        if message.message_id:
            mail["Message-ID"] = message.message_id
        mail.set_content(str(message.body or ""), subtype="html")
        return mail.as_bytes()

    def _archive_element(self, E, files):
        """The document's line of the aktliste in index.xml."""
        self.ensure_one()
        attributes = {
            "number": str(self.number),
            "date": iso_utc(self.date),
            "direction": self.direction,
        }
        if self.referral_id:
            attributes["referral"] = self.referral_id.name
        children = [E.title(self.title or "")]
        if self.author:
            children.append(E.author(self.author))
        children += [
            E.file(
                path=path,
                role=role,
                mimetype=mimetype or "application/octet-stream",
                size=str(len(content)),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            for path, role, mimetype, content in files
        ]
        return E.document(*children, **attributes)
