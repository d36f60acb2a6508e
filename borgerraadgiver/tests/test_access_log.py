from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from ..models.borgerraadgiver_access_log import QUEUE_TABLE
from .common import BorgerraadgiverCase

LOG = "borgerraadgiver.access.log"
ADVISOR_GROUPS = "base.group_user,borgerraadgiver.group_advisor"
INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
CITIZEN = "borgerraadgiver.citizen"
# What the advisor's list of inquiries asks for (views: the list's fields)
LIST_SPEC = {
    "name": {},
    "received_date": {},
    "subject": {},
    "citizen_id": {"fields": {"display_name": {}}},
    "centre_id": {"fields": {"display_name": {}}},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestAccessLog(BorgerraadgiverCase):
    """Issue 17, item 5: every read of personal data by a user is logged,
    with the fields; the log is immutable, purged, reviewed monthly and read
    by the addon's administrator only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_test_log_staff",
            groups="borgerraadgiver.group_centre_staff",
            name="Log Staff",
        )
        cls.centre.user_ids = cls.staff
        cls.log_admin = new_test_user(
            cls.env,
            login="br_test_log_admin",
            groups="base.group_user,borgerraadgiver.group_admin",
            name="Log Administrator",
        )
        cls.plain_user = new_test_user(
            cls.env, login="br_test_log_plain", groups="base.group_user"
        )
        cls.citizen = cls.env[CITIZEN].create(
            {"name": "Karen Logborger", "email": "karen@borger.example"}
        )
        cls.Log = cls.env[LOG]

    def setUp(self):
        super().setUp()
        # whatever the set-up read is written before the test reads
        self.env.cr.flush()
        self.Log._spread_queue()

    def lines(self, user, **domain):
        """The log lines of `user`'s reads, once the transaction commits."""
        self.env.cr.flush()
        return self.Log.search(
            [("user_id", "=", user.id)]
            + [(field, "=", value) for field, value in domain.items()]
        )

    def queue(self):
        """(user id, sorted ids, field names) of the rows queued for the log."""
        self.env.cr.execute(
            SQL(
                "SELECT user_id, res_ids, field_names FROM %s",
                SQL.identifier(QUEUE_TABLE),
            )
        )
        return [(uid, sorted(ids), names) for uid, ids, names in self.env.cr.fetchall()]

    def referral(self):
        inquiry = self.forwarded_inquiry(
            citizen_id=self.citizen.id, description="Four months without an answer."
        )
        self.env.cr.flush()
        return inquiry.referral_ids

    # ------------------------------------------------------------------
    # What is logged
    # ------------------------------------------------------------------

    def test_staff_read_of_referral(self):
        referral = self.referral()
        referral.with_user(self.staff).web_read(
            {"name": {}, "description": {}, "citizen_name": {}, "deadline": {}}
        )
        line = self.lines(self.staff)
        self.assertEqual(len(line), 1)
        self.assertEqual((line.res_model, line.res_id), (REFERRAL, referral.id))
        self.assertEqual(line.field_names, "citizen_name,description")
        self.assertEqual((line.method, line.path), ("read", "shell"))
        self.assertTrue(line.date)

    def test_grouped_reads_and_direct_message_reads(self):
        """Found by an attacker: read_group with array_agg of descriptions
        (even under another name) and a search_read of the thread's messages
        escaped the log."""
        inquiries = self.create_inquiry(description="Nabostrid") | self.create_inquiry()
        self.env.cr.flush()
        self.Inquiry.read_group(
            [("id", "in", inquiries.ids)], ["x:array_agg(description)"], ["state"]
        )
        lines = self.lines(self.advisor, res_model=INQUIRY, method="read_group")
        self.assertEqual(sorted(lines.mapped("res_id")), sorted(inquiries.ids))
        self.assertEqual(set(lines.mapped("field_names")), {"description"})
        # grouping by what is not personal logs nothing
        self.Inquiry.read_group([("id", "in", inquiries.ids)], ["state"], ["state"])
        self.assertEqual(
            len(self.lines(self.advisor, res_model=INQUIRY, method="read_group")), 2
        )
        referral = self.referral()
        self.env["mail.message"].with_user(self.staff).search_read(
            [("model", "=", REFERRAL), ("res_id", "=", referral.id)], ["body"]
        )
        line = self.lines(self.staff, res_model=REFERRAL)
        self.assertEqual((line.res_id, line.field_names), (referral.id, "message_ids"))

    def test_advisor_list_one_line_per_record_in_one_insert(self):
        inquiries = self.create_inquiry(citizen_id=self.citizen.id)
        inquiries |= self.create_inquiry() | self.create_inquiry()
        self.env.cr.flush()
        self.Inquiry.web_search_read([("id", "in", inquiries.ids)], LIST_SPEC)
        with self.assertQueryCount(1):
            self.env.cr.flush()
        # the request wrote one row, the ids in an array …
        self.assertEqual(
            self.queue(),
            [(self.advisor.id, sorted(inquiries.ids), "citizen_id,subject")],
        )
        # … that the log's search spreads into a line per record first
        lines = self.lines(self.advisor, res_model=INQUIRY)
        self.assertEqual(sorted(lines.mapped("res_id")), sorted(inquiries.ids))
        self.assertEqual(set(lines.mapped("field_names")), {"citizen_id,subject"})
        self.assertEqual(self.queue(), [])

    def test_the_queue_is_spread_by_the_cron_and_not_by_who_may_not_read(self):
        inquiry = self.create_inquiry()
        self.env.cr.flush()
        inquiry.read(["subject"])
        self.env.cr.flush()
        for user in (self.plain_user, self.staff, self.advisor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Log.with_user(user).search([])
        self.assertEqual(len(self.queue()), 1)
        self.env.ref(
            "borgerraadgiver.ir_cron_access_log_spread"
        ).method_direct_trigger()
        self.assertEqual(self.queue(), [])
        self.env.cr.execute(
            SQL(
                "SELECT user_id, res_model, res_id, field_names FROM %s",
                SQL.identifier(self.Log._table),
            )
        )
        self.assertIn(
            (self.advisor.id, INQUIRY, inquiry.id, "subject"), self.env.cr.fetchall()
        )

    def test_only_the_records_read_are_logged(self):
        """Found by an attacker: a read of ids that do not exist (yet) logged
        them, so a reader could plant lines about citizens to come."""
        missing = self.citizen.search([], order="id desc", limit=1).id + 1000
        citizens = self.env[CITIZEN].with_user(self.advisor)
        citizens.browse([self.citizen.id, missing]).read(["name"])
        lines = self.lines(self.advisor, res_model=CITIZEN)
        self.assertEqual(lines.mapped("res_id"), [self.citizen.id])

    def test_same_record_read_twice_in_a_request_is_one_line(self):
        inquiry = self.create_inquiry()
        self.env.cr.flush()
        inquiry.read(["subject"])
        inquiry.read(["description", "state"])
        line = self.lines(self.advisor, res_model=INQUIRY)
        self.assertEqual(line.field_names, "description,subject")

    def test_no_personal_field_no_line(self):
        inquiry = self.create_inquiry()
        self.env.cr.flush()
        inquiry.read(["state", "received_date", "centre_id"])
        self.assertFalse(self.lines(self.advisor))

    def test_sudo_reads_of_the_code_are_not_logged(self):
        inquiry = self.create_inquiry()
        self.env.cr.flush()
        inquiry.sudo().read(["subject", "description"])
        self.assertTrue(inquiry.subject)
        self.assertFalse(self.lines(self.advisor))

    def test_export_is_logged(self):
        self.advisor.groups_id += self.env.ref("base.group_allow_export")
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        self.env.cr.flush()
        inquiry.export_data(["name", "citizen_id/name", "subject", "state"])
        line = self.lines(self.advisor, method="export_data")
        self.assertEqual(
            (line.res_id, line.field_names), (inquiry.id, "citizen_id,subject")
        )

    def test_citizen_search_is_logged(self):
        self.env[CITIZEN].with_user(self.advisor).name_search("Karen Logborger")
        line = self.lines(self.advisor, res_model=CITIZEN)
        self.assertEqual(
            (line.res_id, line.field_names, line.method),
            (self.citizen.id, "display_name", "name_search"),
        )

    def test_report_is_logged(self):
        referral = self.referral()
        view = self.env["ir.ui.view"].create(
            {
                "name": "br_test_referral_report",
                "type": "qweb",
                "key": "borgerraadgiver.br_test_referral_report",
                "arch": '<t t-name="borgerraadgiver.br_test_referral_report">'
                '<p t-foreach="docs" t-as="doc" t-out="doc.description"/></t>',
            }
        )
        report = self.env["ir.actions.report"].create(
            {
                "name": "Test referral report",
                "model": REFERRAL,
                "report_type": "qweb-html",
                "report_name": view.key,
            }
        )
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.staff)
            ._render_qweb_html(report.report_name, referral.ids)
        )
        self.assertIn(b"Four months", html)
        line = self.lines(self.staff, method="report")
        self.assertEqual(line.res_id, referral.id)
        self.assertIn("description", line.field_names.split(","))

    # ------------------------------------------------------------------
    # Nobody changes the log
    # ------------------------------------------------------------------

    def test_log_cannot_be_changed_or_deleted_by_anyone(self):
        self.create_inquiry().read(["subject"])
        line = self.lines(self.advisor)
        self.assertEqual(len(line), 1)
        admin = self.env.ref("base.user_admin")
        for env in (
            self.env,  # the superuser
            self.env(user=admin),
            self.env(user=self.log_admin),
            self.env(user=self.advisor),
        ):
            with self.subTest(user=env.user.login, su=env.su):
                with self.assertRaises(UserError):
                    line.with_env(env).write({"field_names": "state"})
                with self.assertRaises(UserError):
                    line.with_env(env).unlink()
        self.assertEqual(line.field_names, "subject")
        with self.assertRaises(AccessError):
            self.Log.with_user(self.log_admin).create(
                {
                    "date": fields.Datetime.now(),
                    "user_id": self.advisor.id,
                    "res_model": INQUIRY,
                    "res_id": 1,
                    "field_names": "subject",
                    "path": "/forged",
                    "method": "read",
                }
            )

    def test_a_user_the_log_names_cannot_be_deleted(self):
        """The log's user_id has no foreign key (it cost a third of a
        list's logging): deleting a user the log names is refused all the
        same, in Danish too; a user who read nothing personal is deleted."""
        reader = new_test_user(
            self.env, login="br_test_log_reader", groups=ADVISOR_GROUPS
        )
        bystander = new_test_user(self.env, login="br_test_log_bystander")
        self.create_inquiry().with_user(reader).read(["subject"])
        self.env.cr.flush()
        for lang in ("en_US", "da_DK"):
            with (
                self.subTest(lang=lang),
                self.assertRaisesRegex(UserError, "access log|adgangsloggen"),
            ):
                reader.with_context(lang=lang).unlink()
        self.assertTrue(reader.exists())
        self.assertTrue(self.lines(reader))
        bystander.unlink()
        self.assertFalse(bystander.exists())

    def test_only_the_addons_administrator_reads_the_log(self):
        self.create_inquiry().read(["subject"])
        self.env.cr.flush()
        self.assertTrue(self.Log.with_user(self.log_admin).search([]))
        for user in (self.plain_user, self.staff, self.advisor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Log.with_user(user).search_read([], ["res_id"])

    # ------------------------------------------------------------------
    # Purge and review
    # ------------------------------------------------------------------

    def insert_line(self, date, user=None):
        self.Log._insert_groups(
            date,
            "/x",
            None,
            {((user or self.advisor).id, INQUIRY, "subject", "read"): [1]},
        )

    def test_settings_cannot_empty_the_log(self):
        """Found by an attacker with Settings rights: a period of 0 or less
        months made the daily purge delete every line. The settings refuse
        it, the purge keeps six months whatever the parameter says, and only
        the addon's administrator writes its settings."""
        sysadmin = new_test_user(
            self.env, login="br_log_sysadmin", groups="base.group_system"
        )
        Settings = self.env["res.config.settings"]
        with self.assertRaises(AccessError):
            Settings.with_user(sysadmin).create(
                {"borgerraadgiver_access_log_months": 24}
            )
        it_admin = new_test_user(
            self.env,
            login="br_log_it",
            groups="base.group_system,borgerraadgiver.group_admin",
        )
        with self.assertRaises(ValidationError):
            Settings.with_user(it_admin).create(
                {"borgerraadgiver_access_log_months": 0}
            )
        self.insert_line(datetime(2026, 10, 1, 10, 0))
        self.ICP.set_param("borgerraadgiver.access_log_months", "-1")
        with freeze_time(datetime(2026, 12, 6, 10, 0)):
            self.Log._cron_purge()
        self.assertEqual(
            self.Log.search([("path", "=", "/x")]).mapped("date"),
            [datetime(2026, 10, 1, 10, 0)],
        )

    def test_purge_removes_only_lines_past_the_period(self):
        self.ICP.set_param("borgerraadgiver.access_log_months", "24")
        now = datetime(2026, 6, 15, 12, 0)
        self.insert_line(datetime(2024, 6, 15, 11, 0))
        self.insert_line(datetime(2024, 6, 15, 13, 0))
        with freeze_time(now):
            self.Log._cron_purge()
        self.assertEqual(
            self.Log.search([("path", "=", "/x")]).mapped("date"),
            [datetime(2024, 6, 15, 13, 0)],
        )

    def test_monthly_review_around_midnight(self):
        """The review of February, made at the turn of the month, takes the
        lines of the municipality's February (Europe/Copenhagen, UTC+1)."""
        self.ICP.set_param("borgerraadgiver.access_log_sample_size", "3")
        inside = [
            datetime(2026, 1, 31, 23, 30),  # 1 February, 00:30 in Denmark
            datetime(2026, 2, 14, 12, 0),
            datetime(2026, 2, 28, 22, 30),  # 28 February, 23:30
            datetime(2026, 2, 20, 8, 0),
        ]
        outside = [datetime(2026, 1, 31, 22, 30), datetime(2026, 2, 28, 23, 30)]
        for date in inside + outside:
            self.insert_line(date, self.staff)
        Review = self.env["borgerraadgiver.access.review"]
        for now in (datetime(2026, 2, 28, 23, 30), datetime(2026, 3, 1, 0, 30)):
            with self.subTest(now=now), freeze_time(now):
                review = Review._cron_create_review()
                self.assertEqual(
                    (review.date_from, review.date_to),
                    (datetime(2026, 2, 1).date(), datetime(2026, 2, 28).date()),
                )
                self.assertEqual(review.period_line_count, 4)
                self.assertEqual(len(review.line_ids), 3)
                self.assertLessEqual(set(review.line_ids.mapped("date")), set(inside))
                self.assertFalse(Review._cron_create_review(), "one review a month")
                self.assertIn(self.log_admin, review.activity_ids.user_id)
                review.unlink()

    def test_the_administrator_marks_the_review(self):
        self.insert_line(fields.Datetime.now() - timedelta(days=40))
        review = self.env["borgerraadgiver.access.review"]._cron_create_review()
        review = review.with_user(self.log_admin)
        with self.assertRaises(UserError):
            review.write({"line_ids": [fields.Command.clear()]})
        review.note = "Nothing unusual."
        review.action_mark_reviewed()
        self.assertTrue(review.reviewed)
        self.assertEqual(review.reviewed_by_id, self.log_admin)
        self.assertFalse(review.activity_ids)
        with self.assertRaises(AccessError):
            review.with_user(self.plain_user).read(["note"])
