"""The annual report's buttons open the analysis as the report counts (issue
16, item 3): the spec's tables in the pivot without touching a filter."""

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .report_common import ReportCase
from .spec_tables import CENTRES, PERIOD, QUARTERS, TABLE_3_1, TABLE_3_3, TABLE_3_4


@tagged("post_install", "-at_install")
class TestReportAnalysis(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.Report.with_user(cls.statistician).create(
            {"date_from": PERIOD[0], "date_to": PERIOD[1]}
        )

    def pivot(self, action):
        """What the pivot of `action` shows the statistician: {(row, column):
        count}, the filters of the search bar applied as the client does."""
        Analysis = self.env[action["res_model"]].with_user(self.statistician)
        context = action["context"]
        if isinstance(context, str):
            context = safe_eval(context)
        arch = Analysis.get_views([(False, "search")])["views"]["search"]["arch"]
        filters = {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(arch).iter("filter")
        }
        domain = list(action["domain"])
        for key, value in context.items():
            if key.startswith("search_default_") and value:
                domain += safe_eval(filters[key.removeprefix("search_default_")])
        groupby = context["pivot_row_groupby"] + context["pivot_column_groupby"]
        return {
            tuple(self.label(value) for value in values): count
            for *values, count in Analysis._read_group(domain, groupby, ["__count"])
        }

    def label(self, value):
        return getattr(value, "code", value) or None

    def assertTable(self, pivot, table):
        expected = {
            (row, centre): count
            for row, counts in table.items()
            for centre, count in zip(CENTRES, counts, strict=True)
            if count
        }
        self.assertEqual(pivot, expected)

    def test_table_3_1(self):
        action = self.report.action_open_analysis()
        self.assertIn(self.report._period_label(), action["name"])
        self.assertFalse(
            [k for k in action["context"] if k.startswith("search_default_")],
            "table 3.1 counts every inquiry of the period: no filter",
        )
        expected = {}
        for label, (_total, without, with_) in TABLE_3_1.items():
            quarter = QUARTERS[label][0]
            expected.update({(quarter, "without"): without, (quarter, "with"): with_})
        self.assertEqual(
            self.pivot(action), {key: n for key, n in expected.items() if n}
        )

    def test_table_3_3(self):
        action = self.report.action_open_handled()
        self.assertEqual(action["context"]["search_default_with_handling"], 1)
        self.assertTable(self.pivot(action), TABLE_3_3)

    def test_table_3_4(self):
        action = self.report.action_open_complaints()
        self.assertTable(self.pivot(action), TABLE_3_4)

    def test_answer_times_of_the_period(self):
        """The answer times of the inquiries forwarded in the period, as the
        workbook's sheet "Svartider" counts them."""
        action = self.report.action_open_answer_times()
        context = action["context"]
        self.assertFalse(context.get("search_default_forwarded"))
        Analysis = self.env[action["res_model"]].with_user(self.statistician)
        answered = Analysis.search_count(action["domain"] + [("answered", "=", True)])
        statistics = self.env["borgerraadgiver.statistics"]._for_period(*PERIOD)
        self.assertEqual(answered, statistics.answer_times.total["answered"])
        self.assertTrue(answered)

    def test_any_year(self):
        """A year far back is one search away (the date filter offers only
        the last three)."""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(
            self.statistician
        )
        in_2020 = sum(
            row[0] for label, row in TABLE_3_1.items() if label.endswith("20")
        )
        self.assertEqual(in_2020, 19)
        self.assertEqual(Analysis.search_count([("received_year", "=", 2020)]), in_2020)
