"""The yearly report's PDF as the committee gets it: rendered by wkhtmltopdf
with the report's CSS served by the test's own HTTP server (the layout's web
font included), read back with pdftotext and pdffonts."""

import logging
import re

from odoo.tests import HttpCase, new_test_user, tagged

from ..models.municipal_day import municipal_today
from .report_common import pdf_fonts, pdf_pages
from .spec_tables import PERIOD, TABLE_3_1, TABLE_3_2, TABLE_3_3, TABLE_3_4

REPORT_LOGGER = "odoo.addons.base.models.ir_actions_report"
MONTHS = (
    "januar februar marts april maj juni juli august september oktober "
    "november december"
).split()


def column_sums(rows):
    return [sum(column) for column in zip(*rows, strict=True)]


def with_total(rows):
    """Rows by centre as the PDF prints them: the total first."""
    return [[sum(row), *row] for row in rows]


def expected_tables():
    """{key: ([counts of each row], [totals])} from the specification's
    tables, in the PDF's column order."""
    table_3_2 = with_total(TABLE_3_2.values())
    table_3_3 = with_total(TABLE_3_3.values())
    table_3_4 = with_total(TABLE_3_4.values())
    return {
        "3.1": ([list(r) for r in TABLE_3_1.values()], column_sums(TABLE_3_1.values())),
        "3.2": (table_3_2, column_sums(table_3_2)),
        "3.3": (table_3_3, column_sums(table_3_3)),
        "3.4": (table_3_4, column_sums(table_3_4)),
    }


def trailing_numbers(line, count):
    """The last count words of the line as integers, or None."""
    words = line.split()[-count:]
    if len(words) < count or not all(w.isdigit() for w in words):
        return None
    return [int(w) for w in words]


