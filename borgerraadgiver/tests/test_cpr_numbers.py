from odoo.tests import Form, tagged

from odoo.addons.borgerraadgiver.models.cpr import (
    find_cpr_numbers,
    mask_cpr_numbers,
)

from .common import BorgerraadgiverCase

ONCHANGE_LOGGER = "odoo.tests.form.onchange"


@tagged("post_install", "-at_install")
class TestCprNumbers(BorgerraadgiverCase):
    """§1.4: a CPR number is found however it is written (DDMMYY-XXXX,
    DDMMYYXXXX, DDMMYY XXXX), when its birth date is a real date."""

    def test_found_in_every_form(self):
        for text, found in [
            ("CPR 010190-1234.", ["010190-1234"]),
            ("Sag om 0101901234", ["0101901234"]),
            ("Borgerens CPR er 020304 5678, ring", ["020304 5678"]),
            ("to: 020304 5678 og 311299-1111", ["020304 5678", "311299-1111"]),
            # CPR numbers since 2007 need not satisfy the modulus-11 check
            ("010107-4000", ["010107-4000"]),
        ]:
            self.assertEqual(find_cpr_numbers(text), found, text)

    def test_not_a_cpr_number(self):
        for text in [
            "Sagsnr. 390199-1234",  # day 39
            "Sagsnr. 011999-1234",  # month 19
            "Sagsnr. 000199 1234",  # day 0
            "Ring på tlf. 56575757 eller 56 57 57 57.",
            "Journalnr. 02030456789",  # eleven digits
            "Journalnr. 1020304-5678",  # seven digits before the dash
            "",
            False,
        ]:
            self.assertEqual(find_cpr_numbers(text), [], text)
            self.assertEqual(mask_cpr_numbers(text), text or "", text)

    def test_masked(self):
        self.assertEqual(
            mask_cpr_numbers("CPR 020304 5678, sag 390199-1234, 0101901234."),
            "CPR [CPR], sag 390199-1234, [CPR].",
        )

    def test_spaced_number_warned(self):
        inquiry = self.create_inquiry(description="Borgerens CPR er 020304 5678.")
        self.assertTrue(inquiry.cpr_warning)
        self.assertIn(self.field_label("description"), inquiry.cpr_warning)

    def test_spaced_number_warned_in_form(self):
        form = Form(self.Inquiry)
        form.subject = "Question about a letter"
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form.description = "CPR 020304 5678"
        self.assertIn("§1.4", "\n".join(logs.output))

    def test_spaced_number_masked_in_reminder(self):
        inquiry = self.create_inquiry(subject="Svar om 020304 5678 og 010190-1234")
        inquiry.action_open()
        inquiry.action_forward()
        referral = inquiry.referral_ids
        self.assertEqual(referral._reminder_subject(), "Svar om [CPR] og [CPR]")

    def test_impossible_dates_not_warned_nor_masked(self):
        inquiry = self.create_inquiry(
            subject="Sag 390199-1234",
            description="Journalnumre 390199-1234 og 011999-1234",
        )
        self.assertFalse(inquiry.cpr_warning)
        self.assertEqual(mask_cpr_numbers(inquiry.subject), "Sag 390199-1234")
