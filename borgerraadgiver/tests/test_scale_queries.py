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

    def advisor_sql(self, model, domain):
        query = self.env[model].with_user(self.advisor)._search(domain).select()
        return self.env.cr.mogrify(query.code, query.params).decode()

    def test_search_by_number(self):
        """The search view's field and the many2one dropdown find a case by
        its number typed from its beginning, in any case, through the btree
        index of the numbers; a part of a number or of the subject as
        before."""
        inquiry = self.forwarded_inquiry(subject="Boligstøtte")
        other = self.create_inquiry(subject=f"Opfølgning på {inquiry.name}")
        referral = inquiry.referral_ids
        self.assertRegex(inquiry.name, r"^BR-\d{4}-\d{4}$")
        search_view = [("display_name", "ilike", inquiry.name.lower())]
        self.assertEqual(self.Inquiry.search(search_view), inquiry)
        year_prefix = inquiry.name[:8]  # "BR-2026-"
        self.assertIn(
            inquiry, self.Inquiry.search([("display_name", "ilike", year_prefix)])
        )
        self.assertEqual(
            self.Inquiry.name_search(inquiry.name)[0],
            (inquiry.id, inquiry.display_name),
        )
        sql = self.advisor_sql(self.Inquiry._name, search_view)
        self.assertIn(f"LIKE '{inquiry.name}%'", sql)
        self.assertNotIn("ILIKE", sql)
        # a part of the number, or a word of the subject: the trigram indexes
        self.assertEqual(
            self.Inquiry.search([("display_name", "ilike", inquiry.name[3:])]),
            inquiry | other,
        )
        self.assertEqual(
            self.Inquiry.search([("display_name", "ilike", "boligstøt")]), inquiry
        )
        # a referral by its number and round
        Referral = self.env[REFERRAL].with_user(self.advisor)
        self.assertEqual(
            Referral.search([("display_name", "ilike", referral.name.lower())]),
            referral,
        )
        self.assertEqual(
            Referral.search([("display_name", "ilike", f"{inquiry.name}/")]), referral
        )
        for table in ("borgerraadgiver_inquiry", "borgerraadgiver_referral"):
            self.assertTrue(index_exists(self.env.cr, f"{table}_name_prefix_index"))

    def test_search_citizen_by_name(self):
        """A citizen is found by the words of the name as typed (the last one
        perhaps only begun), in any case and order, through the full-text
        index; by a part of the e-mail or phone as before; and so are their
        inquiries."""
        Citizen = self.env["borgerraadgiver.citizen"].with_user(self.advisor)
        niels, other = Citizen.create(
            [
                {
                    "name": "Niels Emil Kristensen",
                    "email": "nek@example.dk",
                    "phone": "+45 20 30 40 50",
                },
                {"name": "Søren Hansen-Øberg", "email": "sh@example.dk"},
            ]
        )
        inquiry = self.create_inquiry(citizen_id=niels.id)

        def found(value):
            return Citizen.search([("display_name", "ilike", value)]) & (niels | other)

        self.assertEqual(found("Niels Emil Kristensen"), niels)
        self.assertEqual(found("niels kri"), niels)
        self.assertEqual(found("KRISTENSEN niels"), niels)
        self.assertEqual(found("søren øberg"), other)
        self.assertEqual(found("hansen"), other)
        self.assertFalse(found("ristensen"))  # not inside a word
        self.assertFalse(found("nie kristensen"))  # a begun word only at the end
        self.assertEqual(found("nek@example"), niels)
        self.assertEqual(found("30 40"), niels)
        self.assertEqual(Citizen.name_search("niels kri")[0][0], niels.id)
        self.assertEqual(
            self.Inquiry.search([("citizen_id", "ilike", "niels kristensen")]), inquiry
        )
        sql = self.advisor_sql(Citizen._name, [("display_name", "ilike", "niels kri")])
        self.assertIn("to_tsquery('simple', 'niels & kri:*')", sql)
        self.assertTrue(
            index_exists(self.env.cr, "borgerraadgiver_citizen_name_words_index")
        )
