import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import BorgerraadgiverCase
from .smtp_server import free_port, real_smtp, smtp_server, text_of
from .test_mail_gateway import raw_mail


@tagged("post_install", "-at_install")
class TestReferral(BorgerraadgiverCase):
    """Path 3 of §1.3: the advisor sends the centre a referral; the centre's
    staff work on the referral, never on the inquiry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "kommunen@stevns.example"
        cls.advisor.email = "br.advisor@test.example"
        cls.centre.email = "centre@stevns.example"
        cls.staff = new_test_user(
            cls.env,
            login="br_test_referral_staff",
            groups="borgerraadgiver.group_centre_staff",
            name="Centre Staff Member",
            email="staff@stevns.example",
            notification_type="email",
        )
        cls.centre.user_ids = cls.staff
        cls.other_centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Other Centre", "code": "TST-O"}
        )
        cls.other_staff = new_test_user(
            cls.env,
            login="br_test_referral_other",
            groups="borgerraadgiver.group_centre_staff",
            name="Other Centre's Staff",
        )
        cls.other_centre.user_ids = cls.other_staff
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {
                "name": "Karen Testborger",
                "email": "karen@borger.example",
                "phone": "+45 12 34 56 78",
                "street": "Hovedgaden 1",
                "zip": "4660",
                "city": "Store Heddinge",
            }
        )
        cls.Referral = cls.env["borgerraadgiver.referral"]

    def forwarded(self, **values):
        values.setdefault("citizen_id", self.citizen.id)
        values.setdefault("description", "The citizen has waited four months.")
        return self.forwarded_inquiry(**values)

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def test_forward_creates_a_referral_for_the_centre(self):
        inquiry = self.forwarded()
        referral = inquiry.referral_ids
        self.assertEqual(len(referral), 1)
        self.assertEqual(referral.name, f"{inquiry.name}/1")
        self.assertEqual(referral.centre_id, self.centre)
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.description, "The citizen has waited four months.")
        self.assertEqual(referral.subject, inquiry.subject)
        self.assertEqual(referral.date, inquiry.forwarded_date)
        self.assertEqual(referral.deadline, inquiry.centre_deadline)
        self.assertEqual(referral.citizen_name, "Karen Testborger")
        self.assertEqual(referral.citizen_email, "karen@borger.example")
        self.assertEqual(referral.citizen_phone, "+45 12 34 56 78")
        self.assertEqual(referral.citizen_address, "Hovedgaden 1, 4660 Store Heddinge")
        self.assertIn(self.staff.partner_id, referral.message_partner_ids)

    def test_wizard_sends_what_the_advisor_wrote_and_chose(self):
        inquiry = self.open_inquiry(
            citizen_id=self.citizen.id, description="Internal: long story."
        )
        shared, private = self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 " + name.encode()),
                    "res_model": inquiry._name,
                    "res_id": inquiry.id,
                }
                for name in ("decision.pdf", "advisor-notes.pdf")
            ]
        )
        action = inquiry.action_forward_wizard()
        self.assertEqual(action["res_model"], "borgerraadgiver.referral.send")
        wizard_env = self.env(user=self.advisor, context=action["context"])
        with Form(wizard_env["borgerraadgiver.referral.send"]) as wizard:
            self.assertEqual(wizard.description, "Internal: long story.")
            wizard.description = "Please answer about the decision of 1 May."
            wizard.share_contact_details = False
            wizard.attachment_ids.add(shared)
        wizard.record.action_send()
        self.assertEqual(inquiry.state, "forwarded")
        referral = inquiry.referral_ids
        self.assertEqual(
            referral.description, "Please answer about the decision of 1 May."
        )
        self.assertFalse(referral.citizen_name)
        self.assertFalse(referral.citizen_email)
        files = self.env["ir.attachment"].search(
            [("res_model", "=", referral._name), ("res_id", "=", referral.id)]
        )
        self.assertEqual(files.mapped("name"), ["decision.pdf"])
        # the centre reads the shared copy, never the inquiry's files
        files.with_user(self.staff).read(["name", "datas"])
        for attachment in (shared, private):
            with self.assertRaises(AccessError):
                attachment.with_user(self.staff).read(["name", "datas"])

    def test_only_the_inquirys_files_can_be_shared(self):
        inquiry = self.open_inquiry()
        foreign = self.env["ir.attachment"].create(
            {"name": "other.txt", "raw": b"x", "res_model": "res.partner", "res_id": 1}
        )
        self.assertRefused(
            inquiry,
            lambda: inquiry.action_forward(attachment_ids=[foreign.id]),
            "only the inquiry's own files",
        )
        self.assertFalse(inquiry.referral_ids)

    def test_sending_mails_the_centre_and_its_staff(self):
        port = free_port()
        self.env["ir.mail_server"].search([]).active = False
        self.env["ir.mail_server"].create(
            {
                "name": "Test SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_encryption": "none",
            }
        )
        with smtp_server(port) as messages, real_smtp():
            inquiry = self.forwarded()
            self.env["mail.mail"].process_email_queue()
        referral = inquiry.referral_ids
        recipients = {rcpt for _sender, rcpts, _message in messages for rcpt in rcpts}
        self.assertIn("centre@stevns.example", recipients)
        self.assertIn("staff@stevns.example", recipients)
        message = next(
            message
            for _sender, rcpts, message in messages
            if "centre@stevns.example" in rcpts
        )
        self.assertIn(referral.name, message["Subject"])
        text = text_of(message)
        # in Danish, with the description, the deadline and a link
        self.assertIn("Borgerrådgiveren", message["Subject"] + text)
        self.assertIn("The citizen has waited four months.", text)
        self.assertIn(referral.deadline.strftime("%d-%m-%Y"), text)
        self.assertIn(f"res_id={referral.id}", text)
        self.assertIn("br.advisor@test.example", message["From"])
        # and it is on the referral's chatter, where both sides read it
        posted = referral.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(posted), 1)
        self.assertEqual(posted.author_id, self.advisor.partner_id)

    # ------------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------------

    def test_staff_answer_through_the_wizard(self):
        inquiry = self.forwarded()
        referral = inquiry.referral_ids.with_user(self.staff)
        action = referral.action_register_answer()
        answer_env = self.env(user=self.staff, context=action["context"])
        with Form(answer_env[action["res_model"]]) as wizard:
            wizard.answer_date = self.today
            wizard.answer = "We have written to the citizen."
        wizard.record.action_register()
        self.assertEqual(referral.state, "answered")
        # the inquiry's contract fields follow the referral
        self.assertEqual(inquiry.centre_answer_date, self.today)
        self.assertEqual(inquiry.centre_answer, "We have written to the citizen.")
        # the advisor's "answer from the centre" is done, a to-do to close it
        todo = inquiry.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(todo.user_id, self.advisor)
        self.assertFalse(
            inquiry.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
                )
            )
        )
        inquiry.action_close()
        self.assertEqual(inquiry.resolution, "forwarded")
        # answered: the centre may write no more
        with self.assertRaises(AccessError):
            referral.write({"answer": "Changed afterwards"})

    def test_answer_by_letter_registered_by_the_advisor(self):
        inquiry = self.forwarded()
        inquiry.write(
            {"centre_answer_date": self.today, "centre_answer": "Letter of today"}
        )
        referral = inquiry.referral_ids
        self.assertEqual(referral.state, "answered")
        self.assertEqual(referral.answer_date, self.today)
        self.assertEqual(referral.answer, "Letter of today")

    def test_deadline_moved_by_the_advisor_moves_the_referral(self):
        inquiry = self.forwarded()
        later = inquiry.centre_deadline + timedelta(days=7)
        inquiry.centre_deadline = later
        self.assertEqual(inquiry.referral_ids.deadline, later)

    def test_reopened_inquiry_forwarded_again_gets_a_new_referral(self):
        inquiry = self.forwarded()
        first = inquiry.referral_ids
        first.with_user(self.staff).write(
            {"answer_date": self.today, "answer": "First answer"}
        )
        inquiry.action_close()
        inquiry.action_reopen()
        inquiry.action_forward()
        self.assertEqual(len(inquiry.referral_ids), 2)
        second = inquiry.referral_ids - first
        self.assertEqual(second.name, f"{inquiry.name}/2")
        self.assertEqual(second.state, "sent")
        self.assertFalse(inquiry.centre_answer_date)
        # the first round keeps its answer
        self.assertEqual(first.answer, "First answer")
        self.assertEqual(first.state, "answered")
        second.with_user(self.staff).write(
            {"answer_date": self.today, "answer": "Second answer"}
        )
        self.assertEqual(inquiry.centre_answer, "Second answer")
        self.assertEqual(first.answer, "First answer")

    def test_cancelled_inquiry_withdraws_the_referral(self):
        inquiry = self.forwarded()
        inquiry.action_cancel()
        referral = inquiry.referral_ids
        self.assertEqual(referral.state, "withdrawn")
        with self.assertRaises(AccessError):
            referral.with_user(self.staff).write(
                {"answer_date": self.today, "answer": "Too late"}
            )

    def test_reply_by_mail_lands_on_the_referral(self):
        domain = self.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or self.env["mail.alias.domain"].create({"name": "stevns.example"})
        self.env.company.alias_domain_id = domain
        inquiry = self.forwarded()
        referral = inquiry.referral_ids
        sent = referral.message_ids.filtered(lambda m: m.message_type == "comment")
        self.env["mail.thread"].message_process(
            None,
            raw_mail(
                "Centre <centre@stevns.example>",
                "catchall@stevns.example",
                f"Re: {sent.subject}",
                "We have answered the citizen today.",
                in_reply_to=sent.message_id,
            ),
        )
        self.assertEqual(referral.state, "answered")
        self.assertEqual(referral.answer_date, self.today)
        self.assertIn("answered the citizen today", referral.answer)
        self.assertEqual(inquiry.centre_answer_date, self.today)
        self.assertTrue(
            referral.message_ids.filtered(
                lambda m: "answered the citizen today" in (m.body or "")
            )
        )
        self.assertFalse(
            inquiry.message_ids.filtered(
                lambda m: "answered the citizen today" in (m.body or "")
            ),
            "the centre's reply must not land on the advisor's inquiry",
        )

    # ------------------------------------------------------------------
    # What centre staff must not do
    # ------------------------------------------------------------------

    def test_staff_have_no_access_to_inquiries(self):
        inquiry = self.forwarded()
        Inquiry = self.env["borgerraadgiver.inquiry"].with_user(self.staff)
        for call in (
            lambda: Inquiry.search([]),
            lambda: Inquiry.browse(inquiry.id).read(["subject"]),
            lambda: Inquiry.name_search("Waiting"),
            lambda: Inquiry.read_group([], ["state"], ["state"]),
            lambda: Inquiry.browse(inquiry.id).action_close(),
        ):
            with self.assertRaises(AccessError):
                call()
        referral = inquiry.referral_ids.with_user(self.staff)
        with self.assertRaises(AccessError):
            referral.read(["inquiry_id"])
        self.assertNotIn("inquiry_id", referral.fields_get())

    def test_staff_see_only_their_centres_referrals(self):
        mine = self.forwarded().referral_ids
        theirs = self.forwarded(centre_id=self.other_centre.id).referral_ids
        Referral = self.Referral.with_user(self.staff)
        found = Referral.search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(found, mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.staff).read(["description"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.staff).message_post(body="Hello")

    def test_staff_write_only_the_answer(self):
        referral = self.forwarded().referral_ids.with_user(self.staff)
        for values in (
            {"description": "Rewritten"},
            {"deadline": self.today + timedelta(days=60)},
            {"centre_id": self.other_centre.id},
            {"state": "withdrawn"},
            {"citizen_name": "Someone else"},
        ):
            with self.assertRaises(AccessError, msg=values):
                referral.write(values)
        with self.assertRaises(AccessError):
            self.Referral.with_user(self.staff).create(
                {
                    "name": "X/1",
                    "centre_id": self.centre.id,
                    "subject": "Forged",
                    "date": self.today,
                }
            )
        with self.assertRaises(AccessError):
            referral.unlink()

    def test_answer_date_before_sending_is_refused(self):
        referral = self.forwarded().referral_ids.with_user(self.staff)
        with self.assertRaises(UserError) as refusal:
            referral.write(
                {"answer_date": self.today - timedelta(days=3), "answer": "x"}
            )
        self.assertIn(referral.name, refusal.exception.args[0])
        self.assertEqual(referral.state, "sent")

    def test_answer_date_in_the_future_is_refused(self):
        referral = self.forwarded().referral_ids.with_user(self.staff)
        with self.assertRaises(UserError) as refusal:
            referral.write(
                {"answer_date": self.today + timedelta(days=2), "answer": "x"}
            )
        self.assertIn(referral.name, refusal.exception.args[0])
        self.assertIn(referral._field_label("answer_date"), refusal.exception.args[0])
        self.assertEqual(referral.state, "sent")
