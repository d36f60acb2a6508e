from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

INQUIRY = "borgerraadgiver.inquiry"


@tagged("post_install", "-at_install")
class TestSmsResend(TransactionCase):
    """The SMS resend wizard names no recipient of the advisor's messages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="br_sms_advisor",
            email="sms.advisor@stevns.example",
            groups="borgerraadgiver.group_advisor",
        )
        cls.clerk = new_test_user(
            cls.env, login="br_sms_clerk", groups="base.group_user"
        )
        citizen = cls.env["borgerraadgiver.citizen"].create(
            {"name": "Sigrid Smsborger", "email": "sigrid@borger.example"}
        )
        cls.citizen = citizen._get_mail_partner()
        inquiry = (
            cls.env[INQUIRY]
            .with_user(cls.advisor)
            .create({"subject": "By text message", "citizen_id": citizen.id})
        )
        cls.message = inquiry.message_post(
            body="Dear Sigrid",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.citizen.ids,
        )
        cls.notification = cls.message.notification_ids.filtered(
            lambda notification: notification.res_partner_id == cls.citizen
        )

    def test_clerk_gets_no_recipient(self):
        self.assertTrue(self.notification)
        wizard = (
            self.env["sms.resend"]
            .with_user(self.clerk)
            .create({"mail_message_id": self.message.id})
        )
        self.assertEqual(
            wizard.read(["mail_message_id"])[0]["mail_message_id"][1], "Confidential"
        )
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            self.env["sms.resend.recipient"].with_user(self.clerk).create(
                {"sms_resend_id": wizard.id, "notification_id": self.notification.id}
            )
        # the advisor may
        wizard = (
            self.env["sms.resend"]
            .with_user(self.advisor)
            .create({"mail_message_id": self.message.id})
        )
        line = (
            self.env["sms.resend.recipient"]
            .with_user(self.advisor)
            .create(
                {"sms_resend_id": wizard.id, "notification_id": self.notification.id}
            )
        )
        self.assertEqual(line.partner_id, self.citizen)
