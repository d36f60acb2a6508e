"""Complaint points (issue 18, item 2): an inquiry holds one or more points,
each with category, centre, outcome and criticism; the tables 3.1-3.4 count
inquiries as before, the tables of §3.6 count points, with the outcomes by
centre and the share of justified complaints."""

import io
import re
from unittest.mock import patch

import docx
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .report_common import (
    ReportCase,
    d,
    pdf_pages,
    pdf_text,
    read_table,
    render_workbook,
    sheet,
)

POINT = "borgerraadgiver.inquiry.point"
POINT_ANALYSIS = "borgerraadgiver.inquiry.point.analysis"
# a year without demo data
YEAR = (d("2019-01-01"), d("2019-12-31"))
# the test centre's row of table 3.6.3 in the PDF and the Word document
CENTRE_ROW = r"Point Centre \(PC\) 3 1 1 0 1 0 100 ?%"


class PointCase(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Centre = cls.env["borgerraadgiver.centre"]
        # first in the columns, before the demo's centres
        cls.centre = Centre.create(
            {"name": "Point Centre", "code": "PC", "sequence": 1}
        )
        cls.other = Centre.create({"name": "Point Other", "code": "PO", "sequence": 2})
        ref = cls.env.ref
        cls.category_1 = ref("borgerraadgiver.category_1")
        cls.category_4 = ref("borgerraadgiver.category_4")
        cls.category_4_1 = ref("borgerraadgiver.category_4_1")
        cls.category_4_3 = ref("borgerraadgiver.category_4_3")
        cls.category_5 = ref("borgerraadgiver.category_5")
        cls.criticism = ref("borgerraadgiver.criticism_criticism")
        cls.sharp = ref("borgerraadgiver.criticism_sharp")
        cls.no_criticism = ref("borgerraadgiver.criticism_none")
        cls.Point = cls.env[POINT].with_user(cls.advisor)

    @classmethod
    def make_inquiry(cls, received, **values):
        vals = {
            "subject": "Point test",
            "received_date": received,
            "centre_id": cls.centre.id,
            "category_id": cls.category_1.id,
        }
        vals.update(values)
        return cls.Inquiry.create(vals)

    @classmethod
    def complaint(cls, received, centre=None, **values):
        """A complaint about the case-handling time (4.1) at `centre`."""
        return cls.make_inquiry(
            received,
            centre_id=(centre or cls.centre).id,
            category_id=cls.category_4.id,
            subcategory_id=cls.category_4_1.id,
            **values,
        )

    @classmethod
    def points(cls, inquiry, *rows):
        """rows: (subcategory or category, centre, outcome, criticism)"""
        values = []
        for category, centre, outcome, criticism in rows:
            main = category.parent_id or category
            values.append(
                {
                    "inquiry_id": inquiry.id,
                    "category_id": main.id,
                    "subcategory_id": category.parent_id and category.id,
                    "centre_id": centre and centre.id,
                    "outcome": outcome,
                    "criticism_id": criticism and criticism.id,
                }
            )
        return cls.Point.create(values)

    def statistics(self, date_from, date_to, user=None):
        """The statistics as `user` (management) reads them, in English."""
        return (
            self.env["borgerraadgiver.statistics"]
            .with_user(user or self.statistician)
            .with_context(lang="en_US")
            ._for_period(date_from, date_to)
        )


def rows_by_label(table):
    return dict(table.rows)


@tagged("post_install", "-at_install")
class TestPointCounting(PointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An inquiry with three points: counted once in 3.1-3.4, three times
        # in the point tables
        cls.three = cls.complaint(d("2019-03-05"))
        cls.points(
            cls.three,
            (cls.category_4_1, cls.centre, "upheld", cls.sharp),
            (cls.category_4_3, cls.centre, "partly_upheld", cls.criticism),
            (cls.category_4_1, cls.other, "not_upheld", cls.no_criticism),
        )
        # An inquiry without points: one point of its own, no outcome
        cls.plain = cls.make_inquiry(
            d("2019-05-07"), centre_id=cls.other.id, category_id=cls.category_1.id
        )
        # A point without a centre: under its inquiry's centre; not handled
        cls.decision = cls.complaint(d("2019-11-12"))
        cls.points(cls.decision, (cls.category_5, None, "not_handled", None))
        # Not counted: a misdirected inquiry's and a cancelled one's points
        misdirected = cls.complaint(d("2019-06-03"), resolution="misdirected")
        cls.points(misdirected, (cls.category_4_1, cls.centre, "upheld", None))
        cancelled = cls.complaint(d("2019-06-04"))
        cls.points(cancelled, (cls.category_4_1, cls.centre, "upheld", None))
        cancelled.action_cancel()
        # Another year: not counted
        other_year = cls.complaint(d("2018-12-31"))
        cls.points(other_year, (cls.category_4_1, cls.centre, "upheld", None))
        cls.env.flush_all()

    def test_inquiry_with_three_points_counts_once_in_3_1(self):
        statistics = self.statistics(*YEAR)
        tables = {table.key: table for table in statistics.tables}
        # misdirected: counted in 3.1 without handling; the cancelled one not
        self.assertEqual(tables["3.1"].totals, [4, 1, 3])
        self.assertEqual(tables["3.3"].totals[0], 3)
        self.assertEqual(tables["3.4"].totals[0], 2)
        columns = tables["3.3"].columns
        complaints = rows_by_label(tables["3.3"])[
            f"{self.category_4.code} {self.category_4.name}"
        ]
        self.assertEqual(complaints[columns.index("PC")], 2)
        self.assertEqual(complaints[columns.index("PO")], 0)

    def test_points_by_category_and_centre(self):
        statistics = self.statistics(*YEAR)
        by_category, by_subcategory, by_criticism = statistics.point_tables
        self.assertEqual(
            [t.key for t in statistics.point_tables], ["3.6.1", "3.6.2", "3.6.4"]
        )
        columns = by_category.columns
        self.assertEqual(columns[:3], ["Total", "PC", "PO"])

        def cells(table, label):
            values = rows_by_label(table)[label]
            return values[0], values[columns.index("PC")], values[columns.index("PO")]

        # 3 points of the complaint + the decision's own (no centre: PC's)
        # + one for the inquiry without points
        self.assertEqual(by_category.totals[:3], [5, 3, 2])
        label = f"{self.category_4.code} {self.category_4.name}"
        self.assertEqual(cells(by_category, label), (3, 2, 1))
        label = f"{self.category_5.code} {self.category_5.name}"
        self.assertEqual(cells(by_category, label), (1, 1, 0))
        label = f"{self.category_1.code} {self.category_1.name}"
        self.assertEqual(cells(by_category, label), (1, 0, 1))
        # the subcategories of 4
        label = f"{self.category_4_1.code} {self.category_4_1.name}"
        self.assertEqual(cells(by_subcategory, label), (2, 1, 1))
        label = f"{self.category_4_3.code} {self.category_4_3.name}"
        self.assertEqual(cells(by_subcategory, label), (1, 1, 0))
        self.assertEqual(by_subcategory.totals[0], 3)
        # by criticism, the points without a grade last
        self.assertEqual(cells(by_criticism, self.sharp.name), (1, 1, 0))
        self.assertEqual(cells(by_criticism, self.criticism.name), (1, 1, 0))
        self.assertEqual(cells(by_criticism, self.no_criticism.name), (1, 0, 1))
        self.assertEqual(by_criticism.rows[-1][0], "Without a grade")
        self.assertEqual(by_criticism.rows[-1][1][0], 2)
        self.assertEqual(by_criticism.totals[0], 5)

    def test_outcomes_and_justified_share_per_centre(self):
        outcomes = self.statistics(*YEAR).point_outcomes
        rows = rows_by_label(outcomes)
        centre = rows["Point Centre (PC)"]
        self.assertEqual(
            [centre[key] for key in outcomes.KEYS],
            # points, upheld, partly, not upheld, not handled, no outcome
            [3, 1, 1, 0, 1, 0],
        )
        # upheld + partly upheld of the points decided; not handled not in it
        self.assertEqual(centre["share"], 1.0)
        other = rows["Point Other (PO)"]
        self.assertEqual([other[key] for key in outcomes.KEYS], [2, 0, 0, 1, 0, 1])
        self.assertEqual(other["share"], 0.0)
        # a centre with no point decided has no share
        self.assertIsNone(rows[next(iter(r for r in rows if "(B&L)" in r))]["share"])
        total = outcomes.total
        self.assertEqual([total[key] for key in outcomes.KEYS], [5, 1, 1, 1, 1, 1])
        self.assertAlmostEqual(total["share"], 2 / 3)
        self.assertEqual(outcomes.texts(total)[-1], "67%")

    def test_analysis_pivot_counts_the_same(self):
        Analysis = self.env[POINT_ANALYSIS].with_user(self.statistician)
        domain = [("received_date", ">=", YEAR[0]), ("received_date", "<=", YEAR[1])]
        self.assertEqual(Analysis.search_count(domain), 5)
        groups = Analysis.read_group(domain, ["justified:avg"], ["centre_id"])
        shares = {g["centre_id"][0]: g["justified"] for g in groups}
        self.assertEqual(shares[self.centre.id], 1.0)
        self.assertEqual(shares[self.other.id], 0.0)
        # no inquiry and nothing personal in the rows
        for name in ("inquiry_id", "subject", "citizen_id", "description"):
            self.assertNotIn(name, Analysis._fields)

    def test_report_button_opens_the_points(self):
        report = self.create_report(*YEAR)
        action = report.action_open_points()
        self.assertEqual(action["res_model"], POINT_ANALYSIS)
        Analysis = self.env[POINT_ANALYSIS].with_user(self.statistician)
        self.assertEqual(Analysis.search_count(action["domain"]), 5)
        self.assertEqual(action["context"]["pivot_row_groupby"], ["centre_id"])

    def test_workbook_has_the_point_sheets(self):
        report = self.create_report(*YEAR)
        book = render_workbook(report)
        header, body = read_table(sheet(book, "3.6.1"))
        self.assertEqual(header[1:4], [header[1], "PC", "PO"])
        self.assertEqual(body[-1][1][:3], [5, 3, 2])
        header, body = read_table(sheet(book, "3.6.3"))
        self.assertEqual(len(header), 8)
        rows = dict(body)
        self.assertEqual(rows["Point Centre (PC)"], [3, 1, 1, 0, 1, 0, 1])
        self.assertEqual(rows["Point Other (PO)"], [2, 0, 0, 1, 0, 1, 0])
        self.assertAlmostEqual(body[-1][1][-1], 2 / 3)
        self.assertEqual(sheet(book, "3.6.3").cell(2, 8).number_format, "0%")
        _header, body = read_table(sheet(book, "3.6.4"))
        self.assertEqual(body[-1][1][0], 5)
        # the order: the point sheets after 3.5, the comparison before the
        # answer times
        titles = [s.title for s in book.worksheets]
        keys = [title.split()[0] for title in titles]
        # (then the investigations 3.7, the recommendations 3.8, the
        # returning citizens 3.9 and the counted-only contacts 3.10)
        self.assertEqual(
            keys[keys.index("3.5") : keys.index("3.7")],
            ["3.5", "3.6.1", "3.6.2", "3.6.3", "3.6.4"],
        )
        self.assertEqual(keys[-3], "4.1")
        self.assertIn(
            titles[-2], ("Compared with last year", "Sammenligning med sidste år")
        )

    def test_pdf_and_document_have_the_point_tables(self):
        report = self.create_report(*YEAR)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        html = html.decode()
        statistics = report._get_report_statistics()
        outcomes = statistics.point_outcomes
        for title in [
            statistics.points_title,
            *(f"{t.key} {t.title}" for t in statistics.point_tables),
            f"{outcomes.key} {outcomes.title}",
            statistics.comparison.title,
        ]:
            self.assertIn(title, html)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("borgerraadgiver.annual_report_pdf", report.ids)
        )
        text = pdf_text(content)
        self.assertIn(f"{outcomes.key} {outcomes.title}", text)
        self.assertIn(statistics.comparison.title, text)
        # the row of the centre: its counts and its share
        lines = [
            " ".join(line.split())
            for page in pdf_pages(content)
            for line in page.splitlines()
        ]
        # (Danish writes "100 %")
        self.assertTrue(
            [line for line in lines if re.fullmatch(CENTRE_ROW, line)], lines
        )

        # the Word export: the same headings and cells
        document = docx.Document(
            io.BytesIO(
                self.env["report.borgerraadgiver.annual_report_docx"]
                .with_user(self.statistician)
                ._render(report.with_user(self.statistician))
            )
        )
        headings = [
            p.text for p in document.paragraphs if p.style.name.startswith("Heading")
        ]
        self.assertIn(statistics.points_title, headings)
        self.assertIn(f"{outcomes.key} {outcomes.title}", headings)
        self.assertIn(statistics.comparison.title, headings)
        rows = [
            " ".join(" ".join(cell.text for cell in row.cells).split())
            for table in document.tables
            for row in table.rows
        ]
        self.assertTrue([row for row in rows if re.fullmatch(CENTRE_ROW, row)], rows)


@tagged("post_install", "-at_install")
class TestOnePointCountsAsBefore(PointCase):
    """An inquiry with one point counts as one: the point tables of a period
    without registered points are table 3.3 again."""

    def test_demo_period(self):
        from .spec_tables import PERIOD, TABLE_3_3

        statistics = self.statistics(*PERIOD)
        table_3_3 = {table.key: table for table in statistics.tables}["3.3"]
        self.assertEqual(table_3_3.totals[0], 30)
        # the demo's complaints have points: the tables 3.1-3.4 are the spec's
        for code, row in TABLE_3_3.items():
            label = next(
                label for label, _v in table_3_3.rows if label.split()[0] == code
            )
            self.assertEqual(rows_by_label(table_3_3)[label][-6:], row, code)
        # 14 inquiries with 20 points, 16 without: 36 points
        by_category = statistics.point_tables[0]
        self.assertEqual(by_category.totals[0], 36)
        self.assertAlmostEqual(statistics.point_outcomes.total["share"], 12 / 18)

    def test_single_point_counts_as_its_inquiry(self):
        inquiry = self.complaint(d("2019-02-05"))
        before = self.statistics(*YEAR)
        # counted now, before the point is registered
        self.assertTrue(before.tables and before.point_tables)
        self.points(inquiry, (self.category_4_1, self.centre, "upheld", None))
        self.env.flush_all()
        after = self.statistics(*YEAR)
        for old, new in zip(before.tables, after.tables, strict=True):
            self.assertEqual(old.rows, new.rows, old.key)
        for old, new in zip(before.point_tables, after.point_tables, strict=True):
            self.assertEqual(old.rows, new.rows, old.key)
        self.assertEqual(after.point_outcomes.total["upheld"], 1)
        self.assertEqual(after.point_outcomes.total["points"], 1)


@tagged("post_install", "-at_install")
class TestPointAccess(PointCase):
    """Points are the advisor's: centre staff, management and the rest of
    the ERP never read them; management gets their counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_test_points_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.centre.user_ids = cls.staff
        cls.employee = new_test_user(
            cls.env, login="br_test_points_employee", groups="base.group_user"
        )
        cls.complaint_inquiry = cls.complaint(d("2019-04-02"))
        cls.point = cls.points(
            cls.complaint_inquiry, (cls.category_4_1, cls.centre, "upheld", None)
        )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_others_cannot_read_or_write_points(self):
        for user in (self.staff, self.statistician, self.employee):
            Point = self.env[POINT].with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Point.search_read([], ["outcome"])
                with self.assertRaises(AccessError):
                    Point.browse(self.point.id).read(["outcome"])
                with self.assertRaises(AccessError):
                    Point.read_group([], ["outcome"], ["outcome"])
                with self.assertRaises(AccessError):
                    Point.create(
                        {
                            "inquiry_id": self.complaint_inquiry.id,
                            "category_id": self.category_1.id,
                        }
                    )
                with self.assertRaises(AccessError):
                    Point.browse(self.point.id).write({"outcome": "not_upheld"})
                with self.assertRaises(AccessError):
                    Point.browse(self.point.id).unlink()
        self.assertEqual(self.point.outcome, "upheld")

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_management_gets_counts_only(self):
        # the counts, through the statistics and the analysis view
        statistics = self.statistics(*YEAR, user=self.statistician)
        self.assertEqual(statistics.point_outcomes.total["upheld"], 1)
        Analysis = self.env[POINT_ANALYSIS].with_user(self.statistician)
        self.assertEqual(
            Analysis.search_count([("received_date", "=", d("2019-04-02"))]), 1
        )
        # no way from a counted row to the inquiry
        fields = Analysis.fields_get()
        self.assertFalse(
            [
                name
                for name, field in fields.items()
                if field.get("relation") == "borgerraadgiver.inquiry"
            ]
        )
        # nor through the inquiry
        with self.assertRaises(AccessError):
            self.env["borgerraadgiver.inquiry"].with_user(self.statistician).browse(
                self.complaint_inquiry.id
            ).read(["point_ids"])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_staff_and_others_get_no_counts(self):
        for user in (self.staff, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env[POINT_ANALYSIS].with_user(user).search_read([])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_criticism_scale_is_configured_by_the_administrator(self):
        admin = new_test_user(
            self.env,
            login="br_test_points_admin",
            groups="borgerraadgiver.group_admin",
        )
        Criticism = self.env["borgerraadgiver.criticism"]
        grade = Criticism.with_user(admin).create({"name": "Very sharp criticism"})
        self.assertGreaterEqual(Criticism.with_user(self.advisor).search_count([]), 5)
        with self.assertRaises(AccessError):
            Criticism.with_user(self.advisor).create({"name": "Mild"})
        with self.assertRaises(AccessError):
            grade.with_user(self.advisor).write({"name": "Mild"})
        with self.assertRaises(AccessError):
            Criticism.with_user(self.staff).search_read([])


@tagged("post_install", "-at_install")
class TestPointInput(PointCase):
    """Bad input gives a translated error naming the field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("da_DK")
        cls.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )
        cls.open = cls.complaint(d("2019-04-02"))

    def assertRefusedPoint(self, values, english, danish):
        for lang, text in (("en_US", english), ("da_DK", danish)):
            with self.subTest(lang=lang), self.assertRaises(ValidationError) as error:
                self.Point.with_context(lang=lang).create(
                    {"inquiry_id": self.open.id, **values}
                )
            self.assertIn(text, error.exception.args[0])
            self.assertIn(self.open.name, error.exception.args[0])
        self.assertFalse(self.open.point_ids)

    def test_point_without_category(self):
        self.assertRefusedPoint(
            {"centre_id": self.centre.id}, "Category is required", "Kategori skal"
        )

    def test_subcategory_not_under_its_category(self):
        self.assertRefusedPoint(
            {
                "category_id": self.category_5.id,
                "subcategory_id": self.category_4_1.id,
            },
            "Subcategory 4.1",
            "Underkategori 4.1",
        )

    def test_category_with_subcategories_needs_one(self):
        self.assertRefusedPoint(
            {"category_id": self.category_4.id},
            "Subcategory is required",
            "Underkategori skal",
        )

    def test_subcategory_as_category(self):
        self.assertRefusedPoint(
            {"category_id": self.category_4_1.id},
            "is a subcategory",
            "er en underkategori",
        )

    def test_changing_a_point_is_checked_too(self):
        point = self.points(self.open, (self.category_4_1, self.centre, None, None))
        with self.assertRaises(ValidationError):
            point.write({"subcategory_id": False})
        with self.assertRaises(ValidationError):
            point.write({"category_id": self.category_1.id})
        self.assertEqual(point.subcategory_id, self.category_4_1)

    def test_closed_inquiry_points_locked_until_reopened(self):
        inquiry = self.complaint(d("2019-04-03")).with_user(self.advisor)
        point = self.points(inquiry, (self.category_4_1, self.centre, None, None))
        inquiry.write({"resolution": "explained"})
        inquiry.action_close()
        with self.assertRaises(UserError):
            point.write({"outcome": "upheld"})
        with self.assertRaises(UserError):
            self.points(inquiry, (self.category_4_3, self.centre, None, None))
        with self.assertRaises(UserError):
            point.unlink()
        inquiry.action_reopen()
        point.write({"outcome": "upheld"})
        self.assertEqual(point.outcome, "upheld")

    def test_form_starts_a_point_as_the_inquiry(self):
        """The inquiry's form: a new point starts with the inquiry's own
        category, subcategory and centre; the advisor adds a second."""
        inquiry = self.complaint(d("2019-04-04")).with_user(self.advisor)
        with Form(inquiry) as form:
            with form.point_ids.new() as line:
                self.assertEqual(line.category_id, self.category_4)
                self.assertEqual(line.subcategory_id, self.category_4_1)
                self.assertEqual(line.centre_id, self.centre)
                line.outcome = "partly_upheld"
            with form.point_ids.new() as line:
                line.subcategory_id = self.category_4_3
                line.centre_id = self.other
        self.assertEqual(len(inquiry.point_ids), 2)
        self.assertEqual(inquiry.point_ids[0].outcome, "partly_upheld")
        self.assertEqual(inquiry.point_ids[1].subcategory_id, self.category_4_3)


