"""The receipt and the closing letter to the citizen (issue 16, item 5):
Danish mail templates the advisor sends from the inquiry, to the citizen's
own mail partner, never to an ERP contact with the same address."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_citizen import CONTACT_FIELDS, CitizenCase


@tagged("post_install", "-at_install")
class TestCitizenLetters(CitizenCase):
    def send(self, inquiry, action):
        """Send what the composer of `action` proposes, as the advisor."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.advisor)
            .with_context(**action["context"])
            .create({})
        )
        composer._action_send_mail()
        return inquiry.message_ids[0]

    def test_receipt_and_closing_letter(self):
        contact_before = self.contact.read(CONTACT_FIELDS)[0]
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        message = self.send(inquiry, inquiry.action_send_receipt())
        own = self.citizen.sudo().partner_id
        self.assertTrue(own.borgerraadgiver_mail_partner)
        self.assertEqual(message.partner_ids, own)
        self.assertIn(inquiry.name, message.subject)
        self.assertIn("Tak for din henvendelse", message.body)
        self.assertIn("Kære Vibeke Borgersen", message.body)
        self.assertEqual(message.author_id, self.advisor.partner_id)
        mail = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertEqual(mail.recipient_ids, own)
        self.assertContactUntouched(self.contact, contact_before)
        inquiry.resolution = "explained"
        inquiry.action_close()
        letter = self.send(inquiry, inquiry.action_send_closing_letter())
        self.assertIn("afsluttet", letter.subject)
        self.assertIn("har nu afsluttet din henvendelse", letter.body)
        self.assertEqual(letter.partner_ids, own)
        self.assertEqual(len(self.own_partners() & own), 1)

    def test_no_letter_without_address(self):
        citizen = self.Citizen.create({"name": "Uden Adresse"})
        inquiry = self.open_inquiry(citizen_id=citizen.id)
        with self.assertRaises(UserError) as refusal:
            inquiry.action_send_receipt()
        self.assertIn(self.field_label("citizen_id"), refusal.exception.args[0])
        self.assertFalse(citizen.sudo().partner_id)

    def test_only_the_advisor_sends_letters(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        staff = new_test_user(
            self.env,
            login="br_letter_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        for user in (staff, self.statistics, self.plain):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                inquiry.with_user(user).action_send_receipt()
        self.assertFalse(self.citizen.sudo().partner_id)
