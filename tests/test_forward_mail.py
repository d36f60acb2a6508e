"""Forwarding an inquiry tells the centre by mail: a real SMTP conversation
between trytond and a local SMTP server started by the test."""
import email
import email.policy
import time
import unittest

from .server import MODULE, ServerTestCase, free_port

try:
    from aiosmtpd.controller import Controller
except ImportError:
    Controller = None

INQUIRY = f'{MODULE}.inquiry'
SENDER = 'borgerraadgiver@kommune.example'
CENTRE_EMAIL = 'boern-laering@kommune.example'


class Mailbox:
    "An aiosmtpd handler keeping what it is sent"

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return '250 Message accepted for delivery'

    def wait(self, count, timeout=30):
        end = time.monotonic() + timeout
        while len(self.envelopes) < count and time.monotonic() < end:
            time.sleep(0.1)
        return self.envelopes


class ForwardMailTestCase(ServerTestCase):
    "The advisor forwards inquiries; the centres receive a mail"

    @classmethod
    def setUpClass(cls):
        if Controller is None:
            raise unittest.SkipTest("aiosmtpd is missing: make venv")
        cls.mailbox = Mailbox()
        port = free_port()
        cls.smtp = Controller(cls.mailbox, hostname='127.0.0.1', port=port)
        cls.smtp.start()
        cls.addClassCleanup(cls.smtp.stop)
        cls.sections = {'email': {
                'uri': f'smtp://127.0.0.1:{port}', 'from': SENDER}}
        super().setUpClass()
        admin = cls.login_admin()
        cls.bl, cls.am = admin.model(f'{MODULE}.centre', 'create', [
                {'code': 'B&L', 'name': "Børn & Læring",
                    'email': CENTRE_EMAIL},
                {'code': 'AM', 'name': "Arbejdsmarked"},
                ])
        cls.category, = admin.model(
            f'{MODULE}.category', 'search', [('code', '=', '6')])
        cls.citizen, = admin.model(
            'party.party', 'create', [{'name': "Mette Hansen"}])

    @classmethod
    def login_admin(cls):
        client = cls.server.client()
        client.login('admin', cls.database.admin_password)
        return client

    def forward(self, centre, subject):
        admin = self.login_admin()
        inquiry, = admin.model(INQUIRY, 'create', [{
                    'subject': subject,
                    'description': "Borgeren venter stadig på svar.",
                    'citizen': self.citizen,
                    'centre': centre,
                    'category': self.category,
                    }])
        admin.model(INQUIRY, 'open', [inquiry])
        admin.model(INQUIRY, 'forward', [inquiry])
        record, = admin.model(
            INQUIRY, 'read', [inquiry], ['number', 'centre_deadline'])
        return record

    def test_centre_gets_mail_without_personal_data(self):
        "The centre learns the number and deadline, not the citizen's story"
        count = len(self.mailbox.envelopes)
        record = self.forward(self.bl, "Venter på svar om aflastning")
        envelope = self.mailbox.wait(count + 1)[count]
        self.assertEqual(envelope.mail_from, SENDER)
        self.assertEqual(envelope.rcpt_tos, [CENTRE_EMAIL])
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default)
        body = message.get_content()
        self.assertEqual(
            message['Subject'],
            f"Inquiry {record['number']} forwarded to B&L Børn & Læring")
        self.assertIn(record['number'], body)
        self.assertIn(record['centre_deadline'].strftime('%m/%d/%Y'), body)
        for personal in [
                "Mette Hansen", "Venter på svar", "venter stadig"]:
            self.assertNotIn(personal, body)
            self.assertNotIn(personal, message['Subject'])

    def test_centre_without_email_gets_none(self):
        "A centre without an address is not written to"
        count = len(self.mailbox.envelopes)
        self.forward(self.am, "Sygedagpenge")
        self.forward(self.bl, "Skolebus")
        self.assertEqual(
            [e.rcpt_tos for e in self.mailbox.wait(count + 1)[count:]],
            [[CENTRE_EMAIL]])


if __name__ == '__main__':
    unittest.main()
