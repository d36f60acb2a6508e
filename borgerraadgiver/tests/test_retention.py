"""Retention (issue 17, item 4): anonymising erases the personal data of
inquiries, their referrals, citizens and the citizens' mail contacts — texts,
chatter, tracking values, files, the files in the filestore too — and leaves
every figure of the statistics, the workbook and the PDF as it was."""

import base64
import datetime as dt
import os

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.service.model import get_public_method
from odoo.tests import Form, TransactionCase, new_test_user
from odoo.tools import html2plaintext, mute_logger

from ..models.borgerraadgiver_anonymisable import anonymised_placeholder
from .common import BorgerraadgiverCase
from .report_common import render_workbook

PERIOD = (dt.date(2020, 1, 1), dt.date(2021, 3, 15))
INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
FILE = "Lægeerklæring for Jens Hansen, 010203-1234".encode()


def collect_erased_files(env):
    """Run what the commit runs: the files leave the filestore. Its cursor
    is the test's own, as in an HTTP test (it waits for no lock of ours)."""
    env.registry.enter_test_mode(env.cr)
    try:
        env.cr.postcommit.run()
    finally:
        env.registry.leave_test_mode()


def files_of(attachments):
    """The attachments' files in the filestore."""
    return {a._full_path(a.store_fname) for a in attachments.sudo() if a.store_fname}


class TestRetentionKeepsTheStatistics(TransactionCase):
    """The demo's report of 2020-21 (the specification's 33 inquiries, their
    citizens, referrals, mails and tracking) before and after every inquiry
    of the period is anonymised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = cls.env.ref("borgerraadgiver.user_advisor")
        cls.manager = new_test_user(
            cls.env,
            login="br_test_retention_manager",
            groups="borgerraadgiver.group_statistics",
        )
        cls.report = cls.env.ref("borgerraadgiver.annual_report_2020_2021")
        cls.inquiries = (
            cls.env[INQUIRY]
            .with_user(cls.advisor)
            .search(
                [
                    ("received_date", ">=", PERIOD[0]),
                    ("received_date", "<=", PERIOD[1]),
                ]
            )
        )

    def figures(self):
        """Every figure of the period as management gets it: the tables and
        key figures, the conclusion, the answer times, each cell of the
        workbook and the text of the PDF's HTML."""
        self.env.invalidate_all()
        report = self.report.with_user(self.manager)
        period = (
            self.env["borgerraadgiver.statistics"]
            .with_user(self.manager)
            .with_context(lang="da_DK")
            ._for_period(*PERIOD)
        )
        book = render_workbook(report)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        return {
            "tables": [(t.key, t.columns, t.rows) for t in period.tables],
            "figures": period.figures,
            "conclusion": [str(p) for p in period.conclusion],
            "answer_times": (period.answer_times.rows, period.answer_times.total),
            "workbook": {
                sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets
            },
            "pdf": html2plaintext(html.decode()),
            "report": report.read(["inquiry_count"]),
        }

    def test_anonymising_the_period_changes_no_figure_and_erases_everything(self):
        inquiries = self.inquiries
        self.assertEqual(len(inquiries), 33)
        referrals = inquiries.referral_ids
        self.assertTrue(referrals)
        # a file on an inquiry, one mailed on a referral, and an ERP contact's
        # file with the same content (the same file in the filestore)
        self.env["ir.attachment"].create(
            {
                "name": "lægeerklæring.pdf",
                "raw": FILE,
                "res_model": INQUIRY,
                "res_id": inquiries[0].id,
            }
        )
        referrals[0].with_user(self.advisor).message_post(
            body="Se vedhæftede journal for borgeren",
            attachments=[("journal.pdf", FILE + b" (journal)")],
        )
        contact = self.env["res.partner"].create({"name": "Leverandør A/S"})
        shared = self.env["ir.attachment"].create(
            {
                "name": "same.pdf",
                "raw": FILE,
                "res_model": "res.partner",
                "res_id": contact.id,
            }
        )
        # tracked changes: their old values are in mail.tracking.value
        other_advisor = new_test_user(
            self.env, login="br_ret_advisor2", groups="borgerraadgiver.group_advisor"
        )
        inquiries[:3].write({"user_id": other_advisor.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", INQUIRY),
                ("res_id", "in", inquiries.ids),
                "&",
                ("model", "=", REFERRAL),
                ("res_id", "in", referrals.ids),
            ]
        )
        tracking = messages.tracking_value_ids
        notifications = messages.notification_ids
        mails = self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        attachments = self.env["ir.attachment"].search(
            [
                "|",
                "&",
                ("res_model", "=", INQUIRY),
                ("res_id", "in", inquiries.ids),
                "&",
                ("res_model", "=", REFERRAL),
                ("res_id", "in", referrals.ids),
            ]
        )
        self.assertTrue(tracking and notifications and mails)
        self.assertEqual(len(attachments), 2)
        files = files_of(attachments)
        self.assertTrue(all(os.path.exists(path) for path in files))
        citizens = inquiries.citizen_id
        in_use = (
            self.env[INQUIRY]
            .search(
                [("citizen_id", "in", citizens.ids), ("id", "not in", inquiries.ids)]
            )
            .citizen_id
        )
        gone = citizens - in_use
        self.assertTrue(gone and in_use)
        in_use_names = in_use.mapped("name")
        partner = gone[0].sudo()._get_mail_partner()
        before = self.figures()

        inquiries.action_anonymise("Test af sletning")
        # the files leave the filestore when the transaction commits
        collect_erased_files(self.env)

        self.assertEqual(self.figures(), before)
        placeholder = anonymised_placeholder(self.env)
        for inquiry in inquiries.sudo():
            self.assertTrue(inquiry.anonymised)
            self.assertEqual(inquiry.anonymised_reason, "Test af sletning")
            self.assertEqual(inquiry.anonymised_uid, self.advisor)
            self.assertTrue(inquiry.anonymised_date)
            self.assertRecordValues(
                inquiry,
                [
                    {
                        "citizen_id": False,
                        "subject": placeholder,
                        "description": False,
                        "advisor_notes": False,
                        "centre_answer": False,
                    }
                ],
            )
            self.assertTrue(inquiry.name.startswith("BR-202"))
            # what is left of the chatter: the note of the anonymisation
            note = inquiry.message_ids
            self.assertEqual(len(note), 1)
            self.assertIn("Test af sletning", note.body)
            self.assertFalse(note.tracking_value_ids or note.attachment_ids)
        for referral in referrals.sudo():
            self.assertRecordValues(
                referral,
                [
                    {
                        "anonymised": True,
                        "subject": placeholder,
                        "description": False,
                        "citizen_name": False,
                        "citizen_email": False,
                        "citizen_phone": False,
                        "citizen_address": False,
                        "answer": False,
                    }
                ],
            )
            self.assertFalse(referral.message_ids)
            self.assertFalse(referral.message_follower_ids)
        for records in (messages, tracking, notifications, mails, attachments):
            self.assertFalse(records.exists(), records)
        self.assertFalse(inquiries.sudo().activity_ids)
        # the files leave the filestore, but the one the ERP contact's file
        # of the same content shares (a file per checksum), readable
        shared_file = shared._full_path(shared.store_fname)
        self.assertIn(shared_file, files)
        self.assertFalse(
            [path for path in files - {shared_file} if os.path.exists(path)]
        )
        self.assertTrue(os.path.exists(shared_file))
        self.assertEqual(shared.raw, FILE)
        # citizens with no other inquiry go, their own mail contact too;
        # those with a current inquiry stay as they were
        self.assertFalse(gone.exists())
        self.assertFalse(partner.exists())
        self.assertEqual(in_use.exists().mapped("name"), in_use_names)
        self.assertFalse(in_use.filtered("anonymised"))


