"""CPR numbers wherever the advisor's texts and mail arrive (issue 17, item
2): found in free texts, messages (mail from the gateway included) and file
names, named in the form's banner, masked to DDMMYY-XXXX in one click."""

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.borgerraadgiver.models.cpr import find_cpr_numbers, mask_cpr_serials

from .common import BorgerraadgiverCase
from .test_mail_gateway import raw_mail


@tagged("post_install", "-at_install")
class TestCprDetection(BorgerraadgiverCase):
    def test_valid_numbers_with_and_without_dash_or_space(self):
        for text in ["010190-1234", "0101901234", "010190 1234", "010190\u00a01234"]:
            self.assertEqual(find_cpr_numbers(f"CPR: {text}."), [text])
            self.assertEqual(mask_cpr_serials(f"CPR: {text}."), "CPR: 010190-XXXX.")
        self.assertEqual(
            mask_cpr_serials("<p>CPR&nbsp;010190&nbsp;1234</p>"),
            "<p>CPR&nbsp;010190-XXXX</p>",
        )

    def test_no_alarm(self):
        for text in [
            "Sag 320190-1234",  # 32 January
            "Sag 290221-1234",  # 29 February 2021
            "Ring 56575757 eller +45 56 57 57 57 eller +4556575757",
            "Sagsnr. BR-2026-0001 og 2026-123456",
            "Mødet 01-01-2026 kl. 10.30, dato 010126",
        ]:
            self.assertEqual(find_cpr_numbers(text), [], text)
            self.assertEqual(mask_cpr_serials(text), text)

    def test_masked_text_is_no_cpr_number(self):
        self.assertEqual(find_cpr_numbers(mask_cpr_serials("010190-1234")), [])


