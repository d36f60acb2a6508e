# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import re
from io import BytesIO

import xlsxwriter

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.report import Report
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateReport, StateView, Wizard

from .exceptions import ReportPeriodError
from .statistics import format_period, period_quarters, quarter_label

# The report is the Danish document of the specification (§3 and §4): its
# labels are written as the specification writes them and the names of the
# categories and centres are read in Danish.
LANGUAGE = 'da'
TOTAL = "I alt"
MONTHS = [
    'januar', 'februar', 'marts', 'april', 'maj', 'juni',
    'juli', 'august', 'september', 'oktober', 'november', 'december']
MISDIRECTED_NOTE = (
    "*1 – Fejlhenvendelser/henvendelser videresendt til relevant center uden "
    "yderligere sagsbehandling fra borgerrådgiver, f.eks. ansøgning om "
    "tandbehandling, flytteanmodning, opskrivning til pladstilbud m.v.")
STATISTICS_MODELS = [
    'borgerraadgiver.statistics.quarter',
    'borgerraadgiver.statistics.quarter_centre',
    'borgerraadgiver.statistics.category',
    'borgerraadgiver.statistics.subcategory',
    ]


class Table:
    "A table of the report: labelled rows of counts with their totals"

    def __init__(
            self, key, title, sheet, corner, columns, notes=(),
            column_notes=None, chart=None):
        self.key = key
        self.title = title
        self.sheet = sheet
        self.corner = corner
        self.columns = columns
        self.notes = list(notes)
        # The texts that explain a column label: {column index: text}
        self.column_notes = column_notes or {}
        # The indexes of the columns to chart and how
        self.chart = chart
        self.rows = []

    def add_row(self, label, values):
        assert len(values) == len(self.columns)
        self.rows.append((label, list(values)))

    @property
    def totals(self):
        return [sum(c) for c in zip(*(v for _, v in self.rows))] or [
            0] * len(self.columns)


