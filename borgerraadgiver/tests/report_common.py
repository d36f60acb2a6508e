"""Helpers of the report tests: the workbook read back with openpyxl, the
PDF's text with pdftotext."""

import datetime as dt
import io
import subprocess
import tempfile

import openpyxl

from odoo.tests import TransactionCase, new_test_user


def render_workbook(report):
    """The report's workbook, rendered as the report's user, read back."""
    content, kind = (
        report.env["ir.actions.report"]
        .with_user(report.env.user)
        ._render("borgerraadgiver.statistics_xlsx", report.ids, {})
    )
    assert kind == "xlsx", kind
    return openpyxl.load_workbook(io.BytesIO(content))


def read_table(sheet):
    """The column labels and the rows up to the totals row included:
    (header, [(label, [values])])."""
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    while header and header[-1] is None:
        header.pop()
    body = []
    for row in rows:
        if row[0] is None:
            break
        body.append((row[0], list(row[1 : len(header)])))
    return header, body


def sheet(book, key):
    """The sheet of table key ("3.1" …)."""
    (found,) = [s for s in book.worksheets if s.title.split()[0] == key]
    return found


def run_on_pdf(content, *command):
    """The output of a poppler tool (pdftotext, pdffonts) run on the PDF."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            [*command, pdf.name, *(["-"] if command[0] == "pdftotext" else [])],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def pdf_text(content):
    return " ".join(run_on_pdf(content, "pdftotext").split())


def pdf_pages(content):
    """The text of each page, its lines laid out as on the page (a table's
    row on one line)."""
    pages = run_on_pdf(content, "pdftotext", "-layout").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_fonts(content):
    """pdffonts' rows: [(name, type)] of the fonts the PDF embeds or uses."""
    rows = run_on_pdf(content, "pdffonts").splitlines()[2:]
    return [(row.split()[0], " ".join(row.split()[1:-6])) for row in rows]


class ReportCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statistician = new_test_user(
            cls.env,
            login="br_test_statistics",
            groups="borgerraadgiver.group_statistics",
            name="Test Statistician",
            lang="en_US",
        )
        cls.advisor = new_test_user(
            cls.env,
            login="br_test_report_advisor",
            groups="borgerraadgiver.group_advisor",
            name="Test Report Advisor",
        )
        cls.Report = cls.env["borgerraadgiver.annual.report"]
        # the demo's report of 2020-21 would be "last year's" of every report
        # a test makes: the tests start without reports
        cls.Report.search([]).unlink()
        cls.Inquiry = cls.env["borgerraadgiver.inquiry"].with_context(
            mail_create_nolog=True, tracking_disable=True
        )

    def create_report(self, date_from, date_to, user=None):
        return self.Report.with_user(user or self.statistician).create(
            {"date_from": date_from, "date_to": date_to}
        )

    def workbook(self, report):
        return render_workbook(report)

    def inquiry(self, received, **values):
        vals = {
            "subject": "Report test",
            "received_date": received,
            "centre_id": self.env.ref("borgerraadgiver.centre_bl").id,
            "category_id": self.env.ref("borgerraadgiver.category_1").id,
        }
        vals.update(values)
        return self.Inquiry.create(vals)


def d(text):
    return dt.date.fromisoformat(text)
