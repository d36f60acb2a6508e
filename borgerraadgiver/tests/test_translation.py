from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BorgerraadgiverCase


@tagged("post_install", "-at_install")
class TestTranslatedMessages(BorgerraadgiverCase):
    """A Danish advisor reads the refusals in Danish (i18n/da.po)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("en_US", "da_DK"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )

    def test_refusal_in_danish(self):
        # msgid "Inquiry %(name)s: %(field)s is required for this step."
        inquiry = self.open_inquiry(centre_id=False)
        with self.assertRaises(UserError) as refusal:
            inquiry.with_context(lang="da_DK").action_forward()
        message = refusal.exception.args[0]
        self.assertEqual(
            message, f"Henvendelse {inquiry.name}: Center skal udfyldes i dette trin."
        )

    def test_refusal_in_english(self):
        inquiry = self.open_inquiry(centre_id=False)
        with self.assertRaises(UserError) as refusal:
            inquiry.with_context(lang="en_US").action_forward()
        self.assertEqual(
            refusal.exception.args[0],
            f"Inquiry {inquiry.name}: Centre is required for this step.",
        )

    def test_dates_in_the_readers_format(self):
        """A date in a message is written as the reader writes dates, not in
        the database's ISO format."""
        inquiry = self.create_inquiry()
        future = self.today + timedelta(days=3)
        for lang, text in (
            ("da_DK", future.strftime("%d-%m-%Y")),
            ("en_US", future.strftime("%m/%d/%Y")),
        ):
            with self.assertRaises(ValidationError) as refusal:
                inquiry.with_context(lang=lang).write({"received_date": future})
            self.assertIn(text, refusal.exception.args[0], lang)
            self.assertNotIn(future.isoformat(), refusal.exception.args[0], lang)
