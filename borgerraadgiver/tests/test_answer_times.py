"""The centres' answer times (issue 10): per inquiry in calendar and in
working days, per centre the median, the 90th percentile and the share
answered within the deadline, computed by PostgreSQL, for a small set of
inquiries worked out by hand with a printed 2025 calendar."""

from freezegun import freeze_time

from odoo.tests import tagged

from .report_common import ReportCase, d, read_table, render_workbook

# (forwarded, answered or None, calendar days, working days, within the
# deadline) at the centre "Answer Test", whose deadline is 10 working days.
# The days off of 2025 met below: Easter (Thursday 17, Friday 18 and Monday
# 21 April), 1 May, Ascension (Thursday 29 May), Constitution Day (Thursday
# 5 June) and Whit Monday (9 June). The working days are counted from the
# day after the forwarding to the day of the answer, both weekdays.
ANSWERS = [
    # Mon 6 Jan -> Mon 20 Jan: 7-10 Jan (4), 13-17 Jan (5), 20 Jan (1) = 10;
    # the deadline is the 10th working day, 20 January: answered on it, in time
    ("2025-01-06", "2025-01-20", 14, 10, True),
    # Mon 3 Feb -> Fri 28 Feb: 4-7 Feb (4) + three full weeks (15) = 19;
    # deadline Mon 17 Feb: late
    ("2025-02-03", "2025-02-28", 25, 19, False),
    # Mon 3 Mar -> Fri 7 Mar: Tue to Fri = 4; deadline 17 March
    ("2025-03-03", "2025-03-07", 4, 4, True),
    # Mon 14 Apr -> Tue 22 Apr: Tue 15, Wed 16, (Easter 17, 18, weekend, 21),
    # Tue 22 = 3; deadline Fri 2 May (1 May is a day off)
    ("2025-04-14", "2025-04-22", 8, 3, True),
    # Wed 28 May -> Wed 11 Jun: (Ascension 29), 30 May, 2, 3, 4 Jun,
    # (Constitution Day 5), 6 Jun, (Whit Monday 9), 10, 11 Jun = 7;
    # deadline Mon 16 June
    ("2025-05-28", "2025-06-11", 14, 7, True),
    # forwarded, not answered: counted as forwarded only
    ("2025-03-10", None, None, None, None),
]
# Working days, sorted: 3, 4, 7, 10, 19. percentile_cont interpolates between
# the sorted values at position p * (n - 1), counted from 0:
#   median: 0.5 * 4 = 2   -> the 3rd value, 7
#   p90:    0.9 * 4 = 3.6 -> 10 + 0.6 * (19 - 10) = 15.4
# Calendar days, sorted: 4, 8, 14, 14, 25:
#   median: 14;  p90: 14 + 0.6 * (25 - 14) = 20.6
# Within the deadline: 4 of the 5 answered = 0.8
CENTRE = {
    "forwarded": 6,
    "answered": 5,
    "median_working_days": 7.0,
    "p90_working_days": 15.4,
    "median_days": 14.0,
    "p90_days": 20.6,
    "within_deadline": 0.8,
}
# A second centre: Tue 1 Jul -> Tue 8 Jul, 7 calendar days, 5 working days
OTHER = ("2025-07-01", "2025-07-08", 7, 5, True)
# All centres, six answers. Working days 3, 4, 5, 7, 10, 19: median at
# 0.5 * 5 = 2.5 -> (5 + 7) / 2 = 6; p90 at 0.9 * 5 = 4.5 -> 10 + 0.5 * 9 = 14.5.
# Calendar days 4, 7, 8, 14, 14, 25: median (8 + 14) / 2 = 11; p90 14 + 0.5 *
# 11 = 19.5. Within the deadline 5 of 6.
TOTAL = {
    "forwarded": 7,
    "answered": 6,
    "median_working_days": 6.0,
    "p90_working_days": 14.5,
    "median_days": 11.0,
    "p90_days": 19.5,
    "within_deadline": 5 / 6,
}
YEAR = (d("2025-01-01"), d("2025-12-31"))


