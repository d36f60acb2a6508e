from odoo import api, models

# The size of the inline SVG bar charts, in pixels
CHART_WIDTH = 640
LABEL_WIDTH = 190
BAR_HEIGHT = 18
BAR_GAP = 6


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
                    "charts": {
                        "3.1": bar_chart(tables["3.1"], [1, 2]),
                        "3.3": bar_chart(tables["3.3"], [0]),
                    },
                    "conclusion": report._conclusion_paragraphs()
                    or statistics.conclusion,
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "borgerraadgiver.annual.report",
            "docs": reports,
            "report_docs": docs,
        }


COLOURS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"]


def bar_chart(table, columns):
    """A horizontal (stacked) bar chart of the table's rows as SVG shapes:
    {width, height, bars: [{label, y, segments: [{x, width, colour}]}],
    legend, ticks}. The template draws it; no image library involved."""
    rows = [(label, [values[c] for c in columns]) for label, values in table.rows]
    largest = max([sum(values) for _l, values in rows] + [1])
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / largest
    bars = []
    for index, (label, values) in enumerate(rows):
        x = LABEL_WIDTH
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
        bars.append(
            {
                "label": label if len(label) <= 34 else label[:32] + "…",
                "y": 10 + index * (BAR_HEIGHT + BAR_GAP),
                "segments": segments,
                "total": sum(values),
                "total_x": round(x + 4, 1),
            }
        )
    height = 10 + len(rows) * (BAR_HEIGHT + BAR_GAP) + 10
    legend = []
    if len(columns) > 1:
        legend = [
            {
                "label": table.columns[column],
                "colour": COLOURS[position % len(COLOURS)],
                "y": height + 4 + position * 18,
            }
            for position, column in enumerate(columns)
        ]
    return {
        "width": CHART_WIDTH,
        "height": height + 18 * len(legend) + (6 if legend else 0),
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 6,
        "bars": bars,
        "legend": legend,
    }
