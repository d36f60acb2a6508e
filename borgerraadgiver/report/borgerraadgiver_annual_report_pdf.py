import io
import os

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import api, models
from odoo.tools.pdf import PdfReader, PdfWriter

REPORT_NAME = "borgerraadgiver.annual_report_pdf"

# The report's text font: a system font, so that wkhtmltopdf embeds it as a
# real font (the web fonts of Odoo's report layouts, Lato by default, come
# out as glyph outlines that pdftotext cannot read). Liberation Sans has
# Helvetica's (Arial's) metrics, which is what the chart labels are measured
# with; DejaVu Sans, a little wider, is the fallback.
FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', sans-serif"
FONT_FILES = [
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]

# The inline SVG bar charts, in pixels: the labels are measured and wrapped
# onto lines of at most MAX_LABEL_WIDTH, the bars get BAR_AREA
FONT_SIZE = 13
LINE_HEIGHT = 15
MAX_LABEL_WIDTH = 300
BAR_AREA = 460
BAR_HEIGHT = 20
BAR_GAP = 8
# DejaVu Sans is up to 15 % wider than the metrics measured with
WIDTH_MARGIN = 1.15


class ReportBorgerraadgiverAnnualReportPdf(models.AbstractModel):
    """The yearly report as a PDF: the tables of §3 laid out as the spec lays
    them out, bar charts of tables 3.1 and 3.3 as inline SVG, the conclusion
    and the recommendations. Danish whatever the user's language."""

    _name = "report.borgerraadgiver.annual_report_pdf"
    _description = "Annual Report PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self.env["borgerraadgiver.annual.report"].browse(docids)
        docs = []
        for report in reports:
            statistics = report._get_report_statistics()
            tables = {table.key: table for table in statistics.tables}
            docs.append(
                {
                    "report": report,
                    "lang": statistics.env.lang,
                    "statistics": statistics,
                    "tables": statistics.tables,
                    "font_family": FONT_FAMILY,
                    "charts": {
                        "3.1": bar_chart(tables["3.1"], [1, 2]),
                        "3.3": bar_chart(tables["3.3"], [0]),
                    },
                    "conclusion": report._conclusion_paragraphs()
                    or statistics.conclusion,
                    # issue 18: investigations and recommendations
                    "findings": report._findings_sections(statistics),
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "borgerraadgiver.annual.report",
            "docs": reports,
            "report_docs": docs,
        }


COLOURS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"]


def text_width(text, size=FONT_SIZE):
    """The width of text in pixels, as drawn in Liberation Sans (Helvetica's
    metrics), with room for the wider DejaVu Sans."""
    return pdfmetrics.stringWidth(str(text), "Helvetica", size) * WIDTH_MARGIN


def wrap_label(label, width=MAX_LABEL_WIDTH):
    """The label on as few lines as fit into width, broken between words
    (a single word longer than width keeps its own line)."""
    lines = []
    for word in str(label).split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def bar_chart(table, columns):
    """A horizontal (stacked) bar chart of the table's rows as SVG shapes:
    {width, height, font_size, bars: [{lines, label_y, y, segments:
    [{x, width, colour}], total, total_x}], legend}. The template draws it;
    no image library involved. Every label is shown whole: wrapped onto
    lines, the label column as wide as its longest line."""
    rows = [(label, [values[c] for c in columns]) for label, values in table.rows]
    wrapped = [wrap_label(label) for label, _values in rows]
    label_width = max([text_width(line) for lines in wrapped for line in lines] + [40])
    label_x = round(label_width + 6)
    bars_x = label_x + 6
    largest = max([sum(values) for _l, values in rows] + [1])
    total_width = text_width(largest) + 12
    scale = BAR_AREA / largest
    bars = []
    y = 10
    for (_label, values), lines in zip(rows, wrapped, strict=True):
        row_height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT)
        bar_y = y + (row_height - BAR_HEIGHT) / 2
        x = bars_x
        segments = []
        for position, value in enumerate(values):
            width = value * scale
            if value:
                segments.append(
                    {
                        "x": round(x, 1),
                        "width": round(width, 1),
                        "colour": COLOURS[position % len(COLOURS)],
                    }
                )
            x += width
        # the label's lines centred on the bar
        first_baseline = (
            y + (row_height - len(lines) * LINE_HEIGHT) / 2 + LINE_HEIGHT - 3
        )
        bars.append(
            {
                "lines": [
                    {"text": line, "y": round(first_baseline + i * LINE_HEIGHT, 1)}
                    for i, line in enumerate(lines)
                ],
                "y": round(bar_y, 1),
                "text_y": round(bar_y + BAR_HEIGHT - 5, 1),
                "segments": segments,
                "total": sum(values),
                "total_x": round(x + 4, 1),
            }
        )
        y += row_height + BAR_GAP
    height = y + 4
    width = round(bars_x + BAR_AREA + total_width)
    legend = []
    if len(columns) > 1:
        legend = [
            {
                "label": table.columns[column],
                "colour": COLOURS[position % len(COLOURS)],
                "y": height + 4 + position * 20,
            }
            for position, column in enumerate(columns)
        ]
        width = max(
            [width] + [round(28 + text_width(item["label"]) + 4) for item in legend]
        )
    return {
        "width": width,
        "height": height + 20 * len(legend) + (6 if legend else 0),
        "bar_height": BAR_HEIGHT,
        "font_size": FONT_SIZE,
        "label_x": label_x,
        "bars": bars,
        "legend": legend,
    }


