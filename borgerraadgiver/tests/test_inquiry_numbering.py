import re

from odoo.tests import tagged

from .common import BorgerraadgiverCase

NUMBER = re.compile(r"^BR-(\d{4})-(\d{4})$")


@tagged("post_install", "-at_install")
class TestInquiryNumbering(BorgerraadgiverCase):
    """BR-<year>-<count>: one count per year of receipt."""

    def split(self, inquiry):
        match = NUMBER.match(inquiry.name)
        self.assertTrue(match, f"{inquiry.name!r} is not like BR-2026-0001")
        return int(match[1]), int(match[2])

    def next_number(self, year):
        """The number the sequence hands out next for `year`."""
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
        date_range = sequence.date_range_ids.filtered(
            lambda r: r.date_from.year == year and r.date_to.year == year
        )
        return date_range.number_next_actual if date_range else 1

    def test_numbers_per_year(self):
        next_2020 = self.next_number(2020)
        next_2021 = self.next_number(2021)
        first = self.create_inquiry(received_date="2020-02-03")
        second = self.create_inquiry(received_date="2020-11-30")
        other_year = self.create_inquiry(received_date="2021-01-04")
        third = self.create_inquiry(received_date="2020-12-31")

        self.assertEqual(self.split(first), (2020, next_2020))
        self.assertEqual(self.split(second), (2020, next_2020 + 1))
        self.assertEqual(self.split(third), (2020, next_2020 + 2))
        self.assertEqual(self.split(other_year), (2021, next_2021))

    def test_numbers_of_a_year_are_consecutive(self):
        """Numbers follow the year received, not the year registered."""
        inquiries = self.Inquiry.browse()
        for received in ("2019-01-01", "2019-06-15", "2019-12-31"):
            inquiries |= self.create_inquiry(received_date=received)
        numbers = [self.split(inquiry) for inquiry in inquiries]
        self.assertEqual({year for year, __ in numbers}, {2019})
        counts = [count for __, count in numbers]
        self.assertEqual(counts, list(range(counts[0], counts[0] + 3)))

    def test_new_inquiry_this_year(self):
        inquiry = self.create_inquiry()
        self.assertEqual(self.split(inquiry)[0], self.today.year)

    def test_number_is_unique_and_not_copied(self):
        inquiry = self.create_inquiry()
        copy = inquiry.copy()
        self.assertTrue(copy.name)
        self.assertNotEqual(copy.name, inquiry.name)
        self.assertEqual(copy.state, "draft")
