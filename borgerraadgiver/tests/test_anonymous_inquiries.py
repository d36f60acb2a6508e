"""Anonymous and counted-only contacts (issue 17, item 3): an inquiry without
citizen counts in every statistic; the setting borgerraadgiver.citizen_required
makes the citizen required to handle an inquiry."""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import BorgerraadgiverCase
from .report_common import ReportCase, read_table, sheet

CITIZEN_REQUIRED = "borgerraadgiver.citizen_required"


@tagged("post_install", "-at_install")
class TestAnonymousStatistics(ReportCase):
    """An inquiry without citizen counts in tables 3.1-3.4 and the analysis
    like one with a citizen."""

    def counts(self, report):
        book = self.workbook(report)
        return {
            key: read_table(sheet(book, key))[1][-1][1]
            for key in ("3.1", "3.2", "3.3", "3.4")
        }

    def test_anonymous_inquiry_counts_everywhere(self):
        report = self.create_report("2019-01-01", "2019-03-31")
        before = self.counts(report)
        analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(
            self.statistician
        )
        period = [
            ("received_date", ">=", "2019-01-01"),
            ("received_date", "<=", "2019-03-31"),
        ]
        analysed = analysis.search_count(period)
        self.inquiry(
            "2019-02-01",
            citizen_id=False,
            category_id=self.env.ref("borgerraadgiver.category_4").id,
            subcategory_id=self.env.ref("borgerraadgiver.category_4_1").id,
        )
        self.env.flush_all()
        after = self.counts(report)
        # the totals row of each table: one more, in its total and its centre
        for key in before:
            self.assertEqual(after[key][0], (before[key][0] or 0) + 1, key)
        self.assertEqual(analysis.search_count(period), analysed + 1)


@tagged("post_install", "-at_install")
class TestCitizenRequired(BorgerraadgiverCase):
    def setUp(self):
        super().setUp()
        self.ICP.set_param(CITIZEN_REQUIRED, "True")
        self.citizen = self.env["borgerraadgiver.citizen"].create(
            {"name": "Ole Borger"}
        )

    def test_optional_by_default(self):
        self.ICP.set_param(CITIZEN_REQUIRED, False)
        inquiry = self.forwarded_inquiry()
        self.assertFalse(inquiry.citizen_id)

    def test_leaving_new_without_citizen_refused(self):
        inquiry = self.create_inquiry()
        self.assertTrue(inquiry.citizen_required)
        label = self.field_label("citizen_id")
        for leave in (
            inquiry.action_open,
            inquiry.action_forward,
            lambda: inquiry.write({"state": "open"}),  # a kanban drag
            lambda: inquiry.write({"resolution": "explained", "state": "closed"}),
        ):
            self.assertRefused(inquiry, leave, label)
        inquiry.citizen_id = self.citizen
        inquiry.action_open()
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")

    def test_misdirected_and_cancelled_close_without_citizen(self):
        misdirected = self.create_inquiry(resolution="misdirected")
        misdirected.action_close()
        self.assertEqual(misdirected.state, "closed")
        self.assertRefused(
            misdirected, misdirected.action_reopen, self.field_label("citizen_id")
        )
        cancelled = self.create_inquiry()
        cancelled.action_cancel()
        self.assertEqual(cancelled.state, "cancelled")

    def test_setting(self):
        self.ICP.set_param(CITIZEN_REQUIRED, False)
        settings = Form(self.env["res.config.settings"])
        self.assertFalse(settings.borgerraadgiver_citizen_required)
        settings.borgerraadgiver_citizen_required = True
        settings.save().execute()
        self.assertTrue(self.create_inquiry().citizen_required)
        with self.assertRaises(UserError):
            self.create_inquiry().action_open()