@tagged("post_install", "-at_install")
class TestAnswerTimes(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"]._borgerraadgiver_calendar()
        calendar._borgerraadgiver_sync_holidays([2024, 2025])
        Centre = cls.env["borgerraadgiver.centre"]
        cls.centre = Centre.create(
            {"name": "Answer Test", "code": "AT", "sequence": 1, "deadline_days": 10}
        )
        cls.other = Centre.create(
            {"name": "Answer Other", "code": "AO", "sequence": 2, "deadline_days": 10}
        )
        cls.inquiries = cls.Inquiry.browse()
        for row in ANSWERS:
            cls.inquiries |= cls.answered(cls.centre, *row[:2])
        cls.inquiries |= cls.answered(cls.other, *OTHER[:2])
        # forwarded in December 2024, answered in January 2025: not in 2025
        cls.answered(cls.centre, "2024-12-20", "2025-01-06")
        cls.env.flush_all()

    @classmethod
    def answered(cls, centre, forwarded, answer):
        with freeze_time(forwarded):
            inquiry = cls.Inquiry.with_user(cls.advisor).create(
                {
                    "subject": "Answer time",
                    "received_date": d(forwarded),
                    "centre_id": centre.id,
                    "category_id": cls.env.ref("borgerraadgiver.category_1").id,
                    "consent_forwarding": True,
                    "consent_contact_details": True,
                }
            )
            inquiry.action_open()
            inquiry.action_forward()
        if answer:
            inquiry.centre_answer_date = d(answer)
        return inquiry.sudo()

    def assertFigures(self, values, expected, label):
        self.assertEqual(set(values), set(expected), label)
        for key, value in expected.items():
            self.assertAlmostEqual(values[key], value, places=6, msg=f"{label} {key}")

    def test_per_inquiry(self):
        rows = ANSWERS + [OTHER]
        for inquiry, (forwarded, answer, days, working, in_time) in zip(
            self.inquiries, rows, strict=True
        ):
            self.assertEqual(inquiry.forwarded_date, d(forwarded))
            self.assertEqual(inquiry.answer_days, days or 0, forwarded)
            self.assertEqual(inquiry.answer_working_days, working or 0, forwarded)
            if answer:
                self.assertEqual(
                    inquiry.centre_answer_date <= inquiry.centre_deadline,
                    in_time,
                    forwarded,
                )
        # the deadline of the first one is the day of its answer
        self.assertEqual(self.inquiries[0].centre_deadline, d("2025-01-20"))
        # a corrected answer date counts again
        inquiry = self.inquiries[2]
        inquiry.centre_answer_date = d("2025-03-11")
        self.assertEqual((inquiry.answer_days, inquiry.answer_working_days), (8, 6))

    def test_statistics(self):
        answer_times = (
            self.env["borgerraadgiver.statistics"]._for_period(*YEAR).answer_times
        )
        rows = dict(answer_times.rows)
        self.assertFigures(rows["Answer Test (AT)"], CENTRE, "AT")
        self.assertFigures(
            rows["Answer Other (AO)"],
            {
                "forwarded": 1,
                "answered": 1,
                "median_working_days": 5,
                "p90_working_days": 5,
                "median_days": 7,
                "p90_days": 7,
                "within_deadline": 1.0,
            },
            "AO",
        )
        self.assertFigures(answer_times.total, TOTAL, "total")
        # the centres in the report's order, the test centres first
        labels = [label for label, _v in answer_times.rows]
        self.assertEqual(labels[:2], ["Answer Test (AT)", "Answer Other (AO)"])
        # centres without answers: counts 0, no times
        empty = rows[labels[2]]
        self.assertEqual((empty["forwarded"], empty["answered"]), (0, 0))
        self.assertIsNone(empty["median_working_days"])

    def test_period_by_forwarding_day(self):
        """An inquiry counts in the period of its forwarding: the one forwarded
        20 December 2024 and answered in January 2025 counts in 2024."""
        december = self.env["borgerraadgiver.statistics"]._for_period(
            d("2024-12-01"), d("2024-12-31")
        )
        at = dict(december.answer_times.rows)["Answer Test (AT)"]
        # 20 Dec -> 6 Jan: 23, 27, 30 Dec, 2 Jan (24-26, 31 Dec, 1 Jan off) and
        # 3, 6 Jan = 6 working days, 17 calendar days
        self.assertFigures(
            at,
            {
                "forwarded": 1,
                "answered": 1,
                "median_working_days": 6,
                "p90_working_days": 6,
                "median_days": 17,
                "p90_days": 17,
                "within_deadline": 1.0,
            },
            "December",
        )
        # one quarter: only the answers of inquiries forwarded in it
        spring = self.env["borgerraadgiver.statistics"]._for_period(
            d("2025-04-01"), d("2025-06-30")
        )
        at = dict(spring.answer_times.rows)["Answer Test (AT)"]
        self.assertEqual((at["forwarded"], at["answered"]), (2, 2))
        # working days 3 and 7: median 5, p90 3 + 0.9 * 4 = 6.6
        self.assertAlmostEqual(at["median_working_days"], 5)
        self.assertAlmostEqual(at["p90_working_days"], 6.6)

    def test_one_query(self):
        """The figures are computed by PostgreSQL in one query, whatever the
        number of inquiries."""
        statistics = self.env["borgerraadgiver.statistics"]._for_period(*YEAR)
        # the rows: counted with the tables
        self.assertIsNotNone(statistics.centres)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.assertIsNotNone(statistics.answer_times)
        self.assertLessEqual(self.cr.sql_log_count - before, 3)

    def test_pivot_measures(self):
        """The analysis view averages the answered inquiries only."""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(
            self.statistician
        )
        ((count, working, days, in_time),) = Analysis._read_group(
            [
                ("forwarded_date", ">=", YEAR[0]),
                ("forwarded_date", "<=", YEAR[1]),
                ("centre_id", "=", self.centre.id),
            ],
            [],
            [
                "__count",
                "answer_working_days:avg",
                "answer_days:avg",
                "within_deadline:avg",
            ],
        )
        self.assertEqual(count, 6)
        self.assertAlmostEqual(working, (10 + 19 + 4 + 3 + 7) / 5)
        self.assertAlmostEqual(days, (14 + 25 + 4 + 8 + 14) / 5)
        self.assertAlmostEqual(in_time, 0.8)
        fields = Analysis.fields_get(
            ["answer_days", "answer_working_days", "within_deadline"], ["aggregator"]
        )
        self.assertEqual({f["aggregator"] for f in fields.values()}, {"avg"})

    def test_sheet(self):
        """The sheet "Svartider" of the workbook, in Danish."""
        self.env["res.lang"]._activate_lang("da_DK")
        self.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )
        book = render_workbook(self.create_report(*YEAR))
        self.assertEqual(book.worksheets[-1].title, "Svartider")
        svartider = book["Svartider"]
        self.assertEqual(svartider.freeze_panes, "B2")
        header, body = read_table(svartider)
        self.assertEqual(
            header,
            [
                "Center",
                "Videregivet",
                "Besvaret",
                "Median (arbejdsdage)",
                "90 %-fraktil (arbejdsdage)",
                "Median (kalenderdage)",
                "90 %-fraktil (kalenderdage)",
                "Andel inden for fristen",
            ],
        )
        rows = dict(body)
        self.assertEqual(body[-1][0], "I alt")
        keys = list(CENTRE)
        for label, expected in [("Answer Test (AT)", CENTRE), ("I alt", TOTAL)]:
            self.assertFigures(
                dict(zip(keys, rows[label], strict=True)), expected, label
            )
        self.assertEqual(svartider.cell(2, 4).number_format, "0.0")
        self.assertEqual(svartider.cell(2, 8).number_format, "0%")
        # a centre that answered nothing: 0 forwarded, empty cells
        empty = rows[body[2][0]]
        self.assertEqual(empty[:2], [0, 0])
        self.assertEqual(empty[2:], [None] * 5)
