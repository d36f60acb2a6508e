"""The journal (offentlighedsloven § 15, issue 17, item 7): every document
received or sent on an inquiry or a referral is journalised when it arrives,
numbered 1, 2, 3 … per inquiry; a document received or sent is never changed
and keeps its date; a closed case is exported for archiving; nobody but the
advisor reads the journal."""

import email
import hashlib
import io
import zipfile
from datetime import datetime, timedelta

from lxml import etree
from markupsafe import Markup

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.borgerraadgiver_inquiry_journal import ARCHIVE_NAMESPACE
from .common import BorgerraadgiverCase
from .test_mail_gateway import ALIAS, raw_mail

ENTRY = "borgerraadgiver.journal.entry"
INQUIRY = "borgerraadgiver.inquiry"
CPR = "010203-1234"
MUTED = ("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.http")
NS = {"a": ARCHIVE_NAMESPACE}


class JournalSetup:
    """The roles, a citizen with an address and an inquiry of theirs."""

    @classmethod
    def setup_journal(cls):
        cls.env.company.email = "kommunen@stevns.example"
        domain = cls.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or cls.env["mail.alias.domain"].create({"name": "stevns.example"})
        cls.env.company.alias_domain_id = domain
        cls.env.ref("borgerraadgiver.mail_alias_inquiry").alias_domain_id = domain
        cls.staff = new_test_user(
            cls.env,
            login="br_jr_staff",
            groups="base.group_user,borgerraadgiver.group_centre_staff",
        )
        cls.manager = new_test_user(
            cls.env,
            login="br_jr_manager",
            groups="base.group_user,borgerraadgiver.group_statistics",
        )
        cls.it_admin = new_test_user(
            cls.env,
            login="br_jr_it",
            groups="base.group_user,borgerraadgiver.group_admin",
        )
        cls.employee = new_test_user(
            cls.env, login="br_jr_employee", groups="base.group_user"
        )
        cls.centre.write(
            {"user_ids": [Command.link(cls.staff.id)], "email": "tc@stevns.example"}
        )
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {"name": "Mette Modtager", "email": "mette@example.net"}
        )
        cls.citizen_partner = cls.citizen._get_mail_partner()