@tagged("post_install", "-at_install")
class TestAnnualReportPdf(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"]._get_data(code="da_DK"):
            cls.env["res.lang"]._activate_lang("da_DK")
            cls.env["ir.module.module"]._load_module_terms(
                ["borgerraadgiver"], ["da_DK"], overwrite=True
            )
        cls.statistician = new_test_user(
            cls.env,
            login="br_test_pdf_statistics",
            groups="borgerraadgiver.group_statistics",
            name="Test PDF Statistician",
            lang="en_US",
        )
        cls.report = (
            cls.env["borgerraadgiver.annual.report"]
            .with_user(cls.statistician)
            .create({"date_from": PERIOD[0], "date_to": PERIOD[1]})
        )
        # the advisor's words (management may not write them)
        cls.report.sudo().recommendations = "<p>Klart sprog i hvert brev</p>"
        cls.statistics = cls.report._get_report_statistics()

    def render(self):
        """The PDF as wkhtmltopdf makes it with the report's stylesheets,
        which it fetches from this test's server: {page number: text}."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        # The stylesheets and scripts the report links, fetched one by one
        # first: wkhtmltopdf asks for them at once, and two threads building
        # bundles at the same time trip Python 3.11.7 (SystemError "AST
        # constructor recursion depth mismatch", answered with a 500)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", self.report.ids)
        )
        assets = re.findall(r'(?:href|src)="(/web/assets/[^"]+)"', html.decode())
        self.assertTrue(assets)
        for url in assets:
            self.assertEqual(self.url_open(url, timeout=60).status_code, 200, url)
        with self.assertLogs(REPORT_LOGGER, "WARNING") as logs:
            # one line at least, whatever wkhtmltopdf says
            logging.getLogger(REPORT_LOGGER).warning("rendering the annual report")
            content, kind = (
                self.env["ir.actions.report"]
                .with_user(self.statistician)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("borgerraadgiver.annual_report_pdf", self.report.ids)
            )
        self.assertEqual(kind, "pdf")
        # the stylesheets (and with them the layout's web font) were loaded
        for line in logs.output:
            self.assertNotIn("network error", line.lower())
        return content

    def test_pdf_as_the_committee_gets_it(self):
        content = self.render()
        pages = pdf_pages(content)
        count = len(pages)
        self.assertGreaterEqual(count, 3)

        # Real text, not outlines: wkhtmltopdf draws the text set in a web
        # font (the layout's Lato) as paths, which leaves a page with the
        # stamped footer only (page 3, the conclusion, before the fix).
        # Every page has its own text, and no font is glyph outlines.
        fonts = pdf_fonts(content)
        self.assertTrue(fonts)
        for name, kind in fonts:
            self.assertNotIn("Type 3", kind, f"{name} is drawn as outlines")
        for number, page in enumerate(pages, start=1):
            # the last page may hold only the end of §4 above the footer
            least = 40 if number < count else 12
            self.assertGreater(len(page.split()), least, f"page {number}: {page!r}")

        # The footer on every page: the municipality, the report's date,
        # "Side N af M"
        today = municipal_today(self.env)
        date = f"{today.day}. {MONTHS[today.month - 1]} {today.year}"
        company = self.env.company.name
        for number, page in enumerate(pages, start=1):
            footer = " ".join(page.split())
            self.assertIn(f"Side {number} af {count}", footer)
            self.assertIn(company, footer)
            self.assertIn(date, footer)

        # Every table's title, every count of the specification's tables on
        # its row (the row's label, then its counts), the totals row
        lines = [line.strip() for page in pages for line in page.splitlines()]
        text = " ".join(" ".join(pages).split())
        tables = {table.key: table for table in self.statistics.tables}
        starts = {
            key: next(
                i
                for i, line in enumerate(lines)
                if line.startswith(f"{key} {table.title.split()[0]}")
            )
            for key, table in tables.items()
        }
        for key, table in tables.items():
            self.assertIn(f"{key} {table.title}", text)
        ends = sorted(starts.values()) + [len(lines)]
        for key, (rows, totals) in expected_tables().items():
            start = starts[key]
            section = lines[start : ends[ends.index(start) + 1]]
            labels = [label for label, _values in tables[key].rows]
            self.assertEqual(len(labels), len(rows), key)
            for label, counts in zip(labels, rows, strict=True):
                found = [
                    line
                    for line in section
                    if line.split()[:1] == label.split()[:1]
                    and trailing_numbers(line, len(counts)) == counts
                ]
                self.assertTrue(found, f"{key} {label}: {counts} not in {section}")
            found = [
                line
                for line in section
                if line.startswith(self.statistics.total_label)
                and trailing_numbers(line, len(totals)) == totals
            ]
            self.assertTrue(found, f"{key} totals {totals} not in {section}")

        # The conclusion and the recommendations
        for paragraph in self.report._conclusion_paragraphs():
            self.assertIn(" ".join(paragraph.split()), text)
        self.assertIn("Klart sprog i hvert brev", text)

    def test_chart_labels_whole(self):
        """A chart's labels are never cut: each is wrapped onto lines that
        fit left of the bars, however long its words."""
        from types import SimpleNamespace

        from ..report.borgerraadgiver_annual_report_pdf import bar_chart, text_width

        labels = [
            "3 Vejledning om regler (f.eks. spørgsmål til det kommunale klagesystem)",
            "4.3 Manglende inddragelse/vejledning/koordinering",
            "7 Henvendelser, som ikke kan/må behandles",
            "1. jan.–15. mar. 2021",
        ]
        table = SimpleNamespace(
            rows=[(label, [3, 1]) for label in labels], columns=["I alt", "P&B"]
        )
        chart = bar_chart(table, [0])
        for label, bar in zip(labels, chart["bars"], strict=True):
            self.assertEqual(" ".join(line["text"] for line in bar["lines"]), label)
            for line in bar["lines"]:
                self.assertGreaterEqual(chart["label_x"] - text_width(line["text"]), 0)
            self.assertGreater(bar["segments"][0]["x"], chart["label_x"])
        self.assertGreater(len(chart["bars"][0]["lines"]), 1)
        # narrower than the page's text (about 890 px at the report's zoom)
        self.assertLess(chart["width"], 860)
