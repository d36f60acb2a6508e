from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BorgerraadgiverCase
from .smtp_server import free_port, real_smtp, smtp_server, text_of

HEADER = "X-Borgerraadgiver-Reminder"


@tagged("post_install", "-at_install")
class TestReminders(BorgerraadgiverCase):
    """The daily reminders over a real SMTP server on a loopback port."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "kommunen@stevns.example"
        cls.advisor.email = "br.advisor@test.example"
        cls.port = free_port()
        cls.env["ir.mail_server"].search([]).active = False
        cls.env["ir.mail_server"].create(
            {
                "name": "Test SMTP",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        cls.centre.email = "centre@stevns.example"
        cls.silent_centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Centre Without Mail", "code": "TST-N"}
        )
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {"name": "Karen Testborger", "email": "karen@borger.example"}
        )
        cls.ICP.set_param("borgerraadgiver.deadline_notice_days", "2")
        cls.ICP.set_param("borgerraadgiver.reminder_date", "")
        cls.Centre = cls.env["borgerraadgiver.centre"]
        # only this test's inquiries wait for an answer (not the demo's)
        cls.env["borgerraadgiver.inquiry"].search(
            [("state", "=", "forwarded"), ("centre_answer_date", "=", False)]
        ).centre_answer_date = cls.today

    def setUp(self):
        super().setUp()
        self.overdue = self.forwarded_inquiry(
            subject="Karen Testborger venter på svar, CPR 010190-1234",
            citizen_id=self.citizen.id,
        )
        self.overdue.centre_deadline = self.today - timedelta(days=3)
        self.coming = self.forwarded_inquiry(subject="Ventetid på hjælpemiddel")
        self.coming.centre_deadline = self.working_days_after(self.today, 2)
        self.later = self.forwarded_inquiry(subject="Svar om bolig")
        self.later.centre_deadline = self.working_days_after(self.today, 8)
        self.unaddressed = self.forwarded_inquiry(
            subject="Afgørelse om tilskud", centre_id=self.silent_centre.id
        )
        self.unaddressed.centre_deadline = self.today - timedelta(days=1)
        # the mails of the forwarding itself are not what this test looks at
        self.env["mail.mail"].search([]).unlink()

    def run_cron(self):
        with real_smtp():
            self.Centre._cron_send_reminders()
            self.env["mail.mail"].process_email_queue()

    def reminders(self, messages):
        return [
            (rcpt_tos, message)
            for _sender, rcpt_tos, message in messages
            if message[HEADER]
        ]

    def test_reminders(self):
        with smtp_server(self.port) as messages:
            self.run_cron()
        reminders = self.reminders(messages)
        by_kind = {message[HEADER]: (rcpt, message) for rcpt, message in reminders}
        self.assertEqual(len(reminders), 2, [m["To"] for _r, m in reminders])

        rcpt, message = by_kind["centre"]
        self.assertEqual(rcpt, ["centre@stevns.example"])
        text = text_of(message)
        self.assertIn(self.overdue.name, text)
        self.assertIn(self.coming.name, text)
        self.assertNotIn(self.later.name, text)
        self.assertNotIn(self.unaddressed.name, text)
        self.assertIn("venter på svar", text)
        self.assertNotIn("Karen", text)
        self.assertNotIn("Testborger", text)
        self.assertNotIn("010190", text)
        self.assertRegex(text, r"(?s)" + self.overdue.name + r".*?\b3\b")

        rcpt, message = by_kind["advisor"]
        self.assertEqual(rcpt, ["br.advisor@test.example"])
        text = text_of(message)
        self.assertIn(self.overdue.name, text)
        self.assertIn(self.unaddressed.name, text)
        self.assertIn(self.coming.name, text)
        self.assertIn("Centre Without Mail", text, "the centre without address")
        self.assertNotIn("Karen", text)

        # once a day: a second run sends nothing more
        with smtp_server(self.port) as messages:
            self.run_cron()
        self.assertFalse(self.reminders(messages))

    def test_nothing_to_remind(self):
        (self.overdue | self.coming | self.unaddressed).write(
            {"centre_answer_date": self.today}
        )
        with smtp_server(self.port) as messages:
            self.run_cron()
        self.assertFalse(self.reminders(messages))

    def test_smtp_down(self):
        """Nobody listens on the port: the mails stay failed in the queue, the
        inquiries are untouched, and the next run sends them."""
        with mute_logger(
            "odoo.addons.mail.models.mail_mail",
            "odoo.addons.base.models.ir_mail_server",
        ):
            self.run_cron()
        failed = self.env["mail.mail"].search([("headers", "ilike", HEADER)])
        self.assertEqual(len(failed), 2)
        self.assertEqual(set(failed.mapped("state")), {"exception"})
        self.assertEqual(self.overdue.state, "forwarded")
        self.assertTrue(self.overdue.overdue)

        with smtp_server(self.port) as messages:
            self.run_cron()
        reminders = self.reminders(messages)
        self.assertEqual(
            sorted(message[HEADER] for _rcpt, message in reminders),
            ["advisor", "centre"],
        )

    def test_no_notice_when_the_setting_is_zero(self):
        """0 notice days in the settings means no notice (Odoo would drop the
        parameter and bring back the default of 2)."""
        settings = self.env["res.config.settings"].create(
            {"borgerraadgiver_deadline_notice_days": 0}
        )
        settings.execute()
        self.assertEqual(self.env["borgerraadgiver.centre"]._notice_days(), 0)
        self.assertEqual(
            self.env["res.config.settings"]
            .create({})
            .borgerraadgiver_deadline_notice_days,
            0,
        )

    def test_zero_notice_days_sends_no_notice(self):
        """With 0 notice days a centre hears only of its overdue inquiries,
        not of a deadline that is today."""
        self.ICP.set_param("borgerraadgiver.deadline_notice_days", "0")
        self.coming.centre_deadline = self.today
        with smtp_server(self.port) as messages:
            self.run_cron()
        reminders = {m[HEADER]: text_of(m) for _r, m in self.reminders(messages)}
        self.assertIn(self.overdue.name, reminders["centre"])
        self.assertNotIn(self.coming.name, reminders["centre"])
