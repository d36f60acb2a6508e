"""The report's own text around the tables (§1, §2, §3.5, §4), the
advisor's alone, and the whole report as an editable Word document (issue
16, item 2)."""

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .report_common import ReportCase, d
from .spec_tables import CENTRES, PERIOD, TABLE_3_3

TEXTS = {
    "framework": "<p>Borgerrådgiveren er uafhængig af forvaltningen.</p>",
    "method": "<p>Alle henvendelser registreres ved modtagelsen.</p>",
    "supervision_text": "<p>Supervisionen handlede om partshøring.</p>",
    "recommendations": "<p>Klart sprog i alle breve.</p>",
}


@tagged("post_install", "-at_install")
class TestAnnualReportText(ReportCase):
    def test_prefilled_from_last_year(self):
        last = self.create_report(d("2019-01-01"), d("2019-12-31"), self.advisor)
        last.write(TEXTS)
        report = self.create_report(d("2020-01-01"), d("2020-12-31"), self.advisor)
        for name, html in TEXTS.items():
            self.assertEqual(str(report[name]), html, name)

    def test_only_the_advisor_writes_the_text(self):
        last = self.create_report(d("2019-01-01"), d("2019-12-31"), self.advisor)
        last.write(TEXTS)
        # management creates a report and sets its period: the text comes
        # from last year's and the conclusion from the figures
        report = self.create_report(*PERIOD)
        self.assertFalse(report.may_write_text)
        self.assertIn("33", report.conclusion)
        report.date_to = d("2020-12-31")
        self.assertIn("19", report.conclusion)
        for name in [*TEXTS, "conclusion"]:
            with self.subTest(name=name), self.assertRaises(AccessError) as refusal:
                report.write({name: "<p>Ledelsens ord</p>"})
            self.assertIn(report._fields[name].string, refusal.exception.args[0])
        with self.assertRaises(AccessError):
            self.Report.with_user(self.statistician).create(
                {
                    "date_from": d("2021-01-01"),
                    "date_to": d("2021-12-31"),
                    "framework": "<p>Ledelsens ord</p>",
                }
            )
        with self.assertRaises(AccessError):
            report.action_refresh_conclusion()
        mine = report.with_user(self.advisor)
        mine.action_refresh_conclusion()
        self.assertTrue(mine.may_write_text)
        mine.write({"framework": "<p>Mine ord</p>", "conclusion": "Min konklusion"})
        self.assertEqual(report.conclusion, "Min konklusion")

    def test_pdf_holds_the_text(self):
        """The PDF is the whole report of the spec's shape: §1, §2, the
        tables with §3.5's narrative, §4.1 and §4.2, in Danish."""
        report = self.create_report(*PERIOD, user=self.advisor)
        report.write(TEXTS)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        html = html.decode()
        positions = [
            html.index(text)
            for text in [
                "1. Rammer",
                TEXTS["framework"][3:-4],
                "2. Metode",
                TEXTS["method"][3:-4],
                "3. Afrapportering",
                TEXTS["supervision_text"][3:-4],
                "4.1 Konklusion",
                "4.2 Anbefalinger",
                TEXTS["recommendations"][3:-4],
            ]
        ]
        self.assertEqual(positions, sorted(positions))

    def docx(self, report):
        return (
            self.env["report.borgerraadgiver.annual_report_docx"]
            .with_user(self.statistician)
            ._render(report)
        )

    def test_document(self):
        report = self.create_report(*PERIOD, user=self.advisor)
        report.write(TEXTS)
        action = report.action_export_document()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/{report.id}/", action["url"])
        document = docx.Document(io.BytesIO(self.docx(report)))
        text = "\n".join(p.text for p in document.paragraphs)
        for html in TEXTS.values():
            self.assertIn(html[3:-4], text)
        for paragraph in report._conclusion_paragraphs():
            self.assertIn(paragraph, text)
        self.assertIn("3.3 Henvendelser efter kategorisering", text)
        # table 3.3 (the first by category; 3.6.1 counts complaint points):
        # the spec's counts under the centres' columns
        table = [t for t in document.tables if t.rows[0].cells[0].text == "Kategori"][0]
        header = [cell.text for cell in table.rows[0].cells]
        rows = {
            row.cells[0].text.split()[0]: [cell.text for cell in row.cells]
            for row in table.rows[1:]
        }
        for code, counts in TABLE_3_3.items():
            cells = dict(zip(header[2:], rows[code][2:], strict=True))
            self.assertEqual(
                [cells[centre] for centre in CENTRES], [str(n) for n in counts], code
            )
        # laid out to be read: the labels in a wide column, the numbers
        # right-aligned, on A4
        self.assertGreater(table.columns[0].width, 3 * table.columns[1].width)
        self.assertEqual(
            table.rows[1].cells[1].paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.RIGHT
        )
        self.assertEqual(round(document.sections[0].page_width.cm, 1), 21.0)

    def test_document_keeps_emphasis(self):
        """The text's own bold and lists, not html2plaintext's asterisks."""
        report = self.create_report(*PERIOD, user=self.advisor)
        report.recommendations = (
            "<p><strong>Godt sprog.</strong> Skriv kort.</p><ul><li>Breve</li></ul>"
        )
        document = docx.Document(io.BytesIO(self.docx(report)))
        (paragraph,) = [p for p in document.paragraphs if "Godt sprog" in p.text]
        self.assertEqual(paragraph.text, "Godt sprog. Skriv kort.")
        self.assertEqual([run.bold for run in paragraph.runs], [True, None])
        (item,) = [p for p in document.paragraphs if p.text == "Breve"]
        self.assertEqual(item.style.name, "List Bullet")


@tagged("post_install", "-at_install")
class TestAnnualReportDocumentHttp(HttpCase):
    """The download with the user's session: management and the advisor
    get it; any other user is refused."""

    def test_download(self):
        manager = new_test_user(
            self.env, login="br_doc_mgmt", groups="borgerraadgiver.group_statistics"
        )
        plain = new_test_user(self.env, login="br_doc_plain", groups="base.group_user")
        report = self.env["borgerraadgiver.annual.report"].create(
            {"date_from": PERIOD[0], "date_to": PERIOD[1]}
        )
        url = f"/borgerraadgiver/annual_report/{report.id}/document.docx"
        self.authenticate("br_doc_mgmt", "br_doc_mgmt")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("wordprocessingml", response.headers["Content-Type"])
        self.assertIn(".docx", response.headers["Content-Disposition"])
        document = docx.Document(io.BytesIO(response.content))
        self.assertTrue(document.tables)
        self.assertTrue(manager)
        self.authenticate("br_doc_plain", "br_doc_plain")
        response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("wordprocessingml", response.headers.get("Content-Type", ""))
        self.assertTrue(plain)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
