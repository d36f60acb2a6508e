"""Consent before forwarding (issue 17, item 1): the citizen's consent to the
forward and to the centre seeing the contact details, when and how it was
given, and a power of attorney seen by the advisor alone."""

import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.borgerraadgiver.models.consent import (
    FORWARD_WITHOUT_CONSENT,
    ForwardWithoutConsentError,
)

from .common import BorgerraadgiverCase

CONTACT_FIELDS = ["citizen_name", "citizen_email", "citizen_phone", "citizen_address"]
POWER_OF_ATTORNEY = b"%PDF-1.4 fuldmagt underskrevet af borgeren"


class ConsentCase(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_test_consent_staff",
            groups="borgerraadgiver.group_centre_staff",
            name="Consent Centre Staff",
        )
        cls.centre.user_ids = cls.staff
        cls.employee = new_test_user(
            cls.env, login="br_test_consent_employee", groups="base.group_user"
        )
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {
                "name": "Karen Samtykke",
                "email": "karen@borger.example",
                "phone": "+45 12 34 56 78",
                "street": "Hovedgaden 1",
                "zip": "4660",
                "city": "Store Heddinge",
            }
        )

    def without_consent(self, **values):
        values = {
            "citizen_id": self.citizen.id,
            "consent_forwarding": False,
            "consent_contact_details": False,
            **values,
        }
        return self.open_inquiry(**values)


