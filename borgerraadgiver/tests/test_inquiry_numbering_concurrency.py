import importlib.util
import threading
from pathlib import Path

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

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

    def test_numbering_behind_its_year_catches_up(self):
        """A database switched from the gapless sequence by Odoo's
        ir.sequence.write (the update to 18.0.2.2.0) had every year's
        PostgreSQL sequence at 1 while the year's numbers were used: the
        next save failed on the unique number. The update and the daily job
        move each year on past its highest number."""
        Inquiry = self.env["borgerraadgiver.inquiry"]
        first = Inquiry.create(INQUIRY_VALUES)
        second = Inquiry.create(INQUIRY_VALUES)
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
        year = sequence.date_range_ids.filtered(lambda r: r.date_from.year == 2021)
        # what the switch left: the year's sequence back at its start
        year.number_next_actual = 1
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.cr.savepoint(),
        ):
            Inquiry.create(INQUIRY_VALUES)
        with self.assertLogs(
            "odoo.addons.borgerraadgiver.models.borgerraadgiver_inquiry", "WARNING"
        ):
            Inquiry._cron_prepare_numbering()
        highest = int(second.name.rsplit("-", 1)[1])
        self.assertGreater(highest, int(first.name.rsplit("-", 1)[1]))
        self.assertEqual(
            Inquiry.create(INQUIRY_VALUES).name, f"BR-2021-{highest + 1:04d}"
        )
        # a year that is not behind is left alone
        with self.assertNoLogs(
            "odoo.addons.borgerraadgiver.models.borgerraadgiver_inquiry", "WARNING"
        ):
            Inquiry._cron_prepare_numbering()

    def test_update_from_the_gapless_numbering_goes_on_where_it_was(self):
        """The update to 18.0.2.2.0 switches a gapless numbering to a
        standard one: each year's next number is the one after its last."""
        path = (
            Path(__file__).parents[1] / "migrations/18.0.2.2.0/post-inquiry-sequence.py"
        )
        spec = importlib.util.spec_from_file_location("br_post_sequence", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        Inquiry = self.env["borgerraadgiver.inquiry"]
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
        # the numbering before 18.0.2.2.0: the year's counter in its row
        year = sequence.date_range_ids.filtered(lambda r: r.date_from.year == 2021)
        next_number = year.number_next_actual
        sequence.implementation = "no_gap"
        year.number_next = next_number
        last = Inquiry.create(INQUIRY_VALUES).name
        with self.assertLogs(
            "odoo.addons.borgerraadgiver.models.borgerraadgiver_inquiry", "WARNING"
        ):
            migration.migrate(self.env.cr, "18.0.2.1.0")
        self.assertEqual(sequence.implementation, "standard")
        number = int(last.rsplit("-", 1)[1])
        self.assertEqual(
            Inquiry.create(INQUIRY_VALUES).name, f"BR-2021-{number + 1:04d}"
        )