class AnnualStatistics:
    """The tables of §3 and the key figures of §4.1 for a period, from the
    counts of the statistics models"""

    def __init__(self, from_date, to_date):
        self.from_date = from_date
        self.to_date = to_date
        self.period = format_period(from_date, to_date)
        self.quarters = [
            (year, quarter, quarter_label(year, quarter, from_date, to_date))
            for year, quarter in period_quarters(from_date, to_date)]
        with Transaction().set_context(language=LANGUAGE):
            self._centres = self.get_centres()
            self.tables = self.get_tables()
        self.figures = self.get_figures()
        self.conclusion = self.get_conclusion()

    def _rows(self, model, columns):
        Model = Pool().get(model)
        return Model.rows(self.from_date, self.to_date, columns)

    def get_centres(self):
        "Return the centres that head the columns: (id, code, name)"
        pool = Pool()
        Centre = pool.get('borgerraadgiver.centre')
        self._quarter_centre = {}
        for year, quarter, centre, count in self._rows(
                'borgerraadgiver.statistics.quarter_centre',
                ['year', 'quarter', 'centre', 'inquiries']):
            self._quarter_centre[year, quarter, centre] = count
        counted = {c for _, _, c in self._quarter_centre}
        with Transaction().set_context(active_test=False):
            centres = Centre.search(['OR',
                    ('id', 'in', [c for c in counted if c is not None]),
                    ('active', '=', True),
                    ])
        result = [(c.id, c.code, c.name) for c in centres]
        if None in counted:
            result.append((None, "Uden center", "Henvendelser uden center"))
        return result

    @property
    def centre_columns(self):
        return [TOTAL] + [code for _, code, _ in self._centres]

    @property
    def centre_legend(self):
        return ", ".join(
            f'{code} = {name}' for id_, code, name in self._centres if id_)

    @property
    def centre_names(self):
        return {i: name for i, (_, _, name) in enumerate(self._centres, 1)}

    def _centre_row(self, counts):
        values = [counts.get(c, 0) for c, _, _ in self._centres]
        return [sum(values)] + values

    def get_tables(self):
        return [
            self.table_3_1(),
            self.table_3_2(),
            self.table_3_3(),
            self.table_3_4(),
            ]

    def table_3_1(self):
        table = Table(
            '3.1', "Henvendelser i alt", "3.1 Henvendelser i alt", "Kvartal",
            ["Antal henvendelser",
                "Henvendelser uden sagsbehandling hos borgerrådgiver *1",
                "Henvendelser til sagsbehandling hos borgerrådgiveren"],
            notes=[MISDIRECTED_NOTE],
            column_notes={1: MISDIRECTED_NOTE},
            chart={'type': 'column', 'subtype': 'stacked', 'columns': [1, 2]})
        counts = {}
        for year, quarter, *values in self._rows(
                'borgerraadgiver.statistics.quarter',
                ['year', 'quarter', 'inquiries', 'without_handling',
                    'with_handling']):
            counts[year, quarter] = values
        for year, quarter, label in self.quarters:
            table.add_row(label, counts.get((year, quarter), [0, 0, 0]))
        return table

    def table_3_2(self):
        table = Table(
            '3.2',
            "Henvendelser med sagsbehandling hos borgerrådgiveren "
            "fordelt pr. center",
            "3.2 Pr. center", "Kvartal", self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={
                'type': 'column', 'subtype': 'stacked',
                'columns': list(range(1, len(self.centre_columns)))})
        for year, quarter, label in self.quarters:
            table.add_row(label, self._centre_row({
                        c: n for (y, q, c), n in self._quarter_centre.items()
                        if (y, q) == (year, quarter)}))
        return table

    def _categories(self, counted, parent=None):
        "Return the categories with parent that are active or counted"
        Category = Pool().get('borgerraadgiver.category')
        with Transaction().set_context(active_test=False):
            return Category.search([
                    ('parent', '=', parent),
                    ['OR',
                        ('id', 'in', [c for c in counted if c is not None]),
                        ('active', '=', True),
                        ],
                    ])

    def table_3_3(self):
        table = Table(
            '3.3', "Henvendelser efter kategorisering", "3.3 Kategorier",
            "Kategori", self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={'type': 'bar', 'columns': [0]})
        counts = {}
        for category, centre, count in self._rows(
                'borgerraadgiver.statistics.category',
                ['category', 'centre', 'inquiries']):
            counts.setdefault(category, {})[centre] = count
        self._category_counts = counts
        for category in self._categories(counts):
            table.add_row(
                category.rec_name,
                self._centre_row(counts.get(category.id, {})))
        if None in counts:
            table.add_row("Uden kategori", self._centre_row(counts[None]))
        return table

    def table_3_4(self):
        ModelData = Pool().get('ir.model.data')
        complaint = ModelData.get_id('borgerraadgiver', 'category_4')
        table = Table(
            '3.4',
            "Udspecificering af kategori nr. 4 (Klager over sagsbehandling)",
            "3.4 Klager over sagsbehandling", "Underkategori",
            self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={'type': 'bar', 'columns': [0]})
        counts = {}
        for subcategory, centre, count in self._rows(
                'borgerraadgiver.statistics.subcategory',
                ['subcategory', 'centre', 'inquiries']):
            by_centre = counts.setdefault(subcategory, {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        self._subcategory_counts = counts
        subcategories = self._categories(counts, parent=complaint)
        for subcategory in subcategories:
            table.add_row(
                subcategory.name,
                self._centre_row(counts.get(subcategory.id, {})))
        # Complaints not yet given a subcategory
        missing = self._category_counts.get(complaint, {}).copy()
        for subcategory in subcategories:
            for centre, count in counts.get(subcategory.id, {}).items():
                missing[centre] = missing.get(centre, 0) - count
        if any(missing.values()):
            table.add_row("Uden underkategori", self._centre_row(missing))
        return table

    def get_figures(self):
        "Return the key figures of §4.1"
        ModelData = Pool().get('ir.model.data')
        total, without, handled = self.tables[0].totals
        complaint = ModelData.get_id('borgerraadgiver', 'category_4')
        time = ModelData.get_id('borgerraadgiver', 'category_4_1')
        complaints = sum(self._category_counts.get(complaint, {}).values())
        time_count = sum(self._subcategory_counts.get(time, {}).values())
        return {
            'inquiries': total,
            'without_handling': without,
            'with_handling': handled,
            'complaints': complaints,
            'handling_time': time_count,
            'handling_time_share': time_count / handled if handled else 0,
            }

    def get_conclusion(self):
        "Return the paragraphs of the conclusion written from the figures"
        figures = self.figures
        total = figures['inquiries']
        handled = figures['with_handling']
        complaints = figures['complaints']
        time = figures['handling_time']
        period = '%s til %s' % (
            format_long_date(self.from_date), format_long_date(self.to_date))
        if not total:
            return [
                f"Borgerrådgiverfunktionen har i perioden {period} ikke "
                "modtaget nogen henvendelser."]
        text = (
            f"Borgerrådgiverfunktionen har i perioden {period} modtaget "
            f"i alt {inquiries(total)}, ")
        if handled == total:
            text += "som alle har været til reel sagsbehandling"
        elif handled:
            text += (
                f"hvoraf {the(handled)} har været til reel sagsbehandling")
        else:
            text += "hvoraf ingen har været til reel sagsbehandling"
        paragraphs = [text + " hos borgerrådgiveren."]
        if not handled:
            return paragraphs
        category = "kategorien ”klage over sagsbehandling”"
        if not complaints:
            paragraphs.append(
                f"Ingen af de {inquiries(handled)} er registreret under "
                f"{category}.")
            return paragraphs
        text = (
            f"Af de {inquiries(handled)} er der {inquiries(complaints)}, "
            f"der er registreret under {category}. ")
        if time:
            text += (
                f"Heraf har {the(time)} omhandlet sagsbehandlingstiden "
                f"(dvs. {share(time, handled)} hos borgerrådgiveren "
                "vedrører sagsbehandlingstiden).")
        else:
            text += "Ingen af dem har omhandlet sagsbehandlingstiden."
        paragraphs.append(text)
        return paragraphs


def format_long_date(date):
    return f'{date.day}. {MONTHS[date.month - 1]} {date.year}'


def the(count):
    "Return the count as the conclusion refers to a part: de 30, 1"
    return f'de {count}' if count != 1 else str(count)


def inquiries(count):
    return f'{count} henvendelse' + ('r' if count != 1 else '')


def share(part, whole):
    "Return in words which share of the cases part of whole is"
    if part == whole:
        return "alle sagsbehandlinger"
    every = round(whole / part)
    if every < 2:
        return "de fleste sagsbehandlinger"
    if part * every == whole:
        qualifier = ""
    elif part * every < whole:
        qualifier = "knap "
    else:
        qualifier = "godt "
    return f"{qualifier}hver {every}. sagsbehandling"


def escape_header(text):
    "Escape text for the header or footer of a sheet"
    return text.replace('&', '&&')


def paragraphs(text):
    "Split text into its paragraphs"
    return [p.strip() for p in re.split(r'\n\s*\n', text or '') if p.strip()]


class AnnualReportText(ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.annual_report.text'

    from_date = fields.Date("From Date", required=True)
    to_date = fields.Date(
        "To Date", required=True,
        domain=[('to_date', '>=', Eval('from_date', None))])
    conclusion = fields.Text(
        "Conclusion",
        help="Added after the conclusion written from the figures.")
    recommendations = fields.Text("Recommendations")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints = [
            ('period_unique', Unique(t, t.from_date, t.to_date),
                'borgerraadgiver.msg_annual_report_text_period_unique'),
            ]
        cls._order[0:0] = [('from_date', 'DESC'), ('to_date', 'DESC')]

    def get_rec_name(self, name):
        return format_period(self.from_date, self.to_date)

    @classmethod
    def get(cls, from_date, to_date):
        "Return the texts of the period or None"
        texts = cls.search([
                ('from_date', '=', from_date),
                ('to_date', '=', to_date),
                ], limit=1)
        if texts:
            text, = texts
            return text

    @classmethod
    def set(cls, from_date, to_date, conclusion, recommendations):
        "Keep the texts for the period when they changed"
        text = cls.get(from_date, to_date)
        if text is None:
            if not conclusion and not recommendations:
                return
            text = cls(from_date=from_date, to_date=to_date)
        elif ((text.conclusion or '', text.recommendations or '')
                == (conclusion or '', recommendations or '')):
            return
        text.conclusion = conclusion
        text.recommendations = recommendations
        text.save()


def check_period(from_date, to_date):
    if from_date > to_date:
        raise ReportPeriodError(gettext(
                'borgerraadgiver.msg_annual_report_period',
                from_date=from_date, to_date=to_date))


class AnnualReportStart(ModelView):
    __name__ = 'borgerraadgiver.annual_report.print.start'

    from_date = fields.Date(
        "From Date", required=True,
        domain=[
            If(Eval('to_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ])
    to_date = fields.Date(
        "To Date", required=True,
        domain=[
            If(Eval('from_date'),
                ('to_date', '>=', Eval('from_date')),
                ()),
            ])
    conclusion = fields.Text(
        "Conclusion",
        help="Added after the conclusion written from the figures.\n"
        "It is kept for the period.")
    recommendations = fields.Text(
        "Recommendations",
        help="Separate the paragraphs with an empty line.\n"
        "It is kept for the period.")

    @classmethod
    def default_from_date(cls):
        return Pool().get('ir.date').today().replace(month=1, day=1)

    @classmethod
    def default_to_date(cls):
        return Pool().get('ir.date').today().replace(month=12, day=31)

    @classmethod
    def _default_text(cls, name):
        Text = Pool().get('borgerraadgiver.annual_report.text')
        text = Text.get(cls.default_from_date(), cls.default_to_date())
        return getattr(text, name, None)

    @classmethod
    def default_conclusion(cls):
        return cls._default_text('conclusion')

    @classmethod
    def default_recommendations(cls):
        return cls._default_text('recommendations')

    @fields.depends('from_date', 'to_date')
    def _load_texts(self):
        Text = Pool().get('borgerraadgiver.annual_report.text')
        if self.from_date and self.to_date:
            text = Text.get(self.from_date, self.to_date)
            if text:
                self.conclusion = text.conclusion
                self.recommendations = text.recommendations

    @fields.depends(methods=['_load_texts'])
    def on_change_from_date(self):
        self._load_texts()

    @fields.depends(methods=['_load_texts'])
    def on_change_to_date(self):
        self._load_texts()


class AnnualReport(Wizard):
    __name__ = 'borgerraadgiver.annual_report.print'

    start = StateView('borgerraadgiver.annual_report.print.start',
        'borgerraadgiver.annual_report_print_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Workbook", 'workbook', 'tryton-print'),
            Button("PDF", 'pdf', 'tryton-print', default=True),
            ])
    workbook = StateReport('borgerraadgiver.statistics.xlsx')
    pdf = StateReport('borgerraadgiver.annual_report')

    def _data(self):
        pool = Pool()
        Text = pool.get('borgerraadgiver.annual_report.text')
        check_period(self.start.from_date, self.start.to_date)
        Text.set(
            self.start.from_date, self.start.to_date,
            self.start.conclusion, self.start.recommendations)
        return {
            'from_date': self.start.from_date,
            'to_date': self.start.to_date,
            }

    def do_workbook(self, action):
        return action, self._data()

    def do_pdf(self, action):
        return action, self._data()


class AnnualReportMixin:
    __slots__ = ()

    @classmethod
    def execute(cls, ids, data):
        # The statistics are counted without the ORM, so check first that
        # the user may read them
        cls.check_statistics_access()
        return super().execute(ids, data)

    @classmethod
    def check_statistics_access(cls):
        ModelAccess = Pool().get('ir.model.access')
        if Transaction().user:
            with check_access():
                for name in STATISTICS_MODELS:
                    ModelAccess.check(name, 'read')

    @classmethod
    def get_statistics(cls, data):
        from_date, to_date = (
            dt.date.fromisoformat(d) if isinstance(d, str) else d
            for d in [data['from_date'], data['to_date']])
        check_period(from_date, to_date)
        return AnnualStatistics(from_date, to_date)


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
        sheet.write_string(row + 2, 0, "Periode", formats['header'])
        sheet.write_string(row + 2, 1, statistics.period, formats['text'])
        sheet.write_string(row + 3, 0, "Konklusion", formats['header'])
        sheet.write_string(
            row + 3, 1, '\n'.join(statistics.conclusion), formats['text'])
        sheet.set_column(0, 0, 50)
        sheet.set_column(1, 1, 60)
        sheet.freeze_panes(1, 1)


class AnnualReportDocument(AnnualReportMixin, Report):
    # The tables of §3 and the conclusion and recommendations of §4
    __name__ = 'borgerraadgiver.annual_report'

    @classmethod
    def get_context(cls, records, header, data):
        pool = Pool()
        Text = pool.get('borgerraadgiver.annual_report.text')
        context = super().get_context(records, header, data)
        statistics = cls.get_statistics(data)
        text = Text.get(statistics.from_date, statistics.to_date)
        context['statistics'] = statistics
        context['tables'] = {t.key: t for t in statistics.tables}
        context['conclusion'] = statistics.conclusion + paragraphs(
            getattr(text, 'conclusion', None))
        context['recommendations'] = paragraphs(
            getattr(text, 'recommendations', None))
        context['format_long_date'] = format_long_date
        return context
