# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from io import BytesIO

import xlsxwriter

from trytond.report import Report

from .annual_report import AnnualReportMixin
from .annual_statistics import TOTAL


def escape_header(text):
    "Escape text for the header or footer of a sheet"
    return text.replace('&', '&&')


class StatisticsWorkbook(AnnualReportMixin, Report):
    # The tables of §3 and the key figures of §4.1 as an xlsx workbook, one
    # sheet a table
    __name__ = 'borgerraadgiver.statistics.xlsx'

    @classmethod
    def _execute(cls, records, header, data, action):
        statistics = cls.get_statistics(data)
        content = BytesIO()
        workbook = xlsxwriter.Workbook(content, {'in_memory': True})
        workbook.set_properties({
                'title': "Borgerrådgiverens statistik %s" % (
                    statistics.period),
                })
        formats = cls._formats(workbook)
        for table in statistics.tables:
            cls._write_table(workbook, formats, statistics, table)
        cls._write_figures(workbook, formats, statistics)
        workbook.close()
        return 'xlsx', content.getvalue()

    @classmethod
    def _formats(cls, workbook):
        return {
            'header': workbook.add_format({
                    'bold': True, 'text_wrap': True, 'valign': 'top',
                    'bg_color': '#D9D9D9', 'border': 1}),
            'label': workbook.add_format({
                    'text_wrap': True, 'valign': 'top', 'border': 1}),
            'count': workbook.add_format({'border': 1}),
            'total label': workbook.add_format({
                    'bold': True, 'border': 1, 'top': 2}),
            'total': workbook.add_format({
                    'bold': True, 'border': 1, 'top': 2}),
            'percent': workbook.add_format({
                    'num_format': '0%', 'border': 1}),
            'text': workbook.add_format({
                    'text_wrap': True, 'valign': 'top'}),
            }

    @classmethod
    def _write_table(cls, workbook, formats, statistics, table):
        sheet = workbook.add_worksheet(table.sheet)
        sheet.set_header('&L&B%s&R%s' % (
                escape_header(f'{table.key} {table.title}'),
                escape_header(statistics.period)))
        if table.notes:
            sheet.set_footer(
                '&L' + escape_header('\n'.join(table.notes))[:250])
        sheet.write_row(
            0, 0, [table.corner] + table.columns, formats['header'])
        for column, note in table.column_notes.items():
            sheet.write_comment(0, column + 1, note)
        for row, (label, values) in enumerate(table.rows, 1):
            sheet.write_string(row, 0, label, formats['label'])
            sheet.write_row(row, 1, values, formats['count'])
        total_row = len(table.rows) + 1
        sheet.write_string(total_row, 0, TOTAL, formats['total label'])
        sheet.write_row(total_row, 1, table.totals, formats['total'])

        label_width = max(
            [len(table.corner)] + [len(label) for label, _ in table.rows])
        sheet.set_column(0, 0, min(max(label_width, 12), 45))
        column_width = 12 if len(table.columns) > 3 else 22
        sheet.set_column(1, len(table.columns), column_width)
        sheet.freeze_panes(1, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        if table.chart and table.rows and table.chart['columns']:
            cls._insert_chart(workbook, sheet, table)

    @classmethod
    def _insert_chart(cls, workbook, sheet, table):
        spec = table.chart
        options = {'type': spec['type']}
        if spec.get('subtype'):
            options['subtype'] = spec['subtype']
        chart = workbook.add_chart(options)
        last = len(table.rows)
        for column in spec['columns']:
            chart.add_series({
                    'name': [sheet.name, 0, column + 1],
                    'categories': [sheet.name, 1, 0, last, 0],
                    'values': [sheet.name, 1, column + 1, last, column + 1],
                    })
        chart.set_title({'name': f'{table.key} {table.title}'})
        if len(spec['columns']) == 1:
            chart.set_legend({'none': True})
        else:
            chart.set_legend({'position': 'bottom'})
        if spec['type'] == 'bar':
            chart.set_y_axis({'reverse': True})
        chart.set_size({'width': 640, 'height': 360})
        sheet.insert_chart(last + 3, 0, chart)

    @classmethod
    def _write_figures(cls, workbook, formats, statistics):
        figures = statistics.figures
        sheet = workbook.add_worksheet("4.1 Nøgletal")
        sheet.write_row(0, 0, ["Nøgletal", "Antal"], formats['header'])
        rows = [
            ("Henvendelser i alt", figures['inquiries']),
            ("Henvendelser uden sagsbehandling hos borgerrådgiver",
                figures['without_handling']),
            ("Henvendelser til sagsbehandling hos borgerrådgiveren",
                figures['with_handling']),
            ("Klager over sagsbehandling", figures['complaints']),
            ("Heraf om sagsbehandlingstid", figures['handling_time']),
            ]
        for row, (label, value) in enumerate(rows, 1):
            sheet.write_string(row, 0, label, formats['label'])
            sheet.write_number(row, 1, value, formats['count'])
        row = len(rows) + 1
        sheet.write_string(
            row, 0, "Andel af sagsbehandlingerne om sagsbehandlingstid",
            formats['label'])
        sheet.write_number(
            row, 1, figures['handling_time_share'], formats['percent'])
        row += 1
        sheet.write_string(
            row, 0, "Supervisions- og undervisningsaktiviteter",
            formats['label'])
        sheet.write_number(row, 1, figures['supervisions'], formats['count'])
        row += 1
        sheet.write_string(
            row, 0, "Timer til supervision og undervisning", formats['label'])
        sheet.write_number(
            row, 1, figures['supervision_hours'], formats['count'])
        sheet.write_string(row + 2, 0, "Periode", formats['header'])
        sheet.write_string(row + 2, 1, statistics.period, formats['text'])
        sheet.write_string(row + 3, 0, "Konklusion", formats['header'])
        sheet.write_string(
            row + 3, 1, '\n'.join(statistics.conclusion), formats['text'])
        sheet.set_column(0, 0, 50)
        sheet.set_column(1, 1, 60)
        sheet.freeze_panes(1, 1)