class TestRetention(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {
                "name": "Jens Hansen",
                "email": "jens.hansen@example.dk",
                "phone": "20 30 40 50",
                "street": "Storegade 1",
                "zip": "4660",
                "city": "Store Heddinge",
            }
        )
        cls.others = {
            "staff": new_test_user(
                cls.env,
                login="br_ret_staff",
                groups="borgerraadgiver.group_centre_staff",
            ),
            "management": new_test_user(
                cls.env,
                login="br_ret_manager",
                groups="borgerraadgiver.group_statistics",
            ),
            "user": new_test_user(
                cls.env, login="br_ret_user", groups="base.group_user"
            ),
            "admin": new_test_user(
                cls.env,
                login="br_ret_admin",
                groups="borgerraadgiver.group_admin,base.group_system",
            ),
        }
        cls.centre.user_ids = cls.others["staff"]

    def closed_on(self, day, **values):
        values.setdefault("citizen_id", self.citizen.id)
        inquiry = self.closed_inquiry(**values)
        inquiry.sudo().closed_date = day
        return inquiry

    # ------------------------------------------------------------------
    # The daily scheduled action
    # ------------------------------------------------------------------

    def expire(self, when):
        with freeze_time(when):
            self.env[INQUIRY]._cron_anonymise_expired()

    def test_cron_anonymises_after_the_period_by_the_municipal_day(self):
        closed = self.closed_on(dt.date(2020, 3, 1))
        cancelled = self.create_inquiry(citizen_id=self.citizen.id)
        cancelled.action_cancel()
        self.assertEqual(cancelled.cancelled_date, self.today)
        cancelled.sudo().cancelled_date = dt.date(2020, 3, 1)
        both = closed | cancelled
        # 1 March 2025, 01:30 in Copenhagen: five years ago to the day
        self.expire("2025-03-01 00:30:00")
        self.assertFalse(both.filtered("anonymised"))
        # 2 March 2025, 00:30 in Copenhagen (23:30 UTC the day before)
        self.expire("2025-03-01 23:30:00")
        self.assertEqual(both.filtered("anonymised"), both)
        self.assertEqual(closed.anonymised_date, dt.date(2025, 3, 2))
        self.assertFalse(self.citizen.exists())

    def test_the_setting_and_a_category_set_the_period(self):
        self.ICP.set_param("borgerraadgiver.retention_years", "3")
        self.category_5.retention_years = 10
        general = self.closed_on(dt.date(2020, 3, 1))
        longer = self.closed_on(dt.date(2020, 3, 1), category_id=self.category_5.id)
        self.expire("2023-03-02 12:00:00")
        self.assertTrue(general.anonymised)
        self.assertFalse(longer.anonymised)
        self.expire("2030-03-02 12:00:00")
        self.assertTrue(longer.anonymised)

    def test_cron_works_in_batches_and_leaves_open_inquiries(self):
        closed = self.closed_on(dt.date(2020, 3, 1)) | self.closed_on(
            dt.date(2020, 3, 2)
        )
        still_open = self.open_inquiry(citizen_id=self.citizen.id)
        with freeze_time("2026-01-01 12:00:00"):
            Inquiry = self.env[INQUIRY]
            remaining = Inquiry._cron_anonymise_expired(batch_size=1)
            self.assertGreaterEqual(remaining, 1)
            while remaining:
                remaining = Inquiry._cron_anonymise_expired(batch_size=1)
        self.assertEqual(closed.filtered("anonymised"), closed)
        self.assertFalse(still_open.anonymised)
        # the citizen still has an inquiry: kept as it was
        self.assertEqual(self.citizen.name, "Jens Hansen")

    # ------------------------------------------------------------------
    # Anonymise now: the advisor only, with a reason
    # ------------------------------------------------------------------

    def test_advisor_anonymises_an_inquiry_through_the_wizard(self):
        inquiry = self.closed_on(self.today)
        action = inquiry.action_anonymise_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.advisor)
            .with_context(**action["context"])
        )
        wizard.reason = "Borgeren har bedt om sletning"
        wizard.save().action_confirm()
        self.assertTrue(inquiry.anonymised)
        self.assertEqual(inquiry.anonymised_reason, "Borgeren har bedt om sletning")
        self.assertEqual(inquiry.anonymised_uid, self.advisor)
        self.assertEqual(inquiry.anonymised_date, self.today)
        self.assertFalse(self.citizen.exists())

    def test_a_reason_and_a_closed_inquiry_are_required(self):
        inquiry = self.closed_on(self.today)
        for reason in (None, "", "   "):
            with self.assertRaises(UserError):
                inquiry.action_anonymise(reason)
        wizard = self.env["borgerraadgiver.anonymise"].with_user(self.advisor)
        with self.assertRaises(UserError):
            wizard.create({"inquiry_id": inquiry.id}).action_confirm()
        still_open = self.open_inquiry()
        self.assertRefused(still_open, lambda: still_open.action_anonymise("x"))
        self.assertFalse(inquiry.anonymised or still_open.anonymised)

    def test_anonymising_a_citizen_anonymises_every_inquiry(self):
        first = self.closed_on(self.today)
        second = self.closed_on(self.today)
        self.citizen.with_user(self.advisor).action_anonymise("Anmodning om sletning")
        self.assertTrue(first.anonymised and second.anonymised)
        self.assertFalse(self.citizen.exists())

    def test_a_citizen_with_an_open_inquiry_is_refused(self):
        self.closed_on(self.today)
        self.open_inquiry(citizen_id=self.citizen.id)
        with self.assertRaises(UserError):
            self.citizen.with_user(self.advisor).action_anonymise("x")
        self.assertEqual(self.citizen.name, "Jens Hansen")

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_nobody_else_anonymises(self):
        inquiry = self.closed_on(self.today)
        Wizard = self.env["borgerraadgiver.anonymise"]
        for role, user in self.others.items():
            with self.subTest(role=role):
                for records in (inquiry, self.citizen):
                    mine = records.with_user(user)
                    with self.assertRaises(AccessError):
                        mine.action_anonymise("x")
                    with self.assertRaises(AccessError):
                        mine.action_anonymise_wizard()
                    field = "inquiry_id" if records == inquiry else "citizen_id"
                    with self.assertRaises(AccessError):
                        Wizard.with_user(user).create(
                            {field: records.id, "reason": "x"}
                        )
                # what does the work is private: no RPC client calls it
                for model, name in [
                    (INQUIRY, "_anonymise"),
                    (INQUIRY, "_cron_anonymise_expired"),
                    (INQUIRY, "_erase_personal_data"),
                    ("borgerraadgiver.citizen", "_anonymise"),
                ]:
                    with self.assertRaises(AccessError):
                        get_public_method(self.env[model].with_user(user), name)
        self.assertFalse(inquiry.anonymised)
        self.assertTrue(self.citizen.exists())

    # ------------------------------------------------------------------
    # An anonymised record stays anonymous
    # ------------------------------------------------------------------

    def test_an_anonymised_inquiry_is_locked(self):
        inquiry = self.forwarded_inquiry(citizen_id=self.citizen.id)
        referral = inquiry.referral_ids
        inquiry.write({"centre_answer_date": self.today, "centre_answer": "Svar"})
        inquiry.action_close()
        inquiry.action_anonymise("Sletning")
        for values in (
            {"advisor_notes": "Jens Hansen ringede igen"},
            {"subject": "Jens Hansen"},
            {
                "citizen_id": self.env["borgerraadgiver.citizen"]
                .create({"name": "B"})
                .id
            },
        ):
            with self.assertRaises(UserError):
                inquiry.write(values)
        with self.assertRaises(UserError):
            inquiry.action_reopen()
        with self.assertRaises(UserError):
            inquiry.message_post(body="Jens Hansen ringede igen")
        with self.assertRaises(UserError):
            referral.with_user(self.advisor).message_post(body="Jens Hansen")
        with self.assertRaises(UserError):
            self.env["ir.attachment"].with_user(self.advisor).create(
                {
                    "name": "x.pdf",
                    "raw": FILE,
                    "res_model": INQUIRY,
                    "res_id": inquiry.id,
                }
            )
        with self.assertRaises(UserError):
            inquiry.action_anonymise("igen")
        # centre staff no longer see the erased referral at all
        staff = self.others["staff"]
        self.assertFalse(
            self.env[REFERRAL].with_user(staff).search([("id", "=", referral.id)])
        )
        self.assertEqual(inquiry.state, "closed")

    def test_the_mail_contact_used_elsewhere_is_kept_without_the_citizen(self):
        inquiry = self.closed_on(self.today)
        partner = self.citizen._get_mail_partner().sudo()
        # the citizen also wrote to another department of the ERP
        contact = self.env["res.partner"].create({"name": "Andet system"})
        contact.message_post(body="Fra borgeren", author_id=partner.id)
        inquiry.action_anonymise("Sletning")
        self.assertFalse(self.citizen.exists())
        self.assertTrue(partner.exists())
        self.assertEqual(partner.name, anonymised_placeholder(self.env))
        self.assertFalse(partner.email)

    def test_a_citizen_referred_to_elsewhere_is_erased_not_deleted(self):
        other = self.env["borgerraadgiver.citizen"].create({"name": "Karen Jensen"})
        inquiries = self.closed_on(self.today) | self.closed_on(
            self.today, citizen_id=other.id
        )
        # a wizard (a transient record, gone by itself) is no use
        self.env["borgerraadgiver.anonymise"].with_user(self.advisor).create(
            {"citizen_id": other.id, "reason": "x"}
        )
        # a table of another app that refers to the citizen is
        self.env.cr.execute(
            "CREATE TABLE br_test_citizen_use (citizen_id int "
            "REFERENCES borgerraadgiver_citizen(id)); "
            "INSERT INTO br_test_citizen_use VALUES (%s)",
            [self.citizen.id],
        )
        inquiries.action_anonymise("Sletning")
        self.assertFalse(other.exists())
        self.assertRecordValues(
            self.citizen.with_context(active_test=False),
            [
                {
                    "anonymised": True,
                    "anonymised_reason": "Sletning",
                    "name": anonymised_placeholder(self.env),
                    "email": False,
                    "phone": False,
                    "street": False,
                    "zip": False,
                    "city": False,
                    "active": False,
                }
            ],
        )

    def test_binary_fields_files_go_too(self):
        inquiry = self.closed_on(self.today)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "fuldmagt.pdf",
                "datas": base64.b64encode(FILE + b" fuldmagt"),
                "res_model": INQUIRY,
                "res_id": inquiry.id,
                "res_field": "power_of_attorney",
            }
        )
        path = attachment._full_path(attachment.store_fname)
        inquiry.action_anonymise("Sletning")
        collect_erased_files(self.env)
        self.assertFalse(attachment.exists())
        self.assertFalse(os.path.exists(path))
