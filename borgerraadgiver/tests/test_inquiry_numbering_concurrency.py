import threading

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from ..models.municipal_day import municipal_today

# a year whose numbering exists already (the demo's): the first save of a
# year makes it (see test_next_years_numbering_is_made_ahead)
INQUIRY_VALUES = {
    "subject": "Concurrent registration",
    "channel": "phone",
    "received_date": "2021-03-01",
}


@tagged("post_install", "-at_install")
class TestInquiryNumberingConcurrency(TransactionCase):
    """Two advisors save new inquiries at once (issue 19, item 3), each in a
    transaction of its own as two workers would: the second save neither
    waits for the first nor fails (a gapless sequence's row would make it
    fail at once, or wait and then fail when the first commits), and the
    two numbers differ. Nothing is committed."""

    def new_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_second_save_neither_waits_nor_fails(self):
        first, second = self.new_env(), self.new_env()
        # one dict for both saves: create() leaves the caller's values alone
        number = first["borgerraadgiver.inquiry"].create(INQUIRY_VALUES).name

        outcome = {}

        def second_save():
            try:
                inquiry = second["borgerraadgiver.inquiry"].create(INQUIRY_VALUES)
                outcome["name"] = inquiry.name
            except Exception as error:  # noqa: BLE001 - asserted below
                outcome["error"] = error

        thread = threading.Thread(target=second_save)
        thread.start()
        # while the first transaction is still open
        thread.join(timeout=10)
        waited = thread.is_alive()
        first.cr.rollback()  # never leave the second save waiting
        thread.join()
        second.cr.rollback()
        self.assertFalse(waited, "the second save waits for the first")
        self.assertNotIn("error", outcome)
        self.assertRegex(outcome["name"], r"^BR-2021-\d{4,}$")
        self.assertNotEqual(outcome["name"], number)

    def test_next_years_numbering_is_made_ahead(self):
        """The daily job makes the coming year's range, so that the first
        saves of a year never make it twice at once."""
        Inquiry = self.env["borgerraadgiver.inquiry"]
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
        next_year = municipal_today(self.env).year + 1
        sequence.date_range_ids.filtered(
            lambda r: r.date_from.year == next_year
        ).unlink()
        Inquiry._cron_prepare_numbering()
        Inquiry._cron_prepare_numbering()
        ranges = sequence.date_range_ids.filtered(
            lambda r: r.date_from.year == next_year
        )
        self.assertEqual(len(ranges), 1)
        self.assertEqual(ranges.number_next_actual, 1)