@tagged("post_install", "-at_install")
class TestJournal(JournalSetup, BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_journal()
        cls.Entry = cls.env[ENTRY].with_user(cls.advisor)

    def journal(self, inquiry):
        return self.Entry.search([("inquiry_id", "=", inquiry.id)])

    def post(self, inquiry, body, **kwargs):
        """As the advisor's chatter posts: a message or a note."""
        return inquiry.with_user(self.advisor).message_post(body=body, **kwargs)

    def send(self, inquiry, body, **kwargs):
        return self.post(
            inquiry,
            body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.citizen_partner.ids,
            **kwargs,
        )

    def note(self, inquiry, body, **kwargs):
        return self.post(
            inquiry,
            body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            **kwargs,
        )

    # ------------------------------------------------------------------
    # What is journalised, with which date, direction and title
    # ------------------------------------------------------------------

    def test_mail_in_is_journalised_when_it_arrives(self):
        thread_id = self.env["mail.thread"].message_process(
            None,
            raw_mail(
                "Jens Borger <jens.j@example.net>",
                ALIAS,
                f"Klage, mit cpr er {CPR}",
                "Jeg har ventet et halvt år.",
                attachment=("afgoerelse.pdf", b"%PDF-1.4 test"),
            ),
        )
        inquiry = self.env[INQUIRY].browse(thread_id)
        mail = inquiry.message_ids.filtered(lambda m: m.message_type == "email")
        entry = self.journal(inquiry)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.number, 1)
        self.assertEqual(entry.direction, "received")
        self.assertEqual(entry.message_id, mail)
        self.assertEqual(entry.date, mail.date)
        self.assertEqual(entry.attachment_ids.mapped("name"), ["afgoerelse.pdf"])
        self.assertEqual(entry.title, "Klage, mit cpr er [CPR]")
        self.assertIn("jens.j@example.net", entry.author)
        # the citizen's reply is the next document
        self.env["mail.thread"].message_process(
            None,
            raw_mail(
                "jens.j@example.net",
                "catchall@stevns.example",
                "Re: Klage",
                "Her er brevet.",
                in_reply_to=mail.message_id,
            ),
        )
        self.assertEqual(self.journal(inquiry).mapped("number"), [1, 2])
        self.assertEqual(self.journal(inquiry)[1].direction, "received")

    def test_messages_sent_and_notes(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        self.assertFalse(self.journal(inquiry), "the tracking is no document")
        self.note(inquiry, "Ringede til borgeren, intet nyt.")
        self.assertFalse(self.journal(inquiry), "a note without files is no document")
        self.send(inquiry, f"Kære Mette, dit cpr-nummer {CPR} står i brevet. " * 3)
        scanned = self.note(
            inquiry,
            "",
            attachments=[(f"brev fra borger {CPR}.pdf", b"%PDF-1.4 scan")],
        )
        entries = self.journal(inquiry)
        self.assertEqual(entries.mapped("number"), [1, 2])
        sent, received = entries
        self.assertEqual(sent.direction, "sent")
        self.assertEqual(sent.author, self.advisor.name)
        self.assertTrue(sent.title.startswith("Kære Mette, dit cpr-nummer [CPR]"))
        self.assertTrue(sent.title.endswith("…"), "the first words only")
        self.assertNotIn(CPR, sent.title)
        self.assertEqual(received.direction, "received")
        self.assertEqual(received.message_id, scanned)
        self.assertEqual(received.title, "brev fra borger [CPR].pdf")

    def test_message_with_files_to_nobody_is_internal(self):
        inquiry = self.open_inquiry()
        self.post(
            inquiry,
            "Notat om sagen",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("notat.txt", b"notat")],
        )
        self.post(inquiry, "Til ingen", message_type="comment")
        self.assertEqual(self.journal(inquiry).mapped("direction"), ["internal"])

    def test_receipt_and_closing_letter_are_sent(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        for action in (inquiry.action_send_receipt, None):
            if action is None:
                inquiry.resolution = "explained"
                inquiry.action_close()
                action = inquiry.action_send_closing_letter
            context = action()["context"]
            composer = (
                self.env["mail.compose.message"]
                .with_user(self.advisor)
                .with_context(**context)
                .create({})
            )
            composer._action_send_mail()
        entries = self.journal(inquiry)
        self.assertEqual(entries.mapped("number"), [1, 2])
        self.assertEqual(entries.mapped("direction"), ["sent", "sent"])
        self.assertIn(inquiry.name, entries[0].title)
        self.assertIn(inquiry.name, entries[1].title)

    def test_referral_and_registered_answer(self):
        inquiry = self.forwarded_inquiry()
        referral = inquiry.referral_ids
        sent = self.journal(inquiry)
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent.direction, "sent")
        self.assertEqual(sent.referral_id, referral)
        wizard = (
            self.env["borgerraadgiver.referral.answer"]
            .with_user(self.staff)
            .create({"referral_id": referral.id, "answer": "Afgørelse sendt i dag."})
        )
        wizard.action_register()
        answer = self.journal(inquiry) - sent
        self.assertEqual(answer.number, 2)
        self.assertEqual(answer.direction, "received")
        self.assertEqual(answer.referral_id, referral)
        self.assertEqual(answer.author, self.staff.name)
        self.assertIn("Test Centre", answer.title)
        self.assertIn("Afgørelse sendt i dag.", answer.message_id.body)

    def test_answer_by_mail_is_journalised_once(self):
        inquiry = self.forwarded_inquiry()
        referral_mail = inquiry.referral_ids.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.env["mail.thread"].message_process(
            None,
            raw_mail(
                "Test Centre <tc@stevns.example>",
                "citizen@example.net",
                "Re: svar",
                "Vi har svaret borgeren.",
                cc=ALIAS,
                in_reply_to=referral_mail.message_id,
            ),
        )
        self.assertEqual(inquiry.referral_ids.state, "answered")
        entries = self.journal(inquiry)
        self.assertEqual(entries.mapped("number"), [1, 2])
        self.assertEqual(entries[1].title, "Re: svar")
        self.assertEqual(entries[1].message_id.message_type, "email")

    def test_numbers_unique_and_gapless_in_one_transaction(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        other = self.open_inquiry(citizen_id=self.citizen.id)
        # two documents at once (one create of two messages), and more
        # interleaved with another inquiry's
        self.env["mail.message"].create(
            [
                {
                    "model": INQUIRY,
                    "res_id": inquiry.id,
                    "message_type": "email",
                    "body": f"Brev {number}",
                    "email_from": "mette@example.net",
                }
                for number in (1, 2)
            ]
        )
        self.send(other, "Til den anden sag")
        self.send(inquiry, "Svar")
        self.note(inquiry, "", attachments=[("a.pdf", b"a"), ("b.pdf", b"b")])
        self.assertEqual(self.journal(inquiry).mapped("number"), [1, 2, 3, 4])
        self.assertEqual(self.journal(other).mapped("number"), [1])
        self.assertEqual(
            self.journal(inquiry)[:2].mapped("title"), ["Brev 1", "Brev 2"]
        )
        self.assertEqual(inquiry.sudo().journal_last_number, 4)

    # ------------------------------------------------------------------
    # A document received or sent is never changed
    # ------------------------------------------------------------------

    def test_sent_message_cannot_be_changed(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        message = self.send(
            inquiry, "Kære Mette", attachments=[("svar.pdf", b"%PDF-1.4 svar")]
        )
        date = message.date
        attachment = message.attachment_ids
        own = message.with_user(self.advisor)
        changes = {
            "body": {"body": "Rettet"},
            "subject": {"subject": "Nyt emne"},
            "date": {"date": fields.Datetime.now() - timedelta(days=30)},
            "attachment_ids": {"attachment_ids": [Command.clear()]},
        }
        for name, vals in changes.items():
            with self.subTest(field=name), self.assertRaises(UserError) as refusal:
                own.write(vals)
            self.assertIn(inquiry.name, str(refusal.exception))
        with self.assertRaises(UserError):
            own.unlink()
        # the chatter's edit and delete (the route passes the message sudo-ed)
        thread = inquiry.with_user(self.advisor)
        with self.assertRaises(UserError):
            thread._message_update_content(message.sudo(), Markup("<p>Rettet</p>"))
        with self.assertRaises(UserError):
            thread._message_update_content(message.sudo(), "", attachment_ids=[])
        with self.assertRaises(UserError):
            attachment.with_user(self.advisor).unlink()
        with self.assertRaises(UserError):
            attachment.with_user(self.advisor).write({"raw": b"%PDF-1.4 andet"})
        message.invalidate_recordset()
        self.assertEqual(message.body, Markup("<p>Kære Mette</p>"))
        self.assertEqual(message.date, date)
        self.assertEqual(message.attachment_ids, attachment)
        self.assertEqual(attachment.raw, b"%PDF-1.4 svar")

    def test_note_without_file_stays_editable(self):
        inquiry = self.open_inquiry()
        note = self.note(inquiry, "Første udkast")
        inquiry.with_user(self.advisor)._message_update_content(
            note.sudo(), Markup("<p>Andet udkast</p>")
        )
        self.assertIn("Andet udkast", note.body)
        inquiry.with_user(self.advisor)._message_update_content(
            note.sudo(), "", attachment_ids=[]
        )
        self.assertNotIn("udkast", note.body)
        self.assertFalse(self.journal(inquiry))

    def test_date_is_the_real_send_date(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        with self.assertRaises(UserError):
            self.send(inquiry, "Tilbagedateret", date="2020-01-01 10:00:00")
        self.assertFalse(self.journal(inquiry))

    def test_masking_and_erasing_keep_the_entry(self):
        """The addon's own code (sudo) masks and erases: the entry stays with
        its number, its title follows."""
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        first = self.send(inquiry, f"Dit cpr {CPR} er noteret")
        second = self.note(inquiry, "", attachments=[("Mette Modtager.pdf", b"x")])
        entries = self.journal(inquiry)
        first.sudo().write({"body": "Dit cpr 010203-XXXX er noteret"})
        self.assertEqual(entries[0].title, "Dit cpr 010203-XXXX er noteret")
        second.attachment_ids.sudo().unlink()
        first.sudo().write({"body": ""})
        self.assertEqual(entries.mapped("number"), [1, 2])
        self.assertNotIn("Mette", entries[1].title)
        self.assertNotIn("cpr", entries[0].title)
        first.sudo().unlink()
        self.assertTrue(entries[0].exists())
        self.assertFalse(entries[0].message_id)

    # ------------------------------------------------------------------
    # Who reads the journal: the advisor, nobody writes it
    # ------------------------------------------------------------------

    def test_nobody_but_the_advisor_reads_it(self):
        inquiry = self.forwarded_inquiry()
        entry = self.journal(inquiry)
        self.assertTrue(entry)
        for user in (self.staff, self.manager, self.it_admin, self.employee):
            Entry = self.env[ENTRY].with_user(user)
            with self.subTest(user=user.login), mute_logger(*MUTED):
                with self.assertRaises(AccessError):
                    Entry.search_read([], ["title"])
                with self.assertRaises(AccessError):
                    Entry.browse(entry.id).read(["title"])
                with self.assertRaises(AccessError):
                    inquiry.with_user(user).action_export_archive()

    def test_nobody_writes_it(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        self.send(inquiry, "Brev")
        entry = self.journal(inquiry)
        with mute_logger(*MUTED):
            with self.assertRaises(AccessError):
                self.Entry.create(
                    {
                        "inquiry_id": inquiry.id,
                        "number": 7,
                        "date": fields.Datetime.now(),
                        "direction": "received",
                    }
                )
            with self.assertRaises(AccessError):
                entry.write({"title": "Andet"})
            with self.assertRaises(AccessError):
                entry.unlink()
        with self.assertRaises(UserError):
            entry.sudo().unlink()
        self.assertEqual(inquiry.with_user(self.advisor).journal_entry_count, 1)
        action = inquiry.with_user(self.advisor).action_view_journal()
        self.assertEqual(
            self.Entry.search(action["domain"]), entry, "the aktliste of the inquiry"
        )

    # ------------------------------------------------------------------
    # Export for archiving, and the update
    # ------------------------------------------------------------------

    def test_archive_of_a_closed_case(self):
        inquiry = self.open_inquiry(
            citizen_id=self.citizen.id, subject=f"Boligstøtte {CPR}"
        )
        with self.assertRaises(UserError):
            inquiry.action_export_archive()
        self.send(inquiry, "Kære Mette", attachments=[("svar.pdf", b"%PDF-1.4 svar")])
        self.note(inquiry, "", attachments=[("svar.pdf", b"%PDF-1.4 scan")])
        inquiry.resolution = "explained"
        inquiry.action_close()
        action = inquiry.action_export_archive()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(
            action["url"], f"/borgerraadgiver/inquiry/{inquiry.id}/archive.zip"
        )
        archive = zipfile.ZipFile(
            io.BytesIO(inquiry.with_user(self.advisor)._archive_zip())
        )
        index = etree.fromstring(archive.read("index.xml"))
        self.assertEqual(index.findtext("a:number", namespaces=NS), inquiry.name)
        self.assertEqual(index.findtext("a:title", namespaces=NS), "Boligstøtte [CPR]")
        self.assertEqual(index.find("a:centre", NS).get("code"), "TST-C")
        self.assertEqual(index.find("a:resolution", NS).get("code"), "explained")
        self.assertEqual(
            index.findtext("a:closed", namespaces=NS), str(inquiry.closed_date)
        )
        documents = index.findall("a:documents/a:document", NS)
        self.assertEqual([d.get("number") for d in documents], ["1", "2"])
        self.assertEqual([d.get("direction") for d in documents], ["sent", "received"])
        for document in documents:
            for file in document.findall("a:file", NS):
                content = archive.read(file.get("path"))
                self.assertEqual(
                    file.get("sha256"), hashlib.sha256(content).hexdigest()
                )
        self.assertEqual(
            sorted(archive.namelist()),
            [
                "0001/message.eml",
                "0001/svar.pdf",
                "0002/message.eml",
                "0002/svar.pdf",
                "index.xml",
            ],
        )
        self.assertEqual(archive.read("0002/svar.pdf"), b"%PDF-1.4 scan")
        mail = email.message_from_bytes(archive.read("0001/message.eml"))
        sent = self.journal(inquiry)[0].message_id
        self.assertEqual(
            email.utils.parsedate_to_datetime(mail["Date"]).replace(tzinfo=None),
            sent.date,
        )
        self.assertIn("mette@example.net", mail["To"])
        self.assertIn("Kære Mette", mail.get_payload(decode=True).decode())

    def test_update_journalises_existing_documents_by_date(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        later = self.send(inquiry, "Senere")
        earlier = self.note(inquiry, "", attachments=[("brev.pdf", b"x")])
        # as before the journal: no entries, messages dated in the past
        self.env.cr.execute(
            "DELETE FROM borgerraadgiver_journal_entry WHERE inquiry_id = %s",
            [inquiry.id],
        )
        self.env.cr.execute(
            "UPDATE borgerraadgiver_inquiry SET journal_last_number = NULL "
            "WHERE id = %s",
            [inquiry.id],
        )
        self.env.invalidate_all()
        earlier.sudo().date = datetime(2025, 3, 1, 9)
        later.sudo().date = datetime(2025, 3, 2, 9)
        self.env[ENTRY]._journalise_existing()
        entries = self.journal(inquiry)
        self.assertEqual(entries.mapped("number"), [1, 2])
        self.assertEqual(entries.message_id.ids, [earlier.id, later.id])
        self.assertFalse(self.env[ENTRY]._journalise_existing(), "run twice: no more")

    def test_no_field_of_a_sent_message_is_written_by_a_user(self):
        """Not its recipients, type, Message-ID or reply address either (the
        archive's message.eml is made of them): found by an attacker as centre
        staff writing the advisor's referral mail."""
        inquiry = self.forwarded_inquiry()
        sent = inquiry.referral_ids.message_ids.filtered("partner_ids")[:1]
        self.assertTrue(self.journal(inquiry).filtered(lambda e: e.message_id == sent))
        for user in (self.staff, self.advisor):
            for vals in (
                {"partner_ids": [Command.clear()]},
                {"message_type": "notification", "is_internal": True},
                {"message_id": "<forged@example.net>", "reply_to": "x@example.net"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(UserError):
                        sent.with_user(user).write(vals)
        self.assertTrue(sent.partner_ids)

    def test_files_of_a_document_left_on_the_composer_stay(self):
        """A message posted over RPC may keep its files on the composer: they
        are the document's files all the same."""
        inquiry = self.forwarded_inquiry()
        referral = inquiry.referral_ids.with_user(self.staff)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.staff)
            .create(
                {
                    "name": "orig.txt",
                    "raw": b"ORIGINAL",
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        message = (
            self.env["mail.message"]
            .with_user(self.staff)
            .create(
                {
                    "model": referral._name,
                    "res_id": referral.id,
                    "body": "<p>Dokument fra centret</p>",
                    "attachment_ids": [Command.link(attachment.id)],
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_comment").id,
                }
            )
        )
        entry = self.Entry.search([("message_id", "=", message.id)])
        self.assertEqual(entry.attachment_ids, attachment)
        for vals in ({"raw": b"TAMPERED"}, {"name": "x.txt"}, {"mimetype": "x/y"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                attachment.with_user(self.staff).write(vals)
        with self.assertRaises(UserError):
            attachment.with_user(self.staff).unlink()
        self.assertEqual(attachment.sudo().raw, b"ORIGINAL")


@tagged("post_install", "-at_install")
class TestJournalHttp(JournalSetup, BorgerraadgiverCase, HttpCase):
    """The web client's routes and RPC, each user with her own password."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_journal()
        inquiry = (
            cls.env[INQUIRY]
            .with_user(cls.advisor)
            .create(
                {
                    "subject": "Lukket sag",
                    "citizen_id": cls.citizen.id,
                    "centre_id": cls.centre.id,
                    "category_id": cls.category_2.id,
                }
            )
        )
        inquiry.action_open()
        cls.sent = inquiry.message_post(
            body="Kære Mette",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.citizen_partner.ids,
            attachments=[("svar.pdf", b"%PDF-1.4 svar")],
        )
        cls.note = inquiry.message_post(
            body="Udkast", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        inquiry.resolution = "explained"
        inquiry.action_close()
        cls.inquiry = inquiry
        cls.open = cls.env[INQUIRY].with_user(cls.advisor).create({"subject": "Åben"})

    def update_content(self, message, body):
        return self.make_jsonrpc_request(
            "/mail/message/update_content",
            {"message_id": message.id, "body": body, "attachment_ids": []},
        )

    def test_chatter_edit_refused_for_a_sent_message(self):
        self.authenticate(self.advisor.login, self.advisor.login)
        with mute_logger(*MUTED), self.assertRaises(JsonRpcException) as refusal:
            self.update_content(self.sent, "<p>Rettet</p>")
        self.assertEqual(str(refusal.exception.args[0]), "odoo.exceptions.UserError")
        with mute_logger(*MUTED), self.assertRaises(JsonRpcException):
            self.update_content(self.sent, "")
        with mute_logger(*MUTED), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/attachment/delete",
                {"attachment_id": self.sent.attachment_ids.id},
            )
        self.sent.invalidate_recordset()
        self.assertEqual(self.sent.body, Markup("<p>Kære Mette</p>"))
        self.assertTrue(self.sent.attachment_ids.exists())
        # a note without files is edited as in stock Odoo
        self.update_content(self.note, "<p>Rettet udkast</p>")
        self.assertIn("Rettet udkast", self.note.body)

    def test_chatter_offers_no_edit_of_a_sent_message(self):
        """The web client is told which messages are documents of the journal
        and offers neither edit nor delete on them (a tour in Chromium); a
        note keeps both."""
        self.authenticate(self.advisor.login, self.advisor.login)
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": INQUIRY, "thread_id": self.inquiry.id, "limit": 30},
        )
        journalised = {
            message["id"]
            for message in result["data"]["mail.message"]
            if message.get("borgerraadgiver_journalised")
        }
        self.assertIn(self.sent.id, journalised)
        self.assertNotIn(self.note.id, journalised)
        self.start_tour(
            f"/odoo/{INQUIRY}/{self.inquiry.id}",
            "borgerraadgiver_journalised_message",
            login=self.advisor.login,
        )

    def archive_url(self, inquiry_id):
        return f"/borgerraadgiver/inquiry/{inquiry_id}/archive.zip"

    def test_archive_download(self):
        self.authenticate(self.advisor.login, self.advisor.login)
        response = self.url_open(self.archive_url(self.inquiry.id))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertIn("index.xml", archive.namelist())
        self.assertEqual(archive.read("0001/svar.pdf"), b"%PDF-1.4 svar")
        # not closed, or no such inquiry: not found
        for inquiry_id in (self.open.id, self.inquiry.id + 10_000):
            response = self.url_open(self.archive_url(inquiry_id))
            self.assertEqual(response.status_code, 404, inquiry_id)

    def test_archive_and_journal_refused_to_every_other_role(self):
        entry_ids = self.inquiry.sudo().journal_entry_ids.ids
        self.assertTrue(entry_ids)
        for user in (self.staff, self.manager, self.it_admin, self.employee):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                with mute_logger(*MUTED):
                    response = self.url_open(self.archive_url(self.inquiry.id))
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"svar", response.content)
                for method, args, kwargs in (
                    ("search_read", [[]], {"fields": ["title"]}),
                    ("read", [entry_ids, ["title", "attachment_ids"]], {}),
                ):
                    with (
                        mute_logger(*MUTED),
                        self.assertRaises(JsonRpcException) as refusal,
                    ):
                        self.make_jsonrpc_request(
                            f"/web/dataset/call_kw/{ENTRY}/{method}",
                            {
                                "model": ENTRY,
                                "method": method,
                                "args": args,
                                "kwargs": kwargs,
                            },
                        )
                    self.assertEqual(
                        str(refusal.exception.args[0]), "odoo.exceptions.AccessError"
                    )
