from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from odoo import fields
from odoo.tests import tagged

from .common import BorgerraadgiverCase

ALIAS = "borgerraadgiver@stevns.example"


def raw_mail(sender, to, subject, body, cc=None, in_reply_to=None, attachment=None):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = format_datetime(fields.Datetime.now().astimezone())
    message["Message-ID"] = make_msgid(domain="mail.example")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body)
    if attachment:
        name, data = attachment
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=name
        )
    return message.as_bytes()


@tagged("post_install", "-at_install")
class TestMailGateway(BorgerraadgiverCase):
    """Mail in: the advisor's alias makes inquiries; the centre's reply to
    the referral registers its answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or cls.env["mail.alias.domain"].create({"name": "stevns.example"})
        cls.env.company.alias_domain_id = domain
        cls.alias = cls.env.ref("borgerraadgiver.mail_alias_inquiry")
        cls.alias.write(
            {
                "alias_domain_id": domain.id,
                "alias_defaults": repr({"user_id": cls.advisor.id}),
            }
        )
        cls.centre.email = "centre@stevns.example"
        cls.MailThread = cls.env["mail.thread"]

    def process(self, raw):
        return self.MailThread.message_process(None, raw)

    def test_citizen_mail_creates_inquiry(self):
        thread_id = self.process(
            raw_mail(
                "Jens Borger <jens.borger@example.net>",
                ALIAS,
                "Klage over sagsbehandlingstid",
                "Jeg har ventet et halvt år på en afgørelse om boligstøtte.",
                attachment=("afgoerelse.pdf", b"%PDF-1.4 test"),
            )
        )
        inquiry = self.env["borgerraadgiver.inquiry"].browse(thread_id)
        self.assertEqual(inquiry.state, "draft")
        self.assertEqual(inquiry.channel, "email")
        self.assertEqual(inquiry.subject, "Klage over sagsbehandlingstid")
        self.assertTrue(inquiry.name.startswith("BR-"), inquiry.name)
        self.assertIn("halvt år", inquiry.description)
        self.assertEqual(inquiry.user_id, self.advisor)
        self.assertEqual(inquiry.received_date, self.today)
        citizen = inquiry.citizen_id
        self.assertEqual(citizen._name, "borgerraadgiver.citizen")
        self.assertEqual(citizen.email, "jens.borger@example.net")
        self.assertEqual(citizen.name, "Jens Borger")
        mail = inquiry.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(mail), 1)
        # no partner for the citizen until the advisor mails them
        self.assertFalse(citizen.partner_id)
        self.assertFalse(mail.author_id)
        self.assertIn("jens.borger@example.net", mail.email_from)
        self.assertIn("halvt år", mail.body)
        self.assertEqual(mail.attachment_ids.mapped("name"), ["afgoerelse.pdf"])

    def test_known_citizen(self):
        citizen = self.env["borgerraadgiver.citizen"].create(
            {"name": "Hanne Kendt", "email": "hanne@example.net"}
        )
        thread_id = self.process(
            raw_mail("hanne@example.net", ALIAS, "Spørgsmål", "Hvem kan hjælpe mig?")
        )
        inquiry = self.env["borgerraadgiver.inquiry"].browse(thread_id)
        self.assertEqual(inquiry.citizen_id, citizen)

    def forwarded_message(self, inquiry):
        """The referral's mail to the centre."""
        return inquiry.referral_ids.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]

    def test_centre_reply_registers_answer(self):
        inquiry = self.forwarded_inquiry()
        referral = inquiry.referral_ids
        other = self.forwarded_inquiry(subject="Another inquiry")
        other_messages = other.message_ids | other.referral_ids.message_ids
        message = self.forwarded_message(inquiry)
        self.assertTrue(message)
        thread_id = self.process(
            raw_mail(
                "Test Centre <centre@stevns.example>",
                "citizen@example.net",
                "Re: " + inquiry.subject,
                "Kære borger, vi har nu truffet afgørelse i din sag.",
                cc=ALIAS,
                in_reply_to=message.message_id,
            )
        )
        self.assertEqual(thread_id, referral.id)
        self.assertEqual(referral.state, "answered")
        self.assertEqual(inquiry.centre_answer_date, self.today)
        self.assertIn("truffet afgørelse", inquiry.centre_answer)
        reply = referral.message_ids[0]
        self.assertIn("truffet afgørelse", reply.body)
        self.assertEqual(reply.message_type, "email")
        answer_type = self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
        self.assertFalse(
            inquiry.activity_ids.filtered(lambda a: a.activity_type_id == answer_type),
            "the follow-up is done",
        )
        notice = inquiry.activity_ids.filtered(lambda a: a.user_id == self.advisor)
        self.assertTrue(notice, "the advisor is told to close the inquiry")
        self.assertEqual(
            other.message_ids | other.referral_ids.message_ids, other_messages
        )
        self.assertFalse(other.centre_answer_date)
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")

    def test_reply_to_unknown_message(self):
        inquiry = self.forwarded_inquiry()
        messages = inquiry.message_ids
        count = self.env["borgerraadgiver.inquiry"].search_count([])
        thread_id = self.process(
            raw_mail(
                "stranger@example.org",
                ALIAS,
                "Re: noget helt andet",
                "Svar på en mail I aldrig har sendt.",
                in_reply_to="<unknown-1234@elsewhere.example>",
            )
        )
        self.assertNotEqual(thread_id, inquiry.id)
        self.assertEqual(inquiry.message_ids, messages)
        self.assertFalse(inquiry.centre_answer_date)
        new = self.env["borgerraadgiver.inquiry"].browse(thread_id)
        self.assertEqual(new.state, "draft")
        self.assertEqual(
            self.env["borgerraadgiver.inquiry"].search_count([]), count + 1
        )

    def test_stranger_reply_to_known_message(self):
        """Someone the inquiry does not know answers its mail: a new inquiry,
        nothing on this one."""
        inquiry = self.forwarded_inquiry()
        messages = inquiry.message_ids | inquiry.referral_ids.message_ids
        thread_id = self.process(
            raw_mail(
                "stranger@example.org",
                ALIAS,
                "Re: " + inquiry.subject,
                "Jeg har også en sag.",
                in_reply_to=self.forwarded_message(inquiry).message_id,
            )
        )
        self.assertTrue(thread_id)
        self.assertNotEqual(thread_id, inquiry.id)
        self.assertEqual(
            inquiry.message_ids | inquiry.referral_ids.message_ids, messages
        )
        self.assertFalse(inquiry.centre_answer_date)
        self.assertEqual(inquiry.state, "forwarded")