@tagged("post_install", "-at_install")
class TestCprMasking(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_test_cpr_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.centre.user_ids = cls.staff
        cls.manager = new_test_user(
            cls.env,
            login="br_test_cpr_manager",
            groups="borgerraadgiver.group_statistics",
        )

    def attach(self, record, name):
        return (
            self.env["ir.attachment"]
            .with_user(self.advisor)
            .create(
                {
                    "name": name,
                    "raw": b"x",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def test_banner_names_every_place(self):
        inquiry = self.create_inquiry(description="Borgerens CPR er 010190 1234.")
        inquiry.message_post(body="CPR 0101901234", subtype_xmlid="mail.mt_note")
        inquiry.message_post(body="igen 020304-5678", subtype_xmlid="mail.mt_note")
        self.attach(inquiry, "afgoerelse 010190-1234.pdf")
        self.attach(inquiry, "afgoerelse 2026-123456.pdf")
        inquiry.invalidate_recordset(["cpr_warning"])
        self.assertEqual(
            inquiry.cpr_warning,
            f"Inquiry {inquiry.name} holds a CPR number in: "
            f"{self.field_label('description')}, 2 messages, the file name "
            "afgoerelse 010190-1234.pdf. Sensitive personal data must only arrive "
            "by secure mail (§1.4): mask it unless it is needed.",
        )

    def test_one_click_masks_every_place(self):
        inquiry = self.create_inquiry(
            subject="Sag om 0101901234",
            description="CPR 010190 1234, tlf. 56575757, sag BR-2026-0001",
            advisor_notes="Ægtefællen 020304-5678",
            power_of_attorney_filename="fuldmagt 010190-1234.pdf",
        )
        note = inquiry.message_post(
            body=Markup("<p>CPR 010190&nbsp;1234</p>"), subject="Om 0101901234"
        )
        kept = self.create_inquiry(description="CPR 010190-1234")
        kept_note = kept.message_post(body="CPR 010190-1234")
        file = self.attach(inquiry, "010190-1234 afgoerelse.pdf")
        inquiry.action_mask_cpr()
        self.assertEqual(inquiry.subject, "Sag om 010190-XXXX")
        self.assertEqual(
            inquiry.description, "CPR 010190-XXXX, tlf. 56575757, sag BR-2026-0001"
        )
        self.assertEqual(inquiry.advisor_notes, "Ægtefællen 020304-XXXX")
        self.assertEqual(inquiry.power_of_attorney_filename, "fuldmagt 010190-XXXX.pdf")
        self.assertEqual(str(note.body), "<p>CPR 010190-XXXX</p>")
        self.assertEqual(note.subject, "Om 010190-XXXX")
        self.assertEqual(file.name, "010190-XXXX afgoerelse.pdf")
        inquiry.invalidate_recordset(["cpr_warning"])
        self.assertFalse(inquiry.cpr_warning)
        # the note of the masking names the places, masked
        self.assertIn("010190-XXXX afgoerelse.pdf", inquiry.message_ids[0].body)
        # another inquiry's texts and messages are left alone
        self.assertEqual(kept.description, "CPR 010190-1234")
        self.assertIn("010190-1234", kept_note.body)

    def test_incoming_mail_masked(self):
        domain = self.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or self.env["mail.alias.domain"].create({"name": "stevns.example"})
        self.env.company.alias_domain_id = domain
        alias = self.env.ref("borgerraadgiver.mail_alias_inquiry")
        alias.alias_domain_id = domain
        thread_id = self.env["mail.thread"].message_process(
            None,
            raw_mail(
                "Karen <karen@borger.example>",
                alias.display_name,
                "Min sag 010190-1234",
                "Mit CPR-nummer er 010190-1234.",
                attachment=("cpr 0101901234.pdf", b"%PDF"),
            ),
        )
        inquiry = self.Inquiry.browse(thread_id)
        self.assertIn(self.field_label("subject"), inquiry.cpr_warning)
        self.assertIn("a message", inquiry.cpr_warning)
        self.assertIn("cpr 0101901234.pdf", inquiry.cpr_warning)
        inquiry.action_mask_cpr()
        messages = " ".join(
            str(m.body) + (m.subject or "") for m in inquiry.message_ids
        )
        self.assertNotIn("010190-1234", messages)
        self.assertIn("010190-XXXX", messages)
        self.assertEqual(inquiry.subject, "Min sag 010190-XXXX")
        self.assertIn("010190-XXXX", inquiry.description)
        self.assertEqual(
            inquiry.message_ids.attachment_ids.mapped("name"), ["cpr 010190-XXXX.pdf"]
        )

    def test_referral_banner_and_masking(self):
        inquiry = self.forwarded_inquiry(description="CPR 010190-1234")
        referral = inquiry.referral_ids
        referral.with_user(self.staff).write(
            {"answer_date": self.today, "answer": "Svar til 010190-1234"}
        )
        staff_referral = referral.with_user(self.staff)
        self.assertIn(self.field_label("description"), inquiry.cpr_warning)
        self.assertIn(f"Referral {referral.name} holds", staff_referral.cpr_warning)
        # the centre is warned, the advisor masks
        with self.assertRaises(AccessError):
            staff_referral.action_mask_cpr()
        referral.with_user(self.advisor).action_mask_cpr()
        self.assertEqual(referral.description, "CPR 010190-XXXX")
        self.assertEqual(referral.answer, "Svar til 010190-XXXX")
        # the inquiry's copy of the centre's answer follows its referral
        self.assertEqual(inquiry.centre_answer, "Svar til 010190-XXXX")
        # the referral's own chatter is masked, not the inquiry's texts
        self.assertEqual(inquiry.description, "CPR 010190-1234")
        self.assertFalse(referral.with_user(self.staff).cpr_warning)

    def test_only_the_advisor_masks(self):
        inquiry = self.create_inquiry(description="CPR 010190-1234")
        for user in (self.staff, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                inquiry.with_user(user).action_mask_cpr()
        self.assertEqual(inquiry.description, "CPR 010190-1234")
