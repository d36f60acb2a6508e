"""The yearly report as an editable Word document (.docx), for the advisor who
merges it into the municipality's template: the same contents as the PDF —
the report's text (§1, §2, §3.5, the conclusion and the recommendations)
and the tables of §3 — in the report's language, built with python-docx."""

import io
import re

from odoo import models
from odoo.tools import html2plaintext

try:
    import docx
except ImportError:  # the manifest's external dependency: checked at install
    docx = None


class ReportBorgerraadgiverAnnualReportDocx(models.AbstractModel):
    _name = "report.borgerraadgiver.annual_report_docx"
    _description = "Annual Report as a Word Document"

    def _render(self, report):
        """The .docx of `report` (bytes), after checking the user may run
        the yearly report."""
        statistics = report._get_report_statistics()
        _ = statistics.env._
        document = docx.Document()
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
        document.add_heading(_("4.1 Conclusion"), level=1)
        for paragraph in report._conclusion_paragraphs() or statistics.conclusion:
            document.add_paragraph(paragraph)
        self._add_section(document, _("4.2 Recommendations"), report.recommendations)
        content = io.BytesIO()
        document.save(content)
        return content.getvalue()

    def _add_section(self, document, title, html):
        document.add_heading(title, level=1)
        self._add_text(document, html)

    def _add_text(self, document, html):
        """The paragraphs of an Html field as plain paragraphs (the advisor
        styles them in the municipality's template)."""
        text = html2plaintext(html or "")
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph.strip():
                document.add_paragraph(" ".join(paragraph.split()))

    def _add_table(self, document, statistics, table):
        document.add_heading(f"{table.key} {table.title}", level=2)
        grid = document.add_table(rows=1, cols=len(table.columns) + 1)
        grid.style = "Table Grid"
        for cell, text in zip(
            grid.rows[0].cells, [table.corner, *table.columns], strict=True
        ):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for label, values in [*table.rows, (statistics.total_label, table.totals)]:
            cells = grid.add_row().cells
            for cell, value in zip(cells, [label, *values], strict=True):
                cell.text = str(value)
        for note in table.notes:
            document.add_paragraph(note).style = "Caption"
