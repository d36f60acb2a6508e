import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

INQUIRY_VALUES = {"subject": "Concurrent registration", "channel": "phone"}


@tagged("post_install", "-at_install")
class TestInquiryNumberingConcurrency(TransactionCase):
    """Two advisors save new inquiries at once (issue 19, item 3), each in a
    transaction of its own as two workers would: the second waits for the
    first instead of failing, and a number given back by a rollback is the
    next one handed out. Nothing is committed."""

    def new_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def backend_waits_on_lock(self, env):
        env.cr.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
            [self.second_pid],
        )
        return env.cr.fetchone()[0] == "Lock"

    def test_second_save_waits_and_takes_a_number_given_back(self):
        first, second = self.new_env(), self.new_env()
        second.cr.execute("SELECT pg_backend_pid()")
        self.second_pid = second.cr.fetchone()[0]
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
        observer = self.new_env()
        for _i in range(100):
            if "error" in outcome or self.backend_waits_on_lock(observer):
                break
            time.sleep(0.05)
        self.assertNotIn("error", outcome, "the second save must wait, not fail")
        self.assertTrue(self.backend_waits_on_lock(observer))
        self.assertNotIn("name", outcome)

        first.cr.rollback()
        thread.join(timeout=30)
        self.assertFalse(thread.is_alive())
        self.assertEqual(outcome, {"name": number})
        second.cr.rollback()
