from odoo.tests import new_test_user, tagged
from odoo.tools.sql import index_exists

from .common import BorgerraadgiverCase

REFERRAL = "borgerraadgiver.referral"


@tagged("post_install", "-at_install")
class TestScaleQueries(BorgerraadgiverCase):
    """At a national scale (issue 19, item 4) the centre staff's rules check
    a follower's or a notification's one referral by its primary key, in a
    subquery correlated to the row, instead of listing every referral of
    their centre first; and the indexes the screens need exist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_scale_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.centre.user_ids = cls.staff
        cls.other_centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Other Centre", "code": "TST-O", "sequence": 98}
        )

    def staff_sql(self, model, domain):
        query = self.env[model].with_user(self.staff)._search(domain).select()
        return self.env.cr.mogrify(query.code, query.params).decode()

    def test_staff_follower_check_is_correlated(self):
        own = self.forwarded_inquiry().referral_ids
        other = self.forwarded_inquiry(centre_id=self.other_centre.id).referral_ids
        domain = [("res_model", "=", REFERRAL), ("res_id", "in", (own | other).ids)]
        followers = self.env["mail.followers"].with_user(self.staff).search(domain)
        self.assertEqual(set(followers.mapped("res_id")), {own.id})
        self.assertIn(
            '"borgerraadgiver_referral"."id" = "mail_followers"."res_id"',
            self.staff_sql("mail.followers", domain),
        )

    def test_notification_checks_are_correlated(self):
        sql = self.staff_sql("mail.notification", [])
        # the staff's rule: the message's one referral
        self.assertIn('"borgerraadgiver_referral"."id" = "mail_message"."res_id"', sql)
        # every internal user's rule: the notification's one message
        self.assertIn(
            '"mail_message"."id" = "mail_notification"."mail_message_id"', sql
        )

    def test_indexes_of_the_screens(self):
        for name in (
            "borgerraadgiver_inquiry_current_index",
            "borgerraadgiver_inquiry__closed_date_index",
            "borgerraadgiver_inquiry__subject_index",
            "borgerraadgiver_referral_centre_date_index",
            "borgerraadgiver_referral_centre_state_index",
            "borgerraadgiver_referral__subject_index",
            "borgerraadgiver_citizen__email_index",
            "borgerraadgiver_citizen__phone_index",
        ):
            self.assertTrue(index_exists(self.env.cr, name), name)
