"""What the yearly report does with unusual input: centre and category
names that look like formulas, a period up to year 9999, a workbook asked
for without a report."""

import html
import json

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .report_common import ReportCase, d, sheet

FORMULA = '=HYPERLINK("http://x","y")'
NO_REPORT = "Choose one yearly report to print its statistics workbook."
NO_REPORT_DA = "Vælg én årsrapport for at udskrive dens statistikregneark."
XLSX_URL = "/report/xlsx/borgerraadgiver.statistics_xlsx"


def load_danish(env):
    for lang in ("en_US", "da_DK"):
        env["res.lang"]._activate_lang(lang)
    env["ir.module.module"]._load_module_terms(
        ["borgerraadgiver"], ["da_DK"], overwrite=True
    )


@tagged("post_install", "-at_install")
class TestWorkbookTexts(ReportCase):
    """Every label of the workbook is a text cell, never a formula or a link,
    whatever the names of the centres and categories hold."""

    def test_names_stay_text(self):
        centre = self.env["borgerraadgiver.centre"].create(
            {"name": FORMULA, "code": '=HYPERLINK("http://x","c")', "sequence": 1}
        )
        texts = {
            centre.code,
            f"{centre.name} ({centre.code})",  # row label of "Svartider"
        }
        category = self.env["borgerraadgiver.category"].create(
            {"name": "+cmd|' /C calc'!A0", "code": "=9", "sequence": 99}
        )
        texts.add(f"{category.code} {category.name}")
        for prefix in ("+", "-", "@", "http://"):
            other = self.env["borgerraadgiver.centre"].create(
                {"name": f"{prefix}name", "code": f"{prefix}C", "sequence": 2}
            )
            texts.add(other.code)
        self.inquiry(d("2019-06-03"), centre_id=centre.id, category_id=category.id)
        book = self.workbook(self.create_report(d("2019-06-01"), d("2019-06-30")))

        found = set()
        for book_sheet in book.worksheets:
            for row in book_sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(
                        cell.data_type, "f", f"{book_sheet.title}!{cell.coordinate}"
                    )
                    self.assertIsNone(
                        cell.hyperlink, f"{book_sheet.title}!{cell.coordinate}"
                    )
                    if cell.value in texts:
                        self.assertEqual(cell.data_type, "s", cell.coordinate)
                        found.add(cell.value)
        self.assertEqual(found, texts)

        # the centre's column heading of table 3.2 and its count under it
        table = sheet(book, "3.2")
        header = [cell.value for cell in table[1]]
        column = header.index(centre.code) + 1
        heading = table.cell(1, column)
        self.assertEqual((heading.value, heading.data_type), (centre.code, "s"))
        count = table.cell(2, column)
        self.assertEqual((count.value, count.data_type), (1, "n"))


@tagged("post_install", "-at_install")
class TestReportPeriodBounds(ReportCase):
    """A period up to year 9999 (or from far in the future) is refused with a
    message naming the date, never a traceback."""

    def assertRefused(self, date_from, date_to, field):
        with self.assertRaises(ValidationError) as refusal:
            self.create_report(date_from, date_to)
        message = refusal.exception.args[0]
        label = self.Report._fields[field]._description_string(
            self.Report.with_user(self.statistician).env
        )
        self.assertIn(f"“{label}”", message)
        return message

    def test_year_9999_refused(self):
        message = self.assertRefused(d("2020-01-01"), d("9999-12-31"), "date_to")
        self.assertIn("9999", message)
        self.assertIn("1970", message)

    def test_far_future_refused(self):
        self.assertRefused(d("9999-01-01"), d("9999-12-31"), "date_from")
        self.assertRefused(d("9999-12-31"), d("9999-12-31"), "date_from")

    def test_before_1970_refused(self):
        self.assertRefused(d("0001-01-01"), d("2020-12-31"), "date_from")

    def test_write_refused(self):
        report = self.create_report(d("2020-01-01"), d("2020-12-31"))
        with self.assertRaises(ValidationError):
            report.date_to = d("9999-12-31")

    def test_next_year_allowed(self):
        today = self.Report._period_bounds()[1].replace(month=1, day=1)
        report = self.create_report(today, today.replace(month=12, day=31))
        self.assertEqual(report.inquiry_count, 0)

    def test_form(self):
        """In the form the date gives no error while typing; saving names it."""
        form = Form(self.Report.with_user(self.statistician))
        form.date_from = d("2020-01-01")
        form.date_to = d("9999-12-31")
        self.assertEqual(form.inquiry_count, 0)
        with self.assertRaises(ValidationError):
            form.save()

    def test_message_in_danish(self):
        load_danish(self.env)
        with self.assertRaises(ValidationError) as refusal:
            self.Report.with_context(lang="da_DK").create(
                {"date_from": d("2020-01-01"), "date_to": d("9999-12-31")}
            )
        message = refusal.exception.args[0]
        self.assertTrue(message.startswith("Rapportens periode: datoen i “Til”"))
        self.assertIn("31-12-9999", message)


@tagged("post_install", "-at_install")
class TestWorkbookWithoutReport(ReportCase):
    """The workbook asked for without a report, or for several: a clear
    refusal, not a traceback."""

    def render(self, ids, lang=None):
        return (
            self.env["ir.actions.report"]
            .with_user(self.advisor)
            .with_context(lang=lang or "en_US")
            ._render("borgerraadgiver.statistics_xlsx", ids, {})
        )

    def test_without_ids(self):
        with self.assertRaises(UserError) as refusal:
            self.render([])
        self.assertEqual(refusal.exception.args[0], NO_REPORT)

    def test_several_reports(self):
        reports = self.create_report(
            d("2019-01-01"), d("2019-12-31"), user=self.advisor
        ) | self.create_report(d("2020-01-01"), d("2020-12-31"), user=self.advisor)
        with self.assertRaises(UserError) as refusal:
            self.render(reports.ids)
        self.assertEqual(refusal.exception.args[0], NO_REPORT)

    def test_message_in_danish(self):
        load_danish(self.env)
        with self.assertRaises(UserError) as refusal:
            self.render([], lang="da_DK")
        self.assertEqual(refusal.exception.args[0], NO_REPORT_DA)


@tagged("post_install", "-at_install")
class TestWorkbookWithoutReportHttp(HttpCase):
    """The advisor's browser asking for the workbook without a report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="br_test_http_findings",
            password="br_test_http_findings",
            groups="borgerraadgiver.group_advisor",
            lang="en_US",
        )

    def setUp(self):
        super().setUp()
        self.authenticate("br_test_http_findings", "br_test_http_findings")

    @mute_logger("odoo.http")
    def test_url_without_ids(self):
        response = self.url_open(XLSX_URL)
        self.assertEqual(response.status_code, 400)
        self.assertIn(NO_REPORT, response.text)
        self.assertNotIn("Traceback", response.text)

    @mute_logger("odoo.addons.report_xlsx.controllers.main")
    def test_download_without_ids(self):
        """The web client's download: report_xlsx answers a JSON error."""
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"{XLSX_URL}?context=%7B%7D", "xlsx"]),
                "context": json.dumps({"lang": "en_US"}),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        error = json.loads(html.unescape(response.text))
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertEqual(error["data"]["message"], NO_REPORT)
