# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from decimal import Decimal

import openpyxl

from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError
from trytond.modules.borgerraadgiver.annual_statistics import (
    STATISTICS_MODELS, share)
from trytond.modules.borgerraadgiver.statistics import (
    period_quarters, quarter_label)
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction, check_access

from .spec_tables import (
    CENTRES, PERIOD, TABLE_3_1, TABLE_3_2, TABLE_3_3, TABLE_3_4,
    TOTALS_BY_CENTRE)

# The spec's labels of the rows of tables 3.1 and 3.2, as the report writes
# them: the last quarter is cut by the period
QUARTER_LABELS = {
    '1. kvt. 20': '1. kvt. 20',
    '2. kvt. 20': '2. kvt. 20',
    '3. kvt. 20': '3. kvt. 20',
    '4. kvt. 20': '4. kvt. 20',
    'Jan. - midt marts 2021': '1. jan. – 15. marts 2021',
    }


def load_demo():
    from trytond.modules.borgerraadgiver.demo import load_demo
    load_demo()


def execute(report, from_date, to_date):
    Report = Pool().get(report, type='report')
    return Report.execute([], {'from_date': from_date, 'to_date': to_date})


def workbook(from_date, to_date):
    ext, content, _, name = execute(
        'borgerraadgiver.statistics.xlsx', from_date, to_date)
    assert ext == 'xlsx'
    return openpyxl.load_workbook(io.BytesIO(content)), content


def sheet(book, key):
    "Return the sheet of the table key (3.1 …)"
    sheet, = [s for s in book.worksheets if s.title.split()[0] == key]
    return sheet


def read_table(sheet):
    """Return the column labels and the rows as (label, {column: value})
    up to the totals row included"""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    body = []
    for row in rows:
        if row[0] is None:
            break
        body.append((row[0], dict(zip(header[1:], row[1:]))))
    return list(header), body


def centre(code):
    pool = Pool()
    Centre = pool.get('borgerraadgiver.centre')
    centres = Centre.search([('code', '=', code)])
    if centres:
        return centres[0]
    centre, = Centre.create([{'code': code, 'name': code}])
    return centre


def category(code):
    Category = Pool().get('borgerraadgiver.category')
    category, = Category.search([('code', '=', code)])
    return category


def inquiry(received_date, **values):
    Inquiry = Pool().get('borgerraadgiver.inquiry')
    values.setdefault('subject', "Test")
    values.setdefault('centre', centre('B&L').id)
    values.setdefault('category', category('1').id)
    record, = Inquiry.create([dict(received_date=received_date, **values)])
    return record


def supervision(date, **values):
    Supervision = Pool().get('borgerraadgiver.supervision')
    values.setdefault('topic', "Test")
    values.setdefault('kind', 'supervision')
    values.setdefault('centre', centre('B&L').id)
    record, = Supervision.create([dict(date=date, **values)])
    return record


def user(login, group):
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    user, = User.create([{
                'login': login,
                'name': login,
                'groups': [('add', [
                            ModelData.get_id('borgerraadgiver', group)])],
                }])
    return user


def pdf_text(content):
    with tempfile.NamedTemporaryFile(suffix='.pdf') as pdf:
        pdf.write(content)
        pdf.flush()
        text = subprocess.run(
            ['pdftotext', pdf.name, '-'], check=True,
            capture_output=True, text=True).stdout
    return ' '.join(text.split())


