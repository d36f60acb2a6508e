"""The yearly report as an editable Word document (.docx), for the advisor who
merges it into the municipality's template: the same contents as the PDF —
the report's text (§1, §2, §3.5, the conclusion and the recommendations)
and the tables of §3 — in the report's language, built with python-docx."""

import io
import re

from lxml import html as lxml_html

from odoo import models
from odoo.tools import html2plaintext

try:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
except ImportError:  # the manifest's external dependency: checked at install
    docx = None

# A4 with 2 cm margins, as the municipality prints; a number column is
# between these widths, the label column takes the rest
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 21.0, 29.7, 2.0
NUMBER_WIDTH = (1.4, 3.5)
# the elements of an Html field that make a paragraph of their own
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")


class ReportBorgerraadgiverAnnualReportDocx(models.AbstractModel):
    _name = "report.borgerraadgiver.annual_report_docx"
    _description = "Annual Report as a Word Document"

    def _render(self, report):
        """The .docx of `report` (bytes), after checking the user may run
        the yearly report."""
        statistics = report._get_report_statistics()
        _ = statistics.env._
        document = docx.Document()
        self._set_page(document)
        document.core_properties.title = _("The citizens' advisor's annual report")
        document.add_heading(_("The citizens' advisor's annual report"), level=0)
        document.add_paragraph(_("Period: %s", statistics.period))
        self._add_section(document, _("1. Framework"), report.framework)
        self._add_section(document, _("2. Method"), report.method)
        document.add_heading(_("3. Report"), level=1)
        for table in statistics.tables:
            self._add_table(document, statistics, table)
            if table.key == "3.5":
                self._add_text(document, report.supervision_text)
        self._add_points(document, statistics)
        # issue 18: investigations and recommendations, after the tables of §3
        for section in report._findings_sections(statistics):
            for table in section.tables:
                self._add_table(document, statistics, table)
            for report_list in section.lists:
                self._add_list(document, report_list)
        document.add_heading(_("4.1 Conclusion"), level=1)
        for paragraph in report._conclusion_paragraphs() or statistics.conclusion:
            document.add_paragraph(paragraph)
        self._add_comparison(document, statistics)
        self._add_section(document, _("4.2 Recommendations"), report.recommendations)
        content = io.BytesIO()
        document.save(content)
        return content.getvalue()

    def _set_page(self, document):
        section = document.sections[0]
        section.page_width, section.page_height = Cm(PAGE_WIDTH), Cm(PAGE_HEIGHT)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN))
        # the font of the PDF (Arial: Liberation Sans where Arial is missing)
        document.styles["Normal"].font.name = "Arial"
        document.styles["Normal"].font.size = Pt(10)

    def _add_section(self, document, title, html):
        document.add_heading(title, level=1)
        self._add_text(document, html)

    def _add_text(self, document, html):
        """The paragraphs and list items of an Html field as Word paragraphs,
        with its bold and italics (the advisor styles the rest in the
        municipality's template)."""
        if not html2plaintext(html or "").strip():
            return
        root = lxml_html.fragment_fromstring(str(html), create_parent="div")
        blocks = [
            element
            for element in root.iter(*BLOCKS)
            if not any(True for _child in element.iterdescendants(*BLOCKS))
        ] or [root]
        for block in blocks:
            paragraph = document.add_paragraph(
                style="List Bullet" if block.tag == "li" else None
            )
            self._add_runs(paragraph, block)

    def _add_runs(self, paragraph, element, bold=False, italic=False):
        """The text of `element` and its inline children as runs."""
        bold = bold or element.tag in ("strong", "b")
        italic = italic or element.tag in ("em", "i")
        self._add_run(paragraph, element.text, bold, italic)
        for child in element:
            if child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag not in BLOCKS:
                self._add_runs(paragraph, child, bold, italic)
            self._add_run(paragraph, child.tail, bold, italic)

    def _add_run(self, paragraph, text, bold, italic):
        text = re.sub(r"\s+", " ", text or "")
        if not paragraph.runs:
            text = text.lstrip()
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None

    def _add_table(self, document, statistics, table):
        """One table of §3 as in the PDF: headings and the total row in bold,
        numbers right-aligned in narrow columns, the labels in a wide one."""
        document.add_heading(f"{table.key} {table.title}", level=2)
        rows = [
            (table.corner, *table.columns),
            *((label, *values) for label, values in table.rows),
            (statistics.total_label, *table.totals),
        ]
        grid = document.add_table(rows=len(rows), cols=len(table.columns) + 1)
        grid.style = "Table Grid"
        grid.autofit = False
        widths = self._column_widths(len(table.columns))
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for index, (row, texts) in enumerate(zip(grid.rows, rows, strict=True)):
            bold = index in (0, len(rows) - 1)
            for number, (cell, width, text) in enumerate(
                zip(row.cells, widths, texts, strict=True)
            ):
                # Word reads the cells' widths, LibreOffice the columns'
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.add_run(str(text)).bold = bold
                if number:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for note in table.notes:
            document.add_paragraph(note).style = "Caption"

    def _add_list(self, document, report_list):
        """A list of the report (findings_report.py): a table of texts, its
        headings in bold."""
        document.add_paragraph().add_run(report_list.title).bold = True
        if not report_list.rows:
            document.add_paragraph(report_list.empty)
            return
        grid = document.add_table(
            rows=len(report_list.rows) + 1, cols=len(report_list.columns)
        )
        grid.style = "Table Grid"
        for index, (row, texts) in enumerate(
            zip(grid.rows, [report_list.columns, *report_list.rows], strict=True)
        ):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].add_run(str(text)).bold = index == 0 or None

    def _add_points(self, document, statistics):
        """§3.6, the complaint points, as in the PDF (issue 18)."""
        document.add_heading(statistics.points_title, level=2)
        first, second, by_criticism = statistics.point_tables
        self._add_table(document, statistics, first)
        self._add_table(document, statistics, second)
        outcomes = statistics.point_outcomes
        self._add_grid(
            document,
            f"{outcomes.key} {outcomes.title}",
            [outcomes.corner, *outcomes.columns],
            [(label, *outcomes.texts(values)) for label, values in outcomes.rows]
            + [(statistics.total_label, *outcomes.texts(outcomes.total))],
            outcomes.notes,
            total=True,
        )
        self._add_table(document, statistics, by_criticism)

    def _add_comparison(self, document, statistics):
        """The comparison with last year, as in the PDF (issue 18, item 6)."""
        comparison = statistics.comparison
        self._add_grid(
            document,
            comparison.title,
            [comparison.corner, *comparison.columns],
            [(row.label, *comparison.texts(row)) for row in comparison.rows],
            comparison.notes,
        )

    def _add_grid(self, document, heading, header, rows, notes, total=False):
        """A table of texts in the layout of _add_table: the header (and
        the last row, when it is a total) in bold, the figures on the
        right."""
        document.add_heading(heading, level=2)
        rows = [header, *rows]
        grid = document.add_table(rows=len(rows), cols=len(header))
        grid.style = "Table Grid"
        grid.autofit = False
        widths = self._column_widths(len(header) - 1)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for index, (row, texts) in enumerate(zip(grid.rows, rows, strict=True)):
            bold = index == 0 or (total and index == len(rows) - 1)
            for number, (cell, width, text) in enumerate(
                zip(row.cells, widths, texts, strict=True)
            ):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.add_run(str(text)).bold = bold
                if number:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for note in notes:
            document.add_paragraph(note).style = "Caption"

    def _column_widths(self, numbers):
        """The label column's width and those of `numbers` number columns."""
        usable = PAGE_WIDTH - 2 * MARGIN
        low, high = NUMBER_WIDTH
        number = max(low, min(high, usable * 0.55 / numbers))
        return [Cm(usable - numbers * number)] + [Cm(number)] * numbers
