import datetime as dt

from babel.dates import format_date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.borgerraadgiver.models.borgerraadgiver_statistics import (
    period_quarters,
)

from .report_common import ReportCase, d, read_table, render_workbook, sheet
from .spec_tables import (
    CENTRES,
    PERIOD,
    TABLE_3_1,
    TABLE_3_2,
    TABLE_3_3,
    TABLE_3_4,
    TOTALS_BY_CENTRE,
)

# issue 18: after 3.5 the complaint points (3.6.1-3.6.4), the investigations
# (3.7: counts, list), the recommendations (3.8: counts, the period's, those
# carried forward), the returning citizens (3.9) and the counted-only
# contacts (3.10.1, 3.10.2)
SHEET_KEYS = (
    ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6.1", "3.6.2", "3.6.3", "3.6.4"]
    + ["3.7"] * 2
    + ["3.8"] * 3
    + ["3.9", "3.10.1", "3.10.2", "4.1"]
)


def with_total(values):
    return [sum(values)] + list(values)


@tagged("post_install", "-at_install")
class TestStatistics(ReportCase):
    """The workbook of the demo data reproduces the spec's tables 3.1-3.4,
    counted by PostgreSQL."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec_report = cls.Report.with_user(cls.statistician).create(
            {"date_from": PERIOD[0], "date_to": PERIOD[1]}
        )
        cls.book = render_workbook(cls.spec_report)

    def assertTable(self, key, rows, totals):
        """The sheet of key holds rows [(values)] then the totals, under the
        columns "I alt" then the centres in their sequence."""
        header, body = read_table(sheet(self.book, key))
        self.assertEqual(len(body), len(rows) + 1, key)
        for (label, values), expected in zip(body, rows + [totals], strict=True):
            self.assertEqual(values, list(expected), f"{key} {label}")
        return header, body

    def test_sheets(self):
        titles = [s.title for s in self.book.worksheets]
        self.assertEqual([t.split()[0] for t in titles[:-2]], SHEET_KEYS)
        # the comparison with last year (tests/test_inquiry_points.py)
        self.assertIn(
            titles[-2], ("Sammenligning med sidste år", "Compared with last year")
        )
        # the answer times last (tests/test_answer_times.py), Danish or English
        self.assertIn(titles[-1], ("Svartider", "Answer times"))
        for book_sheet in self.book.worksheets:
            self.assertEqual(book_sheet.freeze_panes, "B2", book_sheet.title)
        for key in SHEET_KEYS[:4]:
            self.assertTrue(sheet(self.book, key)["A1"].font.b, f"bold header of {key}")
        # native charts for the quarter and category tables
        for key in ["3.1", "3.2", "3.3", "3.4"]:
            self.assertTrue(sheet(self.book, key)._charts, key)

    def test_table_3_1(self):
        header, body = self.assertTable(
            "3.1", [list(v) for v in TABLE_3_1.values()], [33, 3, 30]
        )
        self.assertEqual(len(header), 4)
        labels = [label for label, _v in body]
        # full quarters "1. kvt. 20"; the last one, cut by the period, by its days
        self.assertEqual(labels[0], "1. kvt. 20")
        self.assertEqual(labels[3], "4. kvt. 20")
        self.assertIn("15", labels[4])
        self.assertIn("2021", labels[4])

    def test_table_3_2(self):
        header, _body = self.assertTable(
            "3.2",
            [with_total(v) for v in TABLE_3_2.values()],
            [30] + TOTALS_BY_CENTRE,
        )
        self.assertEqual(header[2:], CENTRES)

    def test_table_3_3(self):
        header, body = self.assertTable(
            "3.3",
            [with_total(v) for v in TABLE_3_3.values()],
            [30] + TOTALS_BY_CENTRE,
        )
        self.assertEqual(header[2:], CENTRES)
        for code, (label, _values) in zip(TABLE_3_3, body, strict=False):
            self.assertTrue(label.startswith(f"{code} "), label)

    def test_table_3_4(self):
        header, body = self.assertTable(
            "3.4",
            [with_total(v) for v in TABLE_3_4.values()],
            with_total(TABLE_3_3["4"]),
        )
        self.assertEqual(header[2:], CENTRES)
        for code, (label, _values) in zip(TABLE_3_4, body, strict=False):
            self.assertTrue(label.startswith(f"{code} "), label)

    def test_table_3_5(self):
        header, body = read_table(sheet(self.book, "3.5"))
        supervision = self.env["borgerraadgiver.supervision"].search(
            [("date", ">=", PERIOD[0]), ("date", "<=", PERIOD[1])]
        )
        self.assertEqual(body[-1][1][0], len(supervision))
        self.assertEqual(header[2 : 2 + len(CENTRES)], CENTRES)

    def test_key_figures(self):
        figures = dict(
            (row[0], row[1])
            for row in sheet(self.book, "4.1").iter_rows(min_row=2, values_only=True)
            if row[0]
        )
        values = list(figures.values())
        self.assertEqual(values[:5], [33, 3, 30, 13, 9])
        self.assertAlmostEqual(values[5], 0.3)

    def test_no_personal_data(self):
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        for name in ["citizen_id", "subject", "description", "advisor_notes"]:
            self.assertNotIn(name, Analysis._fields)
        subjects = set(self.env["borgerraadgiver.inquiry"].search([]).mapped("subject"))
        citizens = set(
            self.env["borgerraadgiver.inquiry"].search([]).mapped("citizen_id.name")
        )
        for book_sheet in self.book.worksheets:
            for row in book_sheet.iter_rows(values_only=True):
                for value in row:
                    self.assertNotIn(value, subjects | citizens)

    def test_pivot_counts_the_same(self):
        """The pivot's read_group gives the spec's counts."""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(
            self.statistician
        )
        domain = [
            ("received_date", ">=", PERIOD[0]),
            ("received_date", "<=", PERIOD[1]),
        ]
        groups = Analysis.read_group(domain, ["handling"], ["handling"])
        self.assertEqual(
            {g["handling"]: g["handling_count"] for g in groups},
            {"with": 30, "without": 3},
        )
        groups = Analysis.read_group(
            domain + [("with_handling", "=", True)],
            ["centre_id"],
            ["centre_id"],
        )
        by_code = {
            self.env["borgerraadgiver.centre"].browse(g["centre_id"][0]).code: g[
                "centre_id_count"
            ]
            for g in groups
        }
        self.assertEqual([by_code.get(c, 0) for c in CENTRES], TOTALS_BY_CENTRE)
        groups = Analysis.read_group(
            domain, ["received_date"], ["received_date:quarter"]
        )
        self.assertEqual(
            [g["received_date_count"] for g in groups if g["received_date_count"]],
            [v[0] for v in TABLE_3_1.values() if v[0]],
        )

    def test_conclusion(self):
        conclusion = self.spec_report.conclusion
        for number in ["33", "30", "13", "9"]:
            self.assertIn(number, conclusion)

    def test_counted_by_database(self):
        """The same few queries count the report, whatever the number of
        inquiries: they are counted by GROUP BY, not read one by one."""

        def queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            statistics = self.env["borgerraadgiver.statistics"]._for_period(*PERIOD)
            self.assertTrue(statistics.tables)
            self.assertTrue(statistics.conclusion)
            return self.cr.sql_log_count - before

        queries()
        first = queries()
        for day in ["2020-02-03", "2020-08-04", "2021-01-05"]:
            self.inquiry(d(day))
        self.env.flush_all()
        self.assertEqual(queries(), first)
        self.assertLessEqual(first, 12)


@tagged("post_install", "-at_install")
class TestStatisticsPeriods(ReportCase):
    def statistics(self, date_from, date_to):
        return self.env["borgerraadgiver.statistics"]._for_period(date_from, date_to)

    def test_figures_without_tables(self):
        """The annual report's list reads the four figures: two counting
        queries (and the categories' meaning), no table, prose or answer
        times built."""
        statistics = self.statistics(*PERIOD)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            figures = statistics.figures
        self.assertEqual(
            [figures[key] for key in ("inquiries", "with_handling", "complaints")],
            [33, 30, 13],
        )
        for part in ("tables", "conclusion", "answer_times", "supervision"):
            self.assertNotIn(part, vars(statistics), part)

    def test_conclusion_sentences(self):
        """Each count of one has its own whole sentence (no "1 henvendelser",
        no sentence put together from translated parts)."""
        day = d("2019-05-09")
        Statistics = self.env["borgerraadgiver.statistics"].with_context(lang="da_DK")
        inquiry = self.inquiry(
            day,
            category_id=self.env.ref("borgerraadgiver.category_4").id,
            subcategory_id=self.env.ref("borgerraadgiver.category_4_1").id,
        )
        self.assertEqual(
            Statistics._for_period(day, day).conclusion,
            [
                "Borgerrådgiverfunktionen har i perioden 9. maj 2019 til 9. maj "
                "2019 modtaget 1 henvendelse, som har været til reel "
                "sagsbehandling hos borgerrådgiveren.",
                "Den sagsbehandlede henvendelse er registreret under kategorien "
                "”klage over sagsbehandling”. Den har omhandlet "
                "sagsbehandlingstiden (dvs. alle sagsbehandlinger hos "
                "borgerrådgiveren vedrører sagsbehandlingstiden).",
            ],
        )
        inquiry.resolution = "misdirected"
        self.inquiry(day, category_id=self.env.ref("borgerraadgiver.category_2").id)
        self.inquiry(day, category_id=self.env.ref("borgerraadgiver.category_2").id)
        self.assertEqual(
            Statistics._for_period(day, day).conclusion,
            [
                "Borgerrådgiverfunktionen har i perioden 9. maj 2019 til 9. maj "
                "2019 modtaget i alt 3 henvendelser, hvoraf de 2 har været til "
                "reel sagsbehandling hos borgerrådgiveren.",
                "Ingen af de 2 henvendelser er registreret under kategorien "
                "”klage over sagsbehandling”.",
            ],
        )

    def test_cancelled_not_counted(self):
        day = d("2019-05-02")
        before = self.statistics(day, day).figures["inquiries"]
        inquiry = self.inquiry(day)
        self.assertEqual(self.statistics(day, day).figures["inquiries"], before + 1)
        inquiry.action_cancel()
        self.assertEqual(inquiry.state, "cancelled")
        self.assertEqual(self.statistics(day, day).figures["inquiries"], before)

    def test_misdirected_without_handling(self):
        day = d("2019-05-03")
        inquiry = self.inquiry(day)
        inquiry.write({"resolution": "misdirected"})
        table = self.statistics(day, day).tables[0]
        self.assertEqual(table.totals, [1, 1, 0])
        self.assertEqual(self.statistics(day, day).tables[2].totals[0], 0)

    def test_empty_period(self):
        report = self.create_report(d("1990-01-01"), d("1990-12-31"))
        book = self.workbook(report)
        header, body = read_table(sheet(book, "3.1"))
        self.assertEqual(len(body), 5)
        self.assertEqual(body[-1][1], [0, 0, 0])
        for key in ["3.2", "3.3", "3.4"]:
            _header, body = read_table(sheet(book, key))
            self.assertTrue(all(v == 0 for v in body[-1][1]), key)
        self.assertEqual(sheet(book, "4.1")["B2"].value, 0)
        self.assertTrue(report.conclusion)
        self.assertEqual(report.inquiry_count, 0)

    def test_one_day(self):
        day = d("2019-05-07")
        self.inquiry(day)
        statistics = self.statistics(day, day)
        self.assertEqual(len(statistics.quarters), 1)
        label = statistics.quarters[0][1]
        self.assertIn("7", label)
        self.assertIn("2019", label)
        self.assertNotIn("–", label)
        self.assertEqual(statistics.tables[0].totals[0], 1)

    def test_year_boundary(self):
        self.inquiry(d("2018-12-31"))
        self.inquiry(d("2019-01-01"))
        statistics = self.statistics(d("2018-11-15"), d("2019-03-31"))
        labels = [label for _start, label in statistics.quarters]
        self.assertEqual(len(labels), 2)
        self.assertIn("15", labels[0])
        self.assertIn("2018", labels[0])
        self.assertEqual(
            labels[1],
            format_date(dt.date(2019, 1, 1), "QQQ yy", locale=statistics.locale),
        )
        rows = statistics.tables[0].rows
        self.assertEqual([values[0] for _l, values in rows][:2], [1, 1])
        self.assertEqual(
            period_quarters(d("2018-11-15"), d("2019-03-31")),
            [
                (dt.date(2018, 10, 1), dt.date(2018, 12, 31)),
                (dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
            ],
        )

    def test_from_after_to(self):
        with self.assertRaises(ValidationError):
            self.create_report(d("2021-01-01"), d("2020-01-01"))
        report = self.create_report(d("2020-01-01"), d("2020-12-31"))
        with self.assertRaises(ValidationError):
            report.date_from = d("2021-06-01")
            report.flush_recordset()

    def test_complaint_subcategory(self):
        day = d("2019-05-09")
        self.inquiry(
            day,
            category_id=self.env.ref("borgerraadgiver.category_4").id,
            subcategory_id=self.env.ref("borgerraadgiver.category_4_2").id,
        )
        table = self.statistics(day, day).tables[3]
        self.assertEqual(table.totals[0], 1)