@tagged("post_install", "-at_install")
class TestConsent(ConsentCase):
    def test_consent_date_is_the_municipal_day_when_ticked(self):
        # 23:30 UTC is already the next day in Stevns, 00:30 UTC the same
        for moment, day in [
            ("2026-03-10 23:30:00", "2026-03-11"),
            ("2026-03-11 00:30:00", "2026-03-11"),
            ("2026-07-31 23:30:00", "2026-08-01"),
        ]:
            with self.subTest(moment=moment), freeze_time(moment):
                form = Form(self.Inquiry)
                form.subject = "Consent by letter"
                form.channel = "letter"
                form.received_date = day
                self.assertFalse(form.consent_date)
                form.consent_forwarding = True
                self.assertEqual(str(form.consent_date), day)
                self.assertEqual(form.consent_channel, "letter")
                inquiry = form.save()
                self.assertEqual(str(inquiry.consent_date), day)

    def test_consent_date_kept_and_cleared(self):
        inquiry = self.create_inquiry(
            consent_forwarding=True,
            consent_contact_details=False,
            consent_date="2020-01-02",
            consent_channel="meeting",
        )
        inquiry.consent_contact_details = True
        self.assertEqual(str(inquiry.consent_date), "2020-01-02")
        self.assertEqual(inquiry.consent_channel, "meeting")
        inquiry.write({"consent_forwarding": False, "consent_contact_details": False})
        self.assertFalse(inquiry.consent_date)
        self.assertFalse(inquiry.consent_channel)

    def test_web_channel_gives_no_consent_channel(self):
        inquiry = self.create_inquiry(channel="web")
        self.assertFalse(inquiry.consent_channel)
        selection = self.Inquiry.fields_get(["consent_channel"])["consent_channel"]
        self.assertEqual(
            [key for key, _label in selection["selection"]],
            ["phone", "email", "letter", "meeting"],
        )

    # ------------------------------------------------------------------
    # Forwarding without consent: asked, refused over RPC, recorded
    # ------------------------------------------------------------------

    def test_forward_without_consent_refused_over_rpc(self):
        inquiry = self.without_consent()
        for forward in (
            inquiry.action_forward,
            inquiry.action_forward_wizard,
            lambda: inquiry.write({"state": "forwarded"}),  # a kanban drag
        ):
            message = self.assertRefused(
                inquiry, forward, "consent", exception=ForwardWithoutConsentError
            )
            self.assertTrue(message.endswith("Forward anyway?"), message)
        self.assertFalse(inquiry.referral_ids)
        self.assertTrue(issubclass(ForwardWithoutConsentError, UserError))

    def test_question_opens_the_wizard_with_the_confirmation(self):
        inquiry = self.without_consent()
        with self.assertRaises(ForwardWithoutConsentError) as refusal:
            inquiry.action_forward_wizard()
        action = refusal.exception.context["action"]
        self.assertEqual(action["res_model"], "borgerraadgiver.referral.send")
        self.assertEqual(action["context"]["default_inquiry_id"], inquiry.id)
        self.assertTrue(action["context"]["default_forward_without_consent"])
        self.assertEqual(refusal.exception.context["button_text"], "Forward Anyway")
        wizard = (
            self.env["borgerraadgiver.referral.send"]
            .with_user(self.advisor)
            .with_context(**action["context"])
            .create({})
        )
        self.assertTrue(wizard.forward_without_consent)
        self.assertFalse(wizard.share_contact_details)
        wizard.action_send()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertConfirmationRecorded(inquiry)

    def test_wizard_without_confirmation_refused(self):
        inquiry = self.without_consent()
        wizard = (
            self.env["borgerraadgiver.referral.send"]
            .with_user(self.advisor)
            .create({"inquiry_id": inquiry.id, "subject": inquiry.subject})
        )
        self.assertRefused(inquiry, wizard.action_send, exception=UserError)

    def test_confirmed_forward_over_rpc_recorded_in_chatter(self):
        inquiry = self.without_consent()
        inquiry.with_context(**{FORWARD_WITHOUT_CONSENT: True}).action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertConfirmationRecorded(inquiry)

    def test_forward_with_consent_records_no_confirmation(self):
        inquiry = self.open_inquiry()
        inquiry.action_forward()
        self.assertFalse(
            inquiry.message_ids.filtered(lambda m: "without the citizen" in m.body)
        )

    def test_consent_written_with_the_drag(self):
        inquiry = self.without_consent()
        inquiry.write({"state": "forwarded", "consent_forwarding": True})
        self.assertEqual(inquiry.state, "forwarded")

    def assertConfirmationRecorded(self, inquiry):
        notes = inquiry.message_ids.filtered(
            lambda m: "without the citizen's consent" in m.body
        )
        self.assertEqual(len(notes), 1)
        self.assertIn(self.advisor.name, notes.body)

    # ------------------------------------------------------------------
    # Contact details: only with consent, as centre staff read the referral
    # ------------------------------------------------------------------

    def staff_read(self, inquiry):
        referral = inquiry.referral_ids.with_user(self.staff)
        return referral.read(CONTACT_FIELDS)[0]

    def test_referral_without_contact_consent_carries_no_contact_details(self):
        inquiry = self.without_consent(consent_forwarding=True)
        inquiry.action_forward()  # share_contact_details defaults to True
        values = self.staff_read(inquiry)
        self.assertEqual([values[name] for name in CONTACT_FIELDS], [False] * 4)

    def test_referral_with_contact_consent_carries_them(self):
        inquiry = self.open_inquiry(citizen_id=self.citizen.id)
        inquiry.action_forward()
        values = self.staff_read(inquiry)
        self.assertEqual(
            [values[name] for name in CONTACT_FIELDS],
            [
                "Karen Samtykke",
                "karen@borger.example",
                "+45 12 34 56 78",
                "Hovedgaden 1, 4660 Store Heddinge",
            ],
        )

    def test_wizard_offers_contact_details_as_consented(self):
        for consent in (True, False):
            inquiry = self.open_inquiry(consent_contact_details=consent)
            form = Form(
                self.env["borgerraadgiver.referral.send"]
                .with_user(self.advisor)
                .with_context(default_inquiry_id=inquiry.id)
            )
            self.assertEqual(form.share_contact_details, consent)

    # ------------------------------------------------------------------
    # Power of attorney: a file of the inquiry, the advisor's alone
    # ------------------------------------------------------------------

    def inquiry_with_power_of_attorney(self):
        return self.open_inquiry(
            citizen_id=self.citizen.id,
            representative_name="Jens Fuldmægtig",
            power_of_attorney=base64.b64encode(POWER_OF_ATTORNEY),
            power_of_attorney_filename="fuldmagt.pdf",
        )

    def power_of_attorney_file(self, inquiry):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", inquiry._name),
                    ("res_id", "=", inquiry.id),
                    ("res_field", "=", "power_of_attorney"),
                ]
            )
        )

    def test_power_of_attorney_is_a_file_of_the_inquiry(self):
        inquiry = self.inquiry_with_power_of_attorney()
        attachment = self.power_of_attorney_file(inquiry)
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.raw, POWER_OF_ATTORNEY)
        advisor_file = attachment.with_user(self.advisor)
        self.assertEqual(advisor_file.read(["raw"])[0]["raw"], POWER_OF_ATTORNEY)

    def test_power_of_attorney_hidden_from_staff_and_others(self):
        inquiry = self.inquiry_with_power_of_attorney()
        inquiry.action_forward()
        attachment = self.power_of_attorney_file(inquiry)
        for user in (self.staff, self.employee):
            Attachment = self.env["ir.attachment"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(
                    Attachment.search(
                        [
                            ("res_model", "=", inquiry._name),
                            ("res_field", "=", "power_of_attorney"),
                        ]
                    )
                )
                self.assertFalse(Attachment.search([("id", "=", attachment.id)]))
                with self.assertRaises(AccessError):
                    Attachment.browse(attachment.id).read(["raw", "name"])
                with self.assertRaises(AccessError):
                    inquiry.with_user(user).read(["power_of_attorney"])

    def test_power_of_attorney_not_sent_to_the_centre(self):
        inquiry = self.inquiry_with_power_of_attorney()
        attachment = self.power_of_attorney_file(inquiry)
        self.assertRefused(
            inquiry,
            lambda: inquiry.action_forward(attachment_ids=attachment.ids),
            exception=UserError,
        )
        wizard = (
            self.env["borgerraadgiver.referral.send"]
            .with_user(self.advisor)
            .with_context(default_inquiry_id=inquiry.id)
            .create({})
        )
        self.assertNotIn(attachment, wizard.available_attachment_ids)


@tagged("post_install", "-at_install")
class TestPowerOfAttorneyHttp(HttpCase):
    """/web/content gives the power of attorney to the advisor only."""

    def test_web_content(self):
        advisor = new_test_user(
            self.env, login="br_poa_advisor", groups="borgerraadgiver.group_advisor"
        )
        new_test_user(
            self.env, login="br_poa_staff", groups="borgerraadgiver.group_centre_staff"
        )
        new_test_user(self.env, login="br_poa_employee", groups="base.group_user")
        inquiry = (
            self.env["borgerraadgiver.inquiry"]
            .with_user(advisor)
            .create(
                {
                    "subject": "Fuldmagt",
                    "power_of_attorney": base64.b64encode(POWER_OF_ATTORNEY),
                    "power_of_attorney_filename": "fuldmagt.pdf",
                }
            )
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", inquiry._name),
                    ("res_id", "=", inquiry.id),
                    ("res_field", "=", "power_of_attorney"),
                ]
            )
        )
        urls = [
            f"/web/content/{attachment.id}",
            f"/web/content/ir.attachment/{attachment.id}/raw",
            f"/web/content/{inquiry._name}/{inquiry.id}/power_of_attorney",
            f"/web/content?model={inquiry._name}&id={inquiry.id}"
            "&field=power_of_attorney&download=true",
        ]
        self.authenticate("br_poa_advisor", "br_poa_advisor")
        for url in urls:
            self.assertEqual(self.url_open(url).content, POWER_OF_ATTORNEY, url)
        for login in ("br_poa_staff", "br_poa_employee"):
            self.authenticate(login, login)
            for url in urls:
                with self.subTest(login=login, url=url):
                    response = self.url_open(url)
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(POWER_OF_ATTORNEY, response.content)
