from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BorgerraadgiverCase


@tagged("post_install", "-at_install")
class TestInquiryValidation(BorgerraadgiverCase):
    """The date and category rules hold on create as on write."""

    def test_received_in_future_on_create(self):
        subject = "Received tomorrow"
        with self.assertRaises(ValidationError) as refusal:
            self.create_inquiry(
                subject=subject, received_date=self.today + timedelta(days=1)
            )
        message = refusal.exception.args[0]
        self.assertRegex(message, r"BR-\d{4}-\d{4}")
        self.assertIn(self.field_label("received_date"), message)
        self.assertFalse(self.Inquiry.search([("subject", "=", subject)]))

    def test_received_in_future_on_write(self):
        inquiry = self.open_inquiry()
        received = inquiry.received_date
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"received_date": self.today + timedelta(days=1)}),
            self.field_label("received_date"),
            exception=ValidationError,
        )
        self.assertEqual(inquiry.received_date, received)

    def test_received_today_and_in_past(self):
        self.assertTrue(self.create_inquiry(received_date=self.today))
        self.assertTrue(self.create_inquiry(received_date="2020-03-02"))

    def test_event_after_received_on_create(self):
        with self.assertRaises(ValidationError) as refusal:
            self.create_inquiry(
                received_date=self.today - timedelta(days=5),
                event_date=self.today - timedelta(days=4),
            )
        self.assertIn(self.field_label("event_date"), refusal.exception.args[0])

    def test_event_after_received_on_write(self):
        inquiry = self.create_inquiry(
            received_date=self.today - timedelta(days=5),
            event_date=self.today - timedelta(days=6),
        )
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"event_date": self.today - timedelta(days=4)}),
            self.field_label("event_date"),
            exception=ValidationError,
        )
        # moving the receipt before the event is refused as well
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"received_date": self.today - timedelta(days=7)}),
            self.field_label("event_date"),
            exception=ValidationError,
        )
        inquiry.invalidate_recordset()
        self.assertEqual(inquiry.event_date, self.today - timedelta(days=6))
        self.assertEqual(inquiry.received_date, self.today - timedelta(days=5))

    def test_event_on_received_day(self):
        inquiry = self.create_inquiry(event_date=self.today)
        self.assertEqual(inquiry.event_date, inquiry.received_date)

    def test_centre_answer_before_forwarded(self):
        inquiry = self.forwarded_inquiry()
        self.assertRefused(
            inquiry,
            lambda: inquiry.write(
                {"centre_answer_date": self.today - timedelta(days=1)}
            ),
            self.field_label("centre_answer_date"),
            exception=ValidationError,
        )
        inquiry.centre_answer_date = self.today
        self.assertEqual(inquiry.centre_answer_date, inquiry.forwarded_date)

    def test_subcategory_of_other_category_on_create(self):
        with self.assertRaises(ValidationError) as refusal:
            self.create_inquiry(
                category_id=self.category_5.id, subcategory_id=self.category_4_1.id
            )
        message = refusal.exception.args[0]
        self.assertIn(self.field_label("subcategory_id"), message)
        self.assertIn(self.category_4_1.display_name, message)

    def test_subcategory_of_other_category_on_write(self):
        inquiry = self.create_inquiry(
            category_id=self.category_4.id, subcategory_id=self.category_4_1.id
        )
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"category_id": self.category_5.id}),
            self.field_label("subcategory_id"),
            exception=ValidationError,
        )
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"subcategory_id": self.category_2.id}),
            self.field_label("subcategory_id"),
            exception=ValidationError,
        )
        inquiry.invalidate_recordset()
        self.assertEqual(inquiry.subcategory_id, self.category_4_1)

    def test_onchange_category_clears_foreign_subcategory(self):
        inquiry = self.Inquiry.new(
            {"category_id": self.category_4.id, "subcategory_id": self.category_4_1.id}
        )
        inquiry.category_id = self.category_5
        inquiry._onchange_category_id()
        self.assertFalse(inquiry.subcategory_id)