class IrActionsReport(models.Model):
    """Debian's wkhtmltopdf (unpatched Qt) ignores --header-html and
    --footer-html: the yearly report's page footer — the municipality, the
    report's date, "Side N af M" — is drawn onto its pages afterwards.

    And a QWeb report of inquiries, referrals or citizens goes to the access
    log (issue 17)."""

    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """A QWeb report (PDF, HTML, text) of inquiries, referrals or
        citizens reads all their personal fields, as far as the log knows."""
        model = self.env.get(report.model)
        if isinstance(model, self.env.registry["borgerraadgiver.access.logged"]):
            model.browse(docids or [])._log_read(model._personal_fields, "report")
        return super()._get_rendering_context(report, docids, data)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        if self._get_report(report_ref).report_name != REPORT_NAME:
            return streams
        reports = self.env["borgerraadgiver.annual.report"]
        for res_id, stream_data in streams.items():
            # a stream read back from a saved attachment is stamped already
            if not stream_data.get("stream") or stream_data.get("attachment"):
                continue
            report = reports.browse(res_id or (res_ids or [])[:1])
            content = stream_data["stream"].getvalue()
            stream_data["stream"].close()
            stream_data["stream"] = io.BytesIO(
                stamp_pages(content, report._pdf_footer_texts())
            )
        return streams


_FONT = []


def footer_font():
    """A TrueType font registered with reportlab (embedded, real text), or
    Helvetica where none of FONT_FILES is installed."""
    if not _FONT:
        name = "Helvetica"
        for path in FONT_FILES:
            if os.path.exists(path):
                pdfmetrics.registerFont(TTFont("BorgerraadgiverFooter", path))
                name = "BorgerraadgiverFooter"
                break
        _FONT.append(name)
    return _FONT[0]


def stamp_pages(content, texts, size=8):
    """The PDF content with texts drawn at the foot of every page: left,
    centre, right (the page label, formatted with page and pages). The
    footers are one PDF of as many pages, drawn with reportlab (one embedded
    font for all), each merged onto its page with pypdf."""
    reader = PdfReader(io.BytesIO(content))
    pages = len(reader.pages)
    font = footer_font()
    overlay = io.BytesIO()
    pdf = canvas.Canvas(overlay)
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        left, width = float(box.left), float(box.width)
        pdf.setPageSize((float(box.right), float(box.top)))
        y = float(box.bottom) + 9 * mm
        pdf.setStrokeColorRGB(0.75, 0.75, 0.75)
        pdf.setLineWidth(0.5)
        pdf.line(left + 15 * mm, y + 3.5 * mm, left + width - 15 * mm, y + 3.5 * mm)
        pdf.setFont(font, size)
        pdf.setFillColorRGB(0.33, 0.33, 0.33)
        pdf.drawString(left + 15 * mm, y, texts["left"])
        pdf.drawCentredString(left + width / 2, y, texts["centre"])
        pdf.drawRightString(
            left + width - 15 * mm,
            y,
            texts["right"] % {"page": number, "pages": pages},
        )
        pdf.showPage()
    pdf.save()
    footers = PdfReader(io.BytesIO(overlay.getvalue()))
    writer = PdfWriter()
    for page, footer in zip(reader.pages, footers.pages, strict=True):
        page.merge_page(footer)
        page.compress_content_streams()
        writer.add_page(page)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()