@tagged("post_install", "-at_install")
class TestComparison(PointCase):
    """The yearly report beside last year's figures (issue 18, item 6)."""

    THIS = (d("2024-01-01"), d("2024-12-31"))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"]._borgerraadgiver_calendar()
        calendar._borgerraadgiver_sync_holidays([2023, 2024])
        # 2023, last year: two forwarded and answered, one in time (10
        # working days, the deadline), one late (15); one explained
        cls.answered("2023-09-04", "2023-09-18")
        cls.answered("2023-10-02", "2023-10-23")
        explained = cls.make_inquiry(d("2023-05-02"))
        explained.resolution = "explained"
        # 2024, this year: two forwarded and answered in time (4 and 10
        # working days); a complaint with three points (2 of 3 justified);
        # a misdirected inquiry at the other centre
        cls.answered("2024-03-04", "2024-03-08")
        cls.answered("2024-09-02", "2024-09-16")
        three = cls.complaint(d("2024-05-06"))
        cls.points(
            three,
            (cls.category_4_1, cls.centre, "upheld", None),
            (cls.category_4_3, cls.centre, "partly_upheld", None),
            (cls.category_4_1, cls.other, "not_upheld", None),
        )
        cls.make_inquiry(
            d("2024-06-03"), centre_id=cls.other.id, resolution="misdirected"
        )
        # last year: one point upheld, one not upheld
        last = cls.complaint(d("2023-06-05"))
        cls.points(
            last,
            (cls.category_4_1, cls.centre, "upheld", None),
            (cls.category_4_1, cls.centre, "not_upheld", None),
        )
        cls.env.flush_all()

    @classmethod
    def answered(cls, forwarded, answer):
        """An inquiry of the test centre (category 1) forwarded on the day
        received and answered on `answer`."""
        with freeze_time(forwarded):
            inquiry = cls.make_inquiry(
                d(forwarded), consent_forwarding=True, consent_contact_details=True
            ).with_user(cls.advisor)
            inquiry.action_open()
            inquiry.action_forward()
        inquiry.centre_answer_date = d(answer)
        return inquiry

    def comparison(self, period=None, user=None):
        statistics = self.statistics(*(period or self.THIS), user=user)
        return statistics, {row.label: row for row in statistics.comparison.rows}

    def assertRow(self, row, this, last, change):
        for name, expected in (("this", this), ("last", last), ("change", change)):
            value = getattr(row, name)
            if expected is None:
                self.assertIsNone(value, f"{row.label} {name}")
            else:
                self.assertAlmostEqual(value, expected, msg=f"{row.label} {name}")

    def test_counts_and_shares(self):
        statistics, rows = self.comparison()
        self.assertEqual(
            (statistics.previous.date_from, statistics.previous.date_to),
            (d("2023-01-01"), d("2023-12-31")),
        )
        # 2024: 2 answered + the complaint + the misdirected one
        self.assertRow(rows["Inquiries in total"], 4, 4, 0)
        self.assertRow(
            rows["Inquiries without handling by the citizens' advisor"], 1, 0, 1
        )
        self.assertRow(rows["Inquiries handled by the citizens' advisor"], 3, 4, -1)
        self.assertRow(rows["Complaints about case handling"], 1, 1, 0)
        self.assertRow(
            rows[
                "Share of the handled inquiries that are complaints about case handling"
            ],
            1 / 3,
            1 / 4,
            1 / 3 - 1 / 4,
        )
        # by centre: the handled inquiries
        self.assertRow(
            rows["Handled by the citizens' advisor: Point Centre (PC)"], 3, 4, -1
        )
        self.assertRow(
            rows["Handled by the citizens' advisor: Point Other (PO)"], 0, 0, 0
        )
        # by resolution (the path)
        self.assertRow(rows["Resolution: Forwarded to Centre"], 2, 2, 0)
        self.assertRow(rows["Resolution: Explained"], 0, 1, -1)
        self.assertRow(rows["Resolution: Misdirected"], 1, 0, 1)
        self.assertRow(rows["Not resolved yet"], 1, 1, 0)

    def test_answer_times(self):
        _statistics, rows = self.comparison()
        self.assertRow(rows["Forwarded to a centre"], 2, 2, 0)
        # working days 4 and 10 against 10 and 15; calendar days 4 and 14
        # against 14 and 21
        self.assertRow(
            rows["Median answer time of the centres (working days)"], 7, 12.5, -5.5
        )
        self.assertRow(
            rows["Median answer time of the centres (calendar days)"], 9, 17.5, -8.5
        )
        self.assertRow(rows["Share answered within the deadline"], 1, 0.5, 0.5)

    def test_points_and_justified_share(self):
        statistics, rows = self.comparison()
        # this year: 3 points + one for each of the 2 answered inquiries;
        # last year: 2 points + the 2 answered + the explained one
        self.assertRow(rows["Complaint points"], 5, 5, 0)
        self.assertRow(rows["Complaint points decided"], 3, 2, 1)
        self.assertRow(rows["Share of justified complaints"], 2 / 3, 1 / 2, 1 / 6)
        texts = statistics.comparison.texts(rows["Share of justified complaints"])
        self.assertEqual(texts, ["67%", "50%", "+16.7 pp"])
        texts = statistics.comparison.texts(
            rows["Inquiries handled by the citizens' advisor"]
        )
        self.assertEqual(texts, ["3", "4", "-1"])

    def test_a_year_without_data_before(self):
        """Nothing last year: counts of 0, no share and no median."""
        _statistics, rows = self.comparison((d("2023-01-01"), d("2023-12-31")))
        self.assertRow(rows["Inquiries in total"], 4, 0, 4)
        self.assertRow(rows["Share of justified complaints"], 1 / 2, None, None)
        self.assertRow(
            rows["Median answer time of the centres (working days)"], 12.5, None, None
        )

    def test_previous_period(self):
        Statistics = self.env["borgerraadgiver.statistics"]
        for (start, end), expected in [
            # a year: last year
            (("2024-01-01", "2024-12-31"), ("2023-01-01", "2023-12-31")),
            # half a year: the same half of last year
            (("2024-01-01", "2024-06-30"), ("2023-01-01", "2023-06-30")),
            # a leap day
            (("2024-02-29", "2024-12-31"), ("2023-02-28", "2023-12-31")),
            # longer than a year (the spec's report): the same length before
            (("2020-01-01", "2021-03-15"), ("2018-10-17", "2019-12-31")),
        ]:
            previous = Statistics._for_period(d(start), d(end)).previous
            self.assertEqual(
                (previous.date_from, previous.date_to),
                (d(expected[0]), d(expected[1])),
                start,
            )

    def test_management_reads_the_comparison(self):
        """Counts only, through the workbook: the comparison's sheet."""
        book = render_workbook(self.create_report(*self.THIS))
        comparison = book.worksheets[-2]
        header, body = read_table(comparison)
        self.assertEqual(len(header), 4)
        # the rows in the order of the comparison's (whose labels may be
        # Danish in the workbook)
        _statistics, rows = self.comparison()
        order = list(rows)
        self.assertEqual(len(body), len(order))
        values = dict(zip(order, (v for _label, v in body), strict=True))
        self.assertEqual(values["Inquiries in total"], [4, 4, 0])
        share = values["Share of justified complaints"]
        self.assertAlmostEqual(share[0], 2 / 3)
        self.assertAlmostEqual(share[1], 0.5)
        self.assertAlmostEqual(share[2], 1 / 6)
        # a share as a percentage, its change in percentage points
        row = order.index("Share of justified complaints") + 2
        self.assertEqual(comparison.cell(row, 2).number_format, "0%")
        self.assertEqual(comparison.cell(row, 4).number_format, "+0%;-0%;0%")

    def test_default_report_compares_with_last_year(self):
        """A new report's period is the municipality's year: at 00:30 on
        New Year's Day in Copenhagen (23:30 UTC) it is the new year, compared
        with the one that just ended; an hour earlier still the old one."""
        for now, year in [
            ("2024-12-31 23:30:00", 2025),
            ("2025-01-01 00:30:00", 2025),
            ("2024-12-31 22:30:00", 2024),
        ]:
            with self.subTest(now=now), freeze_time(now):
                report = self.Report.with_user(self.statistician).create({})
                statistics = report._get_statistics()
                self.assertEqual(statistics.date_from, d(f"{year}-01-01"))
                self.assertEqual(
                    (statistics.previous.date_from, statistics.previous.date_to),
                    (d(f"{year - 1}-01-01"), d(f"{year - 1}-12-31")),
                )

    def test_adding_a_row(self):
        """Another part adds its rows by extending _comparison_parts."""
        Statistics = type(self.env["borgerraadgiver.statistics"])
        original = Statistics._comparison_parts

        def parts(model):
            def followed(comparison, period, previous):
                comparison.add_row("Recommendations followed", 3, 1)

            return [*original(model), followed]

        with patch.object(Statistics, "_comparison_parts", parts):
            _statistics, rows = self.comparison()
        self.assertRow(rows["Recommendations followed"], 3, 1, 2)
