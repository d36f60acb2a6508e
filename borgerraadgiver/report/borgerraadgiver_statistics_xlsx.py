from odoo import models
from odoo.exceptions import UserError


class ReportBorgerraadgiverStatisticsXlsx(models.AbstractModel):
    """The tables of §3, the key figures of §4.1 and the centres' answer
    times ("Svartider") as an xlsx workbook, one sheet a table, in Danish
    whatever the user's language. Counted by the database (see
    the model borgerraadgiver.statistics); no personal data."""

    _name = "report.borgerraadgiver.statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Yearly Statistics Workbook"

    def generate_xlsx_report(self, workbook, data, reports):
        if len(reports) != 1:
            # the URL /report/xlsx/borgerraadgiver.statistics_xlsx without ids
            raise UserError(
                self.env._("Choose one yearly report to print its statistics workbook.")
            )
        statistics = reports._get_report_statistics()
        _ = statistics.env._
        workbook.set_properties(
            {"title": _("Citizens' advisor statistics %s", statistics.period)}
        )
        formats = self._formats(workbook)
        for table in statistics.tables:
            self._write_table(workbook, formats, statistics, table)
        self._write_points(workbook, formats, statistics)
        # issue 18: investigations and recommendations, after the tables of §3
        for section in reports._findings_sections(statistics):
            for table in section.tables:
                self._write_table(workbook, formats, statistics, table)
            for report_list in section.lists:
                self._write_list(workbook, formats, report_list)
        self._write_figures(workbook, formats, statistics)
        self._write_comparison(workbook, formats, statistics)
        self._write_answer_times(workbook, formats, statistics)

    def _formats(self, workbook):
        return {
            "header": workbook.add_format(
                {
                    "bold": True,
                    "text_wrap": True,
                    "valign": "top",
                    "bg_color": "#D9D9D9",
                    "border": 1,
                }
            ),
            "label": workbook.add_format(
                {"text_wrap": True, "valign": "top", "border": 1}
            ),
            "count": workbook.add_format({"border": 1}),
            "total": workbook.add_format({"bold": True, "border": 1, "top": 2}),
            "percent": workbook.add_format({"num_format": "0%", "border": 1}),
            "days": workbook.add_format({"num_format": "0.0", "border": 1}),
            "total_days": workbook.add_format(
                {"num_format": "0.0", "bold": True, "border": 1, "top": 2}
            ),
            "total_percent": workbook.add_format(
                {"num_format": "0%", "bold": True, "border": 1, "top": 2}
            ),
            "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "change": workbook.add_format({"num_format": "+0;-0;0", "border": 1}),
            "change_days": workbook.add_format(
                {"num_format": "+0.0;-0.0;0.0", "border": 1}
            ),
            "change_percent": workbook.add_format(
                {"num_format": "+0%;-0%;0%", "border": 1}
            ),
        }

    def _write_table(self, workbook, formats, statistics, table):
        sheet = workbook.add_worksheet(table.sheet[:31])
        sheet.set_header(
            "&L&B{}&R{}".format(
                _escape_header(f"{table.key} {table.title}"),
                _escape_header(statistics.period),
            )
        )
        _write_strings(sheet, 0, [table.corner] + table.columns, formats["header"])
        for row, (label, values) in enumerate(table.rows, 1):
            sheet.write_string(row, 0, label, formats["label"])
            sheet.write_row(row, 1, values, formats["count"])
        total_row = len(table.rows) + 1
        sheet.write_string(total_row, 0, statistics.total_label, formats["total"])
        sheet.write_row(total_row, 1, table.totals, formats["total"])
        for offset, note in enumerate(table.notes, 2):
            sheet.write_string(total_row + offset, 0, note)

        label_width = max(
            [len(table.corner)] + [len(label) for label, _values in table.rows]
        )
        sheet.set_column(0, 0, min(max(label_width, 12), 45))
        sheet.set_column(1, len(table.columns), 12 if len(table.columns) > 3 else 22)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        if table.chart and table.rows:
            self._insert_chart(workbook, sheet, table, total_row + len(table.notes) + 3)

    def _insert_chart(self, workbook, sheet, table, row):
        spec = table.chart
        options = {"type": spec["type"]}
        if spec.get("subtype"):
            options["subtype"] = spec["subtype"]
        chart = workbook.add_chart(options)
        last = len(table.rows)
        for column in spec["columns"]:
            chart.add_series(
                {
                    "name": [sheet.name, 0, column + 1],
                    "categories": [sheet.name, 1, 0, last, 0],
                    "values": [sheet.name, 1, column + 1, last, column + 1],
                }
            )
        chart.set_title({"name": f"{table.key} {table.title}"})
        chart.set_legend(
            {"none": True} if len(spec["columns"]) == 1 else {"position": "bottom"}
        )
        if spec["type"] == "bar":
            chart.set_y_axis({"reverse": True})
        chart.set_size({"width": 720, "height": 400})
        sheet.insert_chart(row, 0, chart)

    def _write_list(self, workbook, formats, report_list):
        """A list of the report (findings_report.py): its title, the column
        labels, a row of texts per record."""
        sheet = workbook.add_worksheet(report_list.sheet[:31])
        sheet.set_header(f"&L&B{_escape_header(report_list.title)}")
        _write_strings(sheet, 0, report_list.columns, formats["header"])
        for row, texts in enumerate(report_list.rows, 1):
            _write_strings(sheet, row, texts, formats["label"])
        if not report_list.rows:
            sheet.write_string(1, 0, report_list.empty)
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, len(report_list.columns), 22)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    def _write_figures(self, workbook, formats, statistics):
        _ = statistics.env._
        figures = statistics.figures
        sheet = workbook.add_worksheet(_("4.1 Key figures")[:31])
        _write_strings(sheet, 0, [_("Key figure"), _("Count")], formats["header"])
        rows = [
            (_("Inquiries in total"), figures["inquiries"]),
            (
                _("Inquiries without handling by the citizens' advisor"),
                figures["without_handling"],
            ),
            (
                _("Inquiries handled by the citizens' advisor"),
                figures["with_handling"],
            ),
            (_("Complaints about case handling"), figures["complaints"]),
            (_("Of which about case-handling time"), figures["handling_time"]),
        ]
        for row, (label, value) in enumerate(rows, 1):
            sheet.write_string(row, 0, label, formats["label"])
            sheet.write_number(row, 1, value, formats["count"])
        row = len(rows) + 1
        sheet.write_string(
            row,
            0,
            _("Share of the handled inquiries about case-handling time"),
            formats["label"],
        )
        sheet.write_number(row, 1, figures["handling_time_share"], formats["percent"])
        row += 1
        sheet.write_string(
            row, 0, _("Supervision and teaching activities"), formats["label"]
        )
        sheet.write_number(
            row, 1, statistics.supervision_totals["activities"], formats["count"]
        )
        row += 1
        sheet.write_string(
            row, 0, _("Hours of supervision and teaching"), formats["label"]
        )
        sheet.write_number(
            row, 1, statistics.supervision_totals["hours"], formats["count"]
        )
        sheet.write_string(row + 2, 0, _("Period"), formats["header"])
        sheet.write_string(row + 2, 1, statistics.period, formats["text"])
        sheet.write_string(row + 3, 0, _("Conclusion"), formats["header"])
        sheet.write_string(
            row + 3, 1, "\n".join(statistics.conclusion), formats["text"]
        )
        sheet.set_column(0, 0, 50)
        sheet.set_column(1, 1, 60)
        sheet.freeze_panes(1, 1)

    def _write_answer_times(self, workbook, formats, statistics):
        """The sheet "Svartider": the centres' answer times, counted by
        PostgreSQL (borgerraadgiver.statistics._answer_times). Empty cells
        where a centre answered nothing."""
        table = statistics.answer_times
        sheet = workbook.add_worksheet(table.sheet[:31])
        title, period = _escape_header(table.title), _escape_header(statistics.period)
        sheet.set_header(f"&L&B{title}&R{period}")
        _write_strings(sheet, 0, [table.corner] + table.columns, formats["header"])
        rows = table.rows + [(statistics.total_label, table.total)]
        for row, (label, values) in enumerate(rows, 1):
            total = row == len(rows)
            sheet.write_string(row, 0, label, formats["total" if total else "label"])
            for column, key in enumerate(table.KEYS, 1):
                value = values[key]
                if key in ("forwarded", "answered"):
                    style = "total" if total else "count"
                elif key == "within_deadline":
                    style = "total_percent" if total else "percent"
                else:
                    style = "total_days" if total else "days"
                if value is None:
                    sheet.write_blank(row, column, None, formats[style])
                else:
                    sheet.write_number(row, column, value, formats[style])
        for offset, note in enumerate(table.notes, 2):
            sheet.write_string(len(rows) + offset, 0, note)
        label_width = max([len(table.corner)] + [len(label) for label, _v in rows])
        sheet.set_column(0, 0, min(max(label_width, 12), 45))
        sheet.set_column(1, len(table.columns), 14)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    # ------------------------------------------------------------------
    # §3.6 the complaint points, and the comparison with last year (issue 18)
    # ------------------------------------------------------------------

    def _write_points(self, workbook, formats, statistics):
        """The sheets of §3.6: the points by category and by subcategory,
        their outcomes by centre with the share of justified complaints,
        the points by criticism grade."""
        first, second, by_criticism = statistics.point_tables
        self._write_table(workbook, formats, statistics, first)
        self._write_table(workbook, formats, statistics, second)
        self._write_point_outcomes(workbook, formats, statistics)
        self._write_table(workbook, formats, statistics, by_criticism)

    def _write_point_outcomes(self, workbook, formats, statistics):
        """Sheet 3.6.3: a row per centre, then "I alt"; the counts, then the
        share of justified complaints (empty where no point was decided)."""
        table = statistics.point_outcomes
        sheet = workbook.add_worksheet(table.sheet[:31])
        title = _escape_header(f"{table.key} {table.title}")
        sheet.set_header(f"&L&B{title}&R{_escape_header(statistics.period)}")
        _write_strings(sheet, 0, [table.corner] + table.columns, formats["header"])
        rows = table.rows + [(statistics.total_label, table.total)]
        for row, (label, values) in enumerate(rows, 1):
            total = row == len(rows)
            sheet.write_string(row, 0, label, formats["total" if total else "label"])
            for column, key in enumerate(table.KEYS, 1):
                sheet.write_number(
                    row, column, values[key], formats["total" if total else "count"]
                )
            style = formats["total_percent" if total else "percent"]
            if values["share"] is None:
                sheet.write_blank(row, len(table.KEYS) + 1, None, style)
            else:
                sheet.write_number(row, len(table.KEYS) + 1, values["share"], style)
        for offset, note in enumerate(table.notes, 2):
            sheet.write_string(len(rows) + offset, 0, note)
        label_width = max([len(table.corner)] + [len(label) for label, _v in rows])
        sheet.set_column(0, 0, min(max(label_width, 12), 45))
        sheet.set_column(1, len(table.columns), 14)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    def _write_comparison(self, workbook, formats, statistics):
        """The sheet "Sammenligning med sidste år": this period's figures,
        last year's and the change, as numbers (a share as a percentage,
        its change in percentage points); empty where a figure is
        missing (no answer in the period)."""
        table = statistics.comparison
        sheet = workbook.add_worksheet(table.sheet[:31])
        title = _escape_header(table.title)
        sheet.set_header(f"&L&B{title}&R{_escape_header(statistics.period)}")
        _write_strings(sheet, 0, [table.corner] + table.columns, formats["header"])
        styles = {
            "count": ("count", "change"),
            "share": ("percent", "change_percent"),
            "days": ("days", "change_days"),
        }
        for row, line in enumerate(table.rows, 1):
            figure, change = styles[line.kind]
            sheet.write_string(row, 0, line.label, formats["label"])
            for column, (value, style) in enumerate(
                [(line.this, figure), (line.last, figure), (line.change, change)], 1
            ):
                if value is None:
                    sheet.write_blank(row, column, None, formats[style])
                else:
                    sheet.write_number(row, column, value, formats[style])
        for offset, note in enumerate(table.notes, 2):
            sheet.write_string(len(table.rows) + offset, 0, note)
        sheet.set_column(0, 0, 60)
        sheet.set_column(1, len(table.columns), 14)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)


def _write_strings(sheet, row, texts, cell_format):
    """Write texts from the first column of row as text cells, whatever they
    hold: write_row would make a centre code "=HYPERLINK(…)" a formula and
    "http://…" a link."""
    for column, text in enumerate(texts):
        sheet.write_string(row, column, text, cell_format)


def _escape_header(text):
    """Escape text for the header or footer of a sheet."""
    return text.replace("&", "&&")
