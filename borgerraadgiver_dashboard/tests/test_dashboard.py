import json

from odoo.tests import TransactionCase, tagged

from odoo.addons.spreadsheet.utils.validate_data import fields_in_spreadsheet

PERSONAL_FIELDS = {"citizen_id", "subject", "description", "advisor_notes"}


@tagged("post_install", "-at_install")
class TestDashboard(TransactionCase):
    def test_dashboard_counts_the_analysis_view(self):
        dashboard = self.env.ref(
            "borgerraadgiver_dashboard.spreadsheet_dashboard_borgerraadgiver"
        )
        data = json.loads(dashboard.spreadsheet_data)
        used = fields_in_spreadsheet(data)
        self.assertEqual(set(used), {"borgerraadgiver.inquiry.analysis"})
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        for chain in used["borgerraadgiver.inquiry.analysis"]:
            self.assertIn(chain.split(".")[0], Analysis._fields)
            self.assertFalse(PERSONAL_FIELDS & set(chain.split(".")))
        self.assertEqual(
            set(dashboard.group_ids.mapped(lambda g: g.get_external_id()[g.id])),
            {"borgerraadgiver.group_statistics", "borgerraadgiver.group_advisor"},
        )

    def test_charts_and_tables_without_ids(self):
        """Two charts of the analysis view follow the year filter; the tables'
        corners hold no "(#1) name" (the heading above names them)."""
        dashboard = self.env.ref(
            "borgerraadgiver_dashboard.spreadsheet_dashboard_borgerraadgiver"
        )
        data = json.loads(dashboard.spreadsheet_data)
        (sheet,) = data["sheets"]
        charts = [figure["data"] for figure in sheet["figures"]]
        self.assertEqual(
            {(chart["type"], tuple(chart["metaData"]["groupBy"])) for chart in charts},
            {
                ("odoo_bar", ("received_date:quarter", "centre_id")),
                ("odoo_pie", ("category_id",)),
            },
        )
        self.assertEqual(
            {chart["metaData"]["resModel"] for chart in charts},
            {"borgerraadgiver.inquiry.analysis"},
        )
        (date_filter,) = data["globalFilters"]
        self.assertEqual(
            set(date_filter["graphFields"]),
            {figure["id"] for figure in sheet["figures"]},
        )
        tables = [
            cell["content"]
            for cell in sheet["cells"].values()
            if "PIVOT.TABLE" in cell.get("content", "")
        ]
        self.assertEqual(len(tables), 3)
        for formula in tables:
            self.assertRegex(formula, r'^=IF\(ISNUMBER\(SEARCH\("\(#\d\)"')
