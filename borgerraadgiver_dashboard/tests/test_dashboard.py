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
