from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .report_common import ReportCase
from .spec_tables import PERIOD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestReportAccess(ReportCase):
    """Centre staff and plain internal users get no workbook, no PDF and no
    analysis rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre_user = new_test_user(
            cls.env,
            login="br_test_report_centre",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.employee = new_test_user(
            cls.env, login="br_test_report_employee", groups="base.group_user"
        )
        cls.report = cls.Report.create({"date_from": PERIOD[0], "date_to": PERIOD[1]})

    def test_allowed(self):
        for user in (self.statistician, self.advisor):
            report = self.report.with_user(user)
            self.assertTrue(report.conclusion)
            self.assertEqual(report.inquiry_count, 33)
            self.env["ir.actions.report"].with_user(user)._render(
                "borgerraadgiver.statistics_xlsx", report.ids, {}
            )
            self.env["borgerraadgiver.inquiry.analysis"].with_user(user).search_count(
                []
            )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_denied(self):
        for user in (self.centre_user, self.employee):
            Reports = self.env["ir.actions.report"].with_user(user)
            with self.subTest(user=user.login):
                for model in (
                    "borgerraadgiver.inquiry.analysis",
                    "borgerraadgiver.supervision.analysis",
                    "borgerraadgiver.annual.report",
                ):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search_read([])
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).read_group([], ["id:count"], [])
                with self.assertRaises(AccessError):
                    Reports._render(
                        "borgerraadgiver.statistics_xlsx", self.report.ids, {}
                    )
                with self.assertRaises(AccessError):
                    Reports._render_qweb_html(
                        "borgerraadgiver.annual_report_pdf", self.report.ids
                    )
                with self.assertRaises(AccessError):
                    self.Report.with_user(user).create(
                        {"date_from": PERIOD[0], "date_to": PERIOD[1]}
                    )
                with self.assertRaises(AccessError):
                    self.report.with_user(user).action_print_workbook()

    def test_reports_hidden_from_others(self):
        groups = self.env.ref("borgerraadgiver.statistics_xlsx_action").groups_id
        self.assertEqual(
            set(groups.ids),
            {
                self.env.ref("borgerraadgiver.group_advisor").id,
                self.env.ref("borgerraadgiver.group_statistics").id,
            },
        )


@tagged("post_install", "-at_install")
class TestReportAccessHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre_user = new_test_user(
            cls.env,
            login="br_test_http_centre",
            password="br_test_http_centre",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.statistician = new_test_user(
            cls.env,
            login="br_test_http_statistics",
            password="br_test_http_statistics",
            groups="borgerraadgiver.group_statistics",
        )
        cls.report = cls.env["borgerraadgiver.annual.report"].create(
            {"date_from": PERIOD[0], "date_to": PERIOD[1]}
        )

    def url(self, converter="xlsx", name="borgerraadgiver.statistics_xlsx"):
        return f"/report/{converter}/{name}/{self.report.id}"

    def test_statistician_downloads(self):
        self.authenticate("br_test_http_statistics", "br_test_http_statistics")
        response = self.url_open(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertTrue(response.content.startswith(b"PK"))

    @mute_logger("odoo.http", "odoo.addons.report_xlsx.controllers.main")
    def test_centre_user_gets_nothing(self):
        self.authenticate("br_test_http_centre", "br_test_http_centre")
        response = self.url_open(self.url())
        self.assertNotEqual(response.status_code, 200)
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)
        self.assertFalse(response.content.startswith(b"PK"))
        response = self.url_open(
            self.url(converter="html", name="borgerraadgiver.annual_report_pdf")
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"<svg", response.content)