class StatisticsTestCase(unittest.TestCase):
    "Test the statistics and the annual report"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_module('borgerraadgiver')

    def assertTable(self, sheet, corner, columns, rows, totals):
        "Assert the sheet holds the table cell by cell"
        header, body = read_table(sheet)
        # The centres follow their sequence, as in the spec
        self.assertEqual(header, [corner] + columns)
        self.assertEqual(
            [label for label, _ in body], [l for l, _ in rows] + ["I alt"])
        for (label, values), (expected_label, expected) in zip(
                body, rows + [("I alt", totals)]):
            self.assertEqual(
                [values[c] for c in columns], expected, msg=label)

    @with_transaction()
    def test_workbook_reproduces_report(self):
        "The workbook of the demo data equals the spec's tables 3.1-3.4"
        pool = Pool()
        Category = pool.get('borgerraadgiver.category')
        load_demo()
        book, content = workbook(*PERIOD)

        self.assertEqual(
            [s.title for s in book.worksheets], [
                "3.1 Henvendelser i alt", "3.2 Pr. center", "3.3 Kategorier",
                "3.4 Klager over sagsbehandling",
                "3.5 Supervision og undervisning", "4.1 Nøgletal"])

        sheet_3_1 = sheet(book, '3.1')
        header, _ = read_table(sheet_3_1)
        self.assertTable(
            sheet_3_1, "Kvartal", header[1:],
            [(QUARTER_LABELS[q], list(v)) for q, v in TABLE_3_1.items()],
            [33, 3, 30])
        self.assertEqual(header[1], "Antal henvendelser")

        centres = ["I alt"] + CENTRES

        def with_total(values):
            return [sum(values)] + values
        self.assertTable(
            sheet(book, '3.2'), "Kvartal", centres,
            [(QUARTER_LABELS[q], with_total(v))
                for q, v in TABLE_3_2.items()],
            [30] + TOTALS_BY_CENTRE)

        with Transaction().set_context(language='da'):
            names = {c.code: c for c in Category.search([])}
        self.assertTable(
            sheet(book, '3.3'), "Kategori", centres,
            [(names[c].rec_name, with_total(v))
                for c, v in TABLE_3_3.items()],
            [30] + TOTALS_BY_CENTRE)
        self.assertTrue(all(
                label.startswith(f'{code}. ') for code, (label, _) in zip(
                    TABLE_3_3, read_table(sheet(book, '3.3'))[1])))
        self.assertTable(
            sheet(book, '3.4'), "Underkategori", centres,
            [(names[c].name, with_total(v)) for c, v in TABLE_3_4.items()],
            [13] + TABLE_3_3['4'])

        figures = {
            label: value for label, value in sheet(book, '4.1').iter_rows(
                min_row=2, max_row=7, values_only=True)}
        self.assertEqual(figures, {
                "Henvendelser i alt": 33,
                "Henvendelser uden sagsbehandling hos borgerrådgiver": 3,
                "Henvendelser til sagsbehandling hos borgerrådgiveren": 30,
                "Klager over sagsbehandling": 13,
                "Heraf om sagsbehandlingstid": 9,
                "Andel af sagsbehandlingerne om sagsbehandlingstid": 0.3,
                })

    @with_transaction()
    def test_workbook_supervision(self):
        "Table 3.5 counts the demo's activities per kind and centre"
        load_demo()
        # Neither a cancelled activity nor one outside the period counts
        supervision(dt.date(2020, 5, 6), cancelled=True)
        supervision(dt.date(2019, 12, 31))
        supervision(dt.date(2021, 3, 16), centre=None)
        book, _ = workbook(*PERIOD)
        columns = ["I alt"] + CENTRES + ["Alle"]
        self.assertTable(
            sheet(book, '3.5'), "Aktivitet", columns, [
                ("Supervision", [3, 0, 0, 2, 1, 0, 0, 0]),
                ("Undervisning", [2, 0, 0, 0, 1, 0, 0, 1]),
                ("Kursus", [0] * 8),
                ],
            [5, 0, 0, 2, 2, 0, 0, 1])
        figures = {
            label: value for label, value in sheet(book, '4.1').iter_rows(
                min_row=8, max_row=9, values_only=True)}
        self.assertEqual(figures, {
                "Supervisions- og undervisningsaktiviteter": 5,
                "Timer til supervision og undervisning": 8.5,
                })

    @with_transaction()
    def test_supervision_statistics_model(self):
        "The statistics of 3.5 count activities, hours and participants"
        Statistics = Pool().get('borgerraadgiver.statistics.supervision')
        load_demo()
        with Transaction().set_context(
                from_date=dt.date(2020, 1, 1), to_date=dt.date(2020, 12, 31)):
            rows = {
                (r.kind, r.centre.code if r.centre else None): (
                    r.activities, r.hours, r.participants)
                for r in Statistics.search([])}
        self.assertEqual(rows, {
                ('supervision', 'B&L'): (2, 2, 2),
                ('supervision', 'S&O'): (1, Decimal('1.5'), 1),
                ('teaching', 'S&O'): (1, 3, 6),
                ('teaching', None): (1, 2, 24),
                })

    @with_transaction()
    def test_workbook_layout(self):
        "The sheets have bold headers, frozen panes, widths and bar charts"
        inquiry(dt.date(2021, 2, 1))
        book, content = workbook(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
        for sheet_ in book.worksheets:
            with self.subTest(sheet=sheet_.title):
                self.assertEqual(sheet_.freeze_panes, 'B2')
                self.assertTrue(all(c.font.b for c in sheet_[1]))
                self.assertGreater(
                    sheet_.column_dimensions['A'].width, 12)
        for key in ['3.1', '3.2', '3.3', '3.4', '3.5']:
            header, rows = read_table(sheet(book, key))
            self.assertTrue(rows[-1][0] == "I alt")
            self.assertTrue(sheet(book, key)[f'A{len(rows) + 1}'].font.b)
        with zipfile.ZipFile(io.BytesIO(content)) as xlsx:
            charts = [
                xlsx.read(n).decode() for n in xlsx.namelist()
                if n.startswith('xl/charts/chart')]
        self.assertEqual(len(charts), 5)
        self.assertTrue(all('<c:barChart>' in c for c in charts))

    @with_transaction()
    def test_statistics_models(self):
        "The statistics models count for the period of the context"
        pool = Pool()
        Quarter = pool.get('borgerraadgiver.statistics.quarter')
        QuarterCentre = pool.get('borgerraadgiver.statistics.quarter_centre')
        CategoryCentre = pool.get('borgerraadgiver.statistics.category')
        Subcategory = pool.get('borgerraadgiver.statistics.subcategory')
        load_demo()
        from_date, to_date = PERIOD
        with Transaction().set_context(from_date=from_date, to_date=to_date):
            self.assertEqual([
                    (q.period, q.inquiries, q.without_handling,
                        q.with_handling)
                    for q in Quarter.search([])], [
                    ('1. kvt. 20', 5, 1, 4),
                    ('3. kvt. 20', 9, 0, 9),
                    ('4. kvt. 20', 5, 0, 5),
                    ('1. jan. – 15. marts 2021', 14, 2, 12),
                    ])
            self.assertEqual(
                sum(r.inquiries for r in QuarterCentre.search([
                            ('centre.code', '=', 'B&L')])), 13)
            self.assertEqual(
                sum(r.inquiries for r in CategoryCentre.search([
                            ('category.code', '=', '4')])), 13)
            self.assertEqual(
                sum(r.inquiries for r in Subcategory.search([
                            ('subcategory.code', '=', '4.1')])), 9)

    @with_transaction()
    def test_statistics_hold_no_personal_data(self):
        "The statistics models have counts and classifications only"
        pool = Pool()
        allowed = {
            'id', 'rec_name', 'xml_id', 'create_uid', 'create_date',
            'write_uid', 'write_date', 'last_modified_at',
            'year', 'quarter', 'period', 'centre', 'category', 'subcategory',
            'inquiries', 'without_handling', 'with_handling',
            'kind', 'activities', 'hours', 'participants'}
        for model in STATISTICS_MODELS:
            with self.subTest(model=model):
                self.assertLessEqual(set(pool.get(model)._fields), allowed)

    @with_transaction()
    def test_quarters_in_sql(self):
        "The database puts the first and last days in the right quarters"
        Quarter = Pool().get('borgerraadgiver.statistics.quarter')
        days = [
            (2020, 1, 1), (2020, 3, 31), (2020, 4, 1), (2020, 6, 30),
            (2020, 7, 1), (2020, 8, 31), (2020, 9, 30), (2020, 10, 1),
            (2020, 12, 31), (2021, 1, 1)]
        for day in days:
            inquiry(dt.date(*day))
        rows = Quarter.rows(
            dt.date(2020, 1, 1), dt.date(2021, 12, 31),
            ['year', 'quarter', 'inquiries'])
        self.assertEqual(sorted(rows), [
                (2020, 1, 2), (2020, 2, 2), (2020, 3, 3), (2020, 4, 2),
                (2021, 1, 1)])

    @with_transaction()
    def test_cancelled_not_counted(self):
        "Cancelled inquiries are not counted; misdirected are not handled"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        inquiry(dt.date(2019, 5, 1))
        inquiry(dt.date(2019, 5, 2), resolution='misdirected')
        Inquiry.cancel([inquiry(dt.date(2019, 5, 3))])
        book, _ = workbook(dt.date(2019, 4, 1), dt.date(2019, 6, 30))
        _, rows = read_table(sheet(book, '3.1'))
        self.assertEqual(
            [list(v.values()) for _, v in rows], [[2, 1, 1], [2, 1, 1]])
        _, rows = read_table(sheet(book, '3.2'))
        self.assertEqual(rows[-1][1]["I alt"], 1)
        self.assertEqual(rows[-1][1]["B&L"], 1)

    @with_transaction()
    def test_unclassified_inquiries_keep_totals(self):
        "Inquiries without centre or category still add up in each table"
        inquiry(dt.date(2019, 5, 1), centre=None, category=None)
        inquiry(dt.date(2019, 5, 2), category=category('4').id)
        book, _ = workbook(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
        header, rows = read_table(sheet(book, '3.2'))
        self.assertEqual(header[-1], "Uden center")
        self.assertEqual(rows[-1][1]["I alt"], 2)
        _, rows = read_table(sheet(book, '3.3'))
        self.assertEqual(rows[-2][0], "Uden kategori")
        self.assertEqual(rows[-1][1]["I alt"], 2)
        _, rows = read_table(sheet(book, '3.4'))
        self.assertEqual(rows[-2][0], "Uden underkategori")
        self.assertEqual(rows[-1][1]["I alt"], 1)

    @with_transaction()
    def test_empty_period(self):
        "A period without inquiries gives zeros"
        pool = Pool()
        Document = pool.get('borgerraadgiver.annual_report', type='report')
        load_demo()
        from_date, to_date = dt.date(1990, 1, 1), dt.date(1990, 12, 31)
        book, _ = workbook(from_date, to_date)
        _, rows = read_table(sheet(book, '3.1'))
        self.assertEqual(
            [label for label, _ in rows],
            ['1. kvt. 90', '2. kvt. 90', '3. kvt. 90', '4. kvt. 90', "I alt"])
        for key in ['3.1', '3.2', '3.3', '3.4', '3.5']:
            _, rows = read_table(sheet(book, key))
            self.assertFalse(
                any(v for _, values in rows for v in values.values()))
        self.assertEqual(sheet(book, '4.1')['B2'].value, 0)

        statistics = Document.get_statistics(
            {'from_date': from_date, 'to_date': to_date})
        self.assertEqual(statistics.conclusion, [
                "Borgerrådgiverfunktionen har i perioden 1. januar 1990 til "
                "31. december 1990 ikke modtaget nogen henvendelser."])
        # The template renders without figures
        report = pool.get('ir.action.report')(
            pool.get('ir.model.data').get_id(
                'borgerraadgiver', 'report_annual_report'))
        content = Document.render(report, Document.get_context(
                [], {}, {'from_date': from_date, 'to_date': to_date}))
        self.assertTrue(content)

    def test_quarter_labels(self):
        "A quarter cut by the period is labelled with the days it covers"
        def labels(from_date, to_date):
            return [
                quarter_label(y, q, from_date, to_date)
                for y, q in period_quarters(from_date, to_date)]
        self.assertEqual(
            labels(dt.date(2021, 5, 5), dt.date(2021, 5, 5)),
            ['5. maj 2021'])
        self.assertEqual(
            labels(dt.date(2020, 11, 15), dt.date(2021, 2, 10)),
            ['15. nov. – 31. dec. 2020', '1. jan. – 10. feb. 2021'])
        self.assertEqual(
            labels(dt.date(2020, 10, 1), dt.date(2021, 3, 31)),
            ['4. kvt. 20', '1. kvt. 21'])
        self.assertEqual(
            labels(dt.date(2021, 1, 10), dt.date(2021, 2, 20)),
            ['10. jan. – 20. feb. 2021'])
        self.assertEqual(
            labels(dt.date(1999, 12, 1), dt.date(2000, 3, 31)),
            ['1.–31. dec. 1999', '1. kvt. 00'])

    def test_conclusion_wording(self):
        "The conclusion says in words which share of the cases is which"
        self.assertEqual(share(9, 30), "knap hver 3. sagsbehandling")
        self.assertEqual(share(4, 12), "hver 3. sagsbehandling")
        self.assertEqual(share(2, 3), "godt hver 2. sagsbehandling")
        self.assertEqual(share(5, 5), "alle sagsbehandlinger")
        self.assertEqual(share(4, 5), "de fleste sagsbehandlinger")

    @with_transaction()
    def test_one_day_and_year_boundary(self):
        "The workbook labels the quarters of short and straddling periods"
        inquiry(dt.date(2021, 5, 5))
        inquiry(dt.date(2020, 12, 31))
        inquiry(dt.date(2021, 1, 1))
        book, _ = workbook(dt.date(2021, 5, 5), dt.date(2021, 5, 5))
        _, rows = read_table(sheet(book, '3.1'))
        self.assertEqual(
            [(l, v["Antal henvendelser"]) for l, v in rows],
            [('5. maj 2021', 1), ("I alt", 1)])
        book, _ = workbook(dt.date(2020, 11, 15), dt.date(2021, 2, 10))
        _, rows = read_table(sheet(book, '3.2'))
        self.assertEqual(
            [(l, v["I alt"]) for l, v in rows], [
                ('15. nov. – 31. dec. 2020', 1),
                ('1. jan. – 10. feb. 2021', 1),
                ("I alt", 2)])

    @with_transaction()
    def test_from_after_to(self):
        "A period that ends before it starts is refused"
        for report in [
                'borgerraadgiver.statistics.xlsx',
                'borgerraadgiver.annual_report']:
            with self.subTest(report=report):
                with self.assertRaisesRegex(
                        UserError,
                        r'cannot start on 2021-01-01, '
                        r'after it ends on 2020-12-31'):
                    execute(report, dt.date(2021, 1, 1), dt.date(2020, 12, 31))

    @with_transaction()
    def test_wizard_from_after_to(self):
        "The wizard refuses a period that ends before it starts"
        pool = Pool()
        Wizard = pool.get('borgerraadgiver.annual_report.print', type='wizard')
        session_id, _, _ = Wizard.create()
        with self.assertRaisesRegex(UserError, r'cannot start on'):
            Wizard.execute(session_id, {
                    'start': {
                        'from_date': dt.date(2021, 1, 1),
                        'to_date': dt.date(2020, 1, 1),
                        },
                    }, 'workbook')

    @with_transaction()
    def test_texts_kept_per_period(self):
        "The wizard keeps the conclusion and recommendations per period"
        pool = Pool()
        Wizard = pool.get('borgerraadgiver.annual_report.print', type='wizard')
        Start = pool.get('borgerraadgiver.annual_report.print.start')
        Text = pool.get('borgerraadgiver.annual_report.text')
        from_date, to_date = PERIOD
        session_id, _, _ = Wizard.create()
        result = Wizard.execute(session_id, {
                'start': {
                    'from_date': from_date,
                    'to_date': to_date,
                    'conclusion': "Covid-19.",
                    'recommendations': "God forvaltningsskik.",
                    },
                }, 'workbook')
        action, data = result['actions'][0]
        self.assertEqual(
            action['report_name'], 'borgerraadgiver.statistics.xlsx')
        self.assertEqual(
            data, {'from_date': from_date, 'to_date': to_date})
        text, = Text.search([])
        self.assertEqual(
            (text.from_date, text.to_date, text.conclusion,
                text.recommendations),
            (from_date, to_date, "Covid-19.", "God forvaltningsskik."))

        start = Start(from_date=from_date, to_date=to_date)
        start.on_change_to_date()
        self.assertEqual(start.recommendations, "God forvaltningsskik.")
        start = Start(from_date=from_date, to_date=dt.date(2021, 3, 16))
        start.on_change_to_date()
        self.assertFalse(getattr(start, 'recommendations', None))

    @unittest.skipUnless(
        shutil.which('soffice') and shutil.which('pdftotext'),
        "LibreOffice (soffice) and pdftotext are needed to make the PDF")
    @with_transaction()
    def test_pdf_conclusion(self):
        "The PDF holds the tables and the conclusion written from figures"
        Text = Pool().get('borgerraadgiver.annual_report.text')
        load_demo()
        from_date, to_date = PERIOD
        Text.set(
            from_date, to_date,
            "På grund af covid-19 har der kun været meget begrænset "
            "supervision og intern undervisning i 2020.",
            "God forvaltningsskik skal fortsat være et fokuspunkt.\n\n"
            "Alle centre har stort fokus på godt sprog.")
        ext, content, _, name = execute(
            'borgerraadgiver.annual_report', from_date, to_date)
        self.assertEqual(ext, 'pdf')
        text = pdf_text(content)
        for expected in [
                "3.1 Henvendelser i alt",
                "I alt 33 3 30",
                "I alt 30 1 5 13 6 4 1",
                "Borgerrådgiverfunktionen har i perioden 1. januar 2020 til "
                "15. marts 2021 modtaget i alt 33 henvendelser, hvoraf de 30 "
                "har været til reel sagsbehandling hos borgerrådgiveren.",
                "Af de 30 henvendelser er der 13 henvendelser, der er "
                "registreret under kategorien ”klage over sagsbehandling”.",
                "Heraf har de 9 omhandlet sagsbehandlingstiden (dvs. knap "
                "hver 3. sagsbehandling hos borgerrådgiveren vedrører "
                "sagsbehandlingstiden).",
                "meget begrænset supervision",
                "3.5 Intern supervision, undervisning m.v.",
                "Supervision 3 0 0 2 1 0 0 0",
                "4.2 Anbefalinger",
                "Alle centre har stort fokus på godt sprog.",
                ]:
            self.assertIn(expected, text)
        self.assertFalse(re.search(r'BR-\d{4}-\d{4}', text))

    @with_transaction()
    def test_centre_staff_denied(self):
        "Centre staff can neither run the reports nor read the statistics"
        pool = Pool()
        Wizard = pool.get('borgerraadgiver.annual_report.print', type='wizard')
        staff = user('staff', 'group_centre_staff')
        manager = user('manager', 'group_statistics')
        with Transaction().set_user(staff.id), check_access():
            for report in [
                    'borgerraadgiver.statistics.xlsx',
                    'borgerraadgiver.annual_report']:
                with self.subTest(report=report):
                    with self.assertRaises(AccessError):
                        execute(report, *PERIOD)
            for model in [
                    'borgerraadgiver.statistics.quarter',
                    'borgerraadgiver.statistics.quarter_centre',
                    'borgerraadgiver.statistics.category',
                    'borgerraadgiver.statistics.subcategory',
                    'borgerraadgiver.statistics.supervision']:
                with self.subTest(model=model):
                    with self.assertRaises(AccessError):
                        pool.get(model).search([])
            with self.assertRaises(AccessError):
                Wizard.create()
        with Transaction().set_user(manager.id), check_access():
            ext, *_ = execute('borgerraadgiver.statistics.xlsx', *PERIOD)
            self.assertEqual(ext, 'xlsx')
            pool.get('borgerraadgiver.statistics.quarter').search([])
            Wizard.create()

    @with_transaction()
    def test_report_checks_statistics_access(self):
        "The reports check read access to the statistics in code"
        pool = Pool()
        ActionReport = pool.get('ir.action.report')
        Workbook = pool.get('borgerraadgiver.statistics.xlsx', type='report')
        staff = user('staff', 'group_centre_staff')
        # Even from an action without groups
        action, = ActionReport.create([{
                    'name': "Statistics for all",
                    'report_name': 'borgerraadgiver.statistics.xlsx',
                    }])
        with Transaction().set_user(staff.id), check_access():
            with self.assertRaises(AccessError):
                Workbook.execute([], {
                        'from_date': PERIOD[0],
                        'to_date': PERIOD[1],
                        'action_id': action.id,
                        })
