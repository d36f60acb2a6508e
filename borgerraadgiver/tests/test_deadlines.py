from datetime import date

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import BorgerraadgiverCase

# The Danish days off of 2025 that the calendar must know, worked out from a
# printed calendar: Easter (Maundy Thursday 17 April, Good Friday 18 April,
# Easter Monday 21 April), 1 May, Ascension (Thursday 29 May), Constitution
# Day (Thursday 5 June), Whit Monday (9 June), Christmas Eve to Boxing Day
# (Wednesday 24 to Friday 26 December), New Year's Eve (Wednesday 31
# December) and New Year's Day 2026 (Thursday).
DAYS_OFF_2025 = [
    date(2025, 1, 1),
    date(2025, 4, 17),
    date(2025, 4, 18),
    date(2025, 4, 21),
    date(2025, 5, 1),
    date(2025, 5, 29),
    date(2025, 6, 5),
    date(2025, 6, 9),
    date(2025, 12, 24),
    date(2025, 12, 25),
    date(2025, 12, 26),
    date(2025, 12, 31),
]


@tagged("post_install", "-at_install")
class TestDeadlines(BorgerraadgiverCase):
    """The centre's deadline counts Danish working days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"]._borgerraadgiver_calendar()
        cls.calendar._borgerraadgiver_sync_holidays([2025, 2026])
        cls.ICP.set_param("borgerraadgiver.centre_deadline_days", "10")

    def forward_on(self, day, **values):
        with freeze_time(day):
            inquiry = self.open_inquiry(received_date=day, **values)
            inquiry.action_forward()
        self.assertEqual(inquiry.forwarded_date, day)
        return inquiry

    def test_holidays_generated(self):
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("resource_id", "=", False),
                ("borgerraadgiver_holiday_date", ">=", date(2025, 1, 1)),
                ("borgerraadgiver_holiday_date", "<=", date(2025, 12, 31)),
            ]
        )
        days = set(leaves.mapped("borgerraadgiver_holiday_date"))
        self.assertLessEqual(set(DAYS_OFF_2025), days)
        # Store Bededag was abolished from 2024
        self.assertNotIn(date(2025, 5, 16), days)
        pentecost = leaves.filtered(
            lambda leave: leave.borgerraadgiver_holiday_date == date(2025, 6, 9)
        )
        self.assertEqual(pentecost.name, "Anden pinsedag")
        # a second run changes nothing
        self.calendar._borgerraadgiver_sync_holidays([2025])
        self.assertEqual(len(leaves.exists()), len(leaves))
        self.assertEqual(
            self.env["resource.calendar.leaves"].search_count(
                [
                    ("calendar_id", "=", self.calendar.id),
                    ("borgerraadgiver_holiday_date", ">=", date(2025, 1, 1)),
                    ("borgerraadgiver_holiday_date", "<=", date(2025, 12, 31)),
                ]
            ),
            len(leaves),
        )

    def test_working_dates(self):
        dates = self.calendar._borgerraadgiver_working_dates(
            date(2025, 12, 22), date(2026, 1, 4)
        )
        self.assertEqual(
            dates,
            [date(2025, 12, 22), date(2025, 12, 23), date(2025, 12, 29)]
            + [date(2025, 12, 30), date(2026, 1, 2)],
        )

    def test_easter(self):
        # Monday 14 April: Tue 15, Wed 16 (2); Thu 17 to Mon 21 off; Tue 22 to
        # Wed 30 (9); Thursday 1 May off; Friday 2 May is the tenth.
        inquiry = self.forward_on(date(2025, 4, 14))
        self.assertEqual(inquiry.centre_deadline, date(2025, 5, 2))

    def test_ascension_and_constitution_day(self):
        # Monday 26 May: Tue 27, Wed 28 (2); Ascension Thu 29; Fri 30 (3);
        # Mon 2 to Wed 4 June (6); Constitution Day Thu 5; Fri 6 (7); Whit
        # Monday 9; Tue 10, Wed 11, Thu 12 June (10).
        inquiry = self.forward_on(date(2025, 5, 26))
        self.assertEqual(inquiry.centre_deadline, date(2025, 6, 12))

    def test_christmas(self):
        # Friday 19 December: Mon 22, Tue 23 (2); 24-26 off; Mon 29, Tue 30
        # (4); 31 December and 1 January off; Fri 2 (5); Mon 5 to Fri 9
        # January 2026 (10).
        inquiry = self.forward_on(date(2025, 12, 19))
        self.assertEqual(inquiry.centre_deadline, date(2026, 1, 9))

    def test_weekend_and_centre_override(self):
        # The centre's own three working days: Wednesday 5 March, Thu 6, Fri
        # 7, the weekend, Monday 10 March.
        self.centre.deadline_days = 3
        inquiry = self.forward_on(date(2025, 3, 5))
        self.assertEqual(inquiry.centre_deadline, date(2025, 3, 10))
        # other centres keep the ten days of the settings: Wednesday 5 March
        # plus ten working days is Wednesday 19 March
        other = self.env["borgerraadgiver.centre"].create(
            {"name": "Other Centre", "code": "TST-O"}
        )
        inquiry = self.forward_on(date(2025, 3, 5), centre_id=other.id)
        self.assertEqual(inquiry.centre_deadline, date(2025, 3, 19))

    def test_setting(self):
        self.ICP.set_param("borgerraadgiver.centre_deadline_days", "5")
        # Friday 6 June 2025: Whit Monday off, Tue 10 to Fri 13, Mon 16 June
        inquiry = self.forward_on(date(2025, 6, 6))
        self.assertEqual(inquiry.centre_deadline, date(2025, 6, 16))

    def test_deadline_by_hand_moves_the_activity(self):
        inquiry = self.forward_on(date(2025, 4, 14))
        activity = inquiry.activity_ids.filtered(
            lambda a: a.activity_type_id == self.answer_type
        )
        self.assertEqual(activity.date_deadline, date(2025, 5, 2))
        self.assertEqual(activity.user_id, self.advisor)
        with Form(inquiry) as form:
            form.centre_deadline = date(2025, 5, 9)
        self.assertEqual(inquiry.centre_deadline, date(2025, 5, 9))
        self.assertEqual(activity.date_deadline, date(2025, 5, 9))

    @property
    def answer_type(self):
        return self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")


@tagged("post_install", "-at_install")
class TestFollowUp(BorgerraadgiverCase):
    """Forwarding schedules "Answer from the Centre" for the advisor on the deadline;
    the answer marks it done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answer_type = cls.env.ref(
            "borgerraadgiver.mail_activity_type_centre_answer"
        )

    def answer_activities(self, inquiry):
        return inquiry.activity_ids.filtered(
            lambda a: a.activity_type_id == self.answer_type
        )

    def test_forward_schedules_and_answer_completes(self):
        inquiry = self.forwarded_inquiry()
        activity = self.answer_activities(inquiry)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.advisor)
        self.assertEqual(activity.date_deadline, inquiry.centre_deadline)
        inquiry.centre_answer_date = self.today
        self.assertFalse(activity.exists())
        done = inquiry.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.answer_type
        )
        self.assertTrue(done, "the done activity is in the chatter")
        inquiry.action_close()
        self.assertFalse(self.answer_activities(inquiry))

    def test_cancel_removes_activity(self):
        inquiry = self.forwarded_inquiry()
        self.assertTrue(self.answer_activities(inquiry))
        inquiry.action_cancel()
        self.assertFalse(self.answer_activities(inquiry))

    def test_overdue(self):
        inquiry = self.forwarded_inquiry()
        self.assertFalse(inquiry.overdue)
        with freeze_time(inquiry.centre_deadline):
            inquiry.invalidate_recordset(["overdue"])
            self.assertFalse(inquiry.overdue)
        day_after = inquiry.centre_deadline.toordinal() + 1
        with freeze_time(date.fromordinal(day_after)):
            inquiry.invalidate_recordset(["overdue"])
            self.assertTrue(inquiry.overdue)
            self.assertIn(inquiry, self.Inquiry.search([("overdue", "=", True)]))
            inquiry.centre_answer_date = self.today
            self.assertFalse(inquiry.overdue)
            self.assertNotIn(inquiry, self.Inquiry.search([("overdue", "=", True)]))
