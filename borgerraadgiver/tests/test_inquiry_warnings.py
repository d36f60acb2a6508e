from dateutil.relativedelta import relativedelta

from odoo.tests import Form, tagged

from .common import BorgerraadgiverCase

ONCHANGE_LOGGER = "odoo.tests.form.onchange"


@tagged("post_install", "-at_install")
class TestComplaintAgeWarning(BorgerraadgiverCase):
    """§1.3: old complaints are normally not handled: a warning, never a block."""

    def old_complaint(self, months=8, **values):
        vals = {
            "category_id": self.category_4.id,
            "subcategory_id": self.category_4_1.id,
            "event_date": self.today - relativedelta(months=months),
        }
        vals.update(values)
        return self.create_inquiry(**vals)

    def test_warning_set_and_never_blocks(self):
        inquiry = self.old_complaint()
        self.assertTrue(inquiry.complaint_age_warning)
        self.assertIn(inquiry.name, inquiry.complaint_age_warning)
        self.assertIn("§1.3", inquiry.complaint_age_warning)
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        inquiry.centre_answer_date = self.today
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "forwarded")
        self.assertTrue(inquiry.complaint_age_warning)

    def test_warning_does_not_block_direct_close(self):
        inquiry = self.old_complaint(resolution="explained")
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")

    def test_no_warning_for_recent_complaint(self):
        self.assertFalse(self.old_complaint(months=5).complaint_age_warning)

    def test_no_warning_outside_complaints(self):
        inquiry = self.old_complaint(
            category_id=self.category_2.id, subcategory_id=False
        )
        self.assertFalse(inquiry.complaint_age_warning)

    def test_complaint_about_decision_warns(self):
        inquiry = self.old_complaint(
            category_id=self.category_5.id, subcategory_id=False
        )
        self.assertTrue(inquiry.complaint_age_warning)

    def test_limit_follows_parameter(self):
        self.ICP.set_param("borgerraadgiver.complaint_age_months", "9")
        inquiry = self.old_complaint(months=8)
        self.assertFalse(inquiry.complaint_age_warning)
        self.ICP.set_param("borgerraadgiver.complaint_age_months", "3")
        inquiry.invalidate_recordset(["complaint_age_warning"])
        self.assertTrue(inquiry.complaint_age_warning)
        self.assertIn("3", inquiry.complaint_age_warning)
        self.assertFalse(self.old_complaint(months=2).complaint_age_warning)

    def test_onchange_returns_warning(self):
        inquiry = self.Inquiry.new(
            {
                "subject": "Old complaint",
                "received_date": self.today,
                "category_id": self.category_4.id,
                "event_date": self.today - relativedelta(months=8),
            }
        )
        result = inquiry._onchange_complaint_age()
        self.assertIn("§1.3", result["warning"]["message"])
        inquiry.event_date = self.today - relativedelta(months=2)
        self.assertFalse(inquiry._onchange_complaint_age())

    def test_form_warns_and_saves(self):
        """In the form the advisor is warned, and may save and go on."""
        form = Form(self.Inquiry)
        form.subject = "Complaint about a decision taken long ago"
        form.centre_id = self.centre
        form.category_id = self.category_4
        form.subcategory_id = self.category_4_1
        form.consent_forwarding = True
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form.event_date = self.today - relativedelta(months=8)
        self.assertIn("§1.3", "\n".join(logs.output))
        with self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form.channel = "email"
        # a new category shows the banner, not the dialog again
        with self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form.category_id = self.category_5
            form.category_id = self.category_4
            form.subcategory_id = self.category_4_1
        inquiry = form.save()
        self.assertTrue(inquiry.complaint_age_warning)
        inquiry.action_open()
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")


@tagged("post_install", "-at_install")
class TestCprWarning(BorgerraadgiverCase):
    """§1.4: a CPR number in free text is noticed, never refused."""

    def test_cpr_number_in_description(self):
        inquiry = self.create_inquiry(description="Borgerens CPR er 010190-1234.")
        self.assertTrue(inquiry.cpr_warning)
        self.assertIn(inquiry.name, inquiry.cpr_warning)
        self.assertIn(self.field_label("description"), inquiry.cpr_warning)
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")

    def test_cpr_number_without_dash_in_subject(self):
        inquiry = self.create_inquiry(subject="Sag om 0101901234")
        self.assertTrue(inquiry.cpr_warning)
        self.assertIn(self.field_label("subject"), inquiry.cpr_warning)

    def test_phone_number_is_not_cpr(self):
        inquiry = self.create_inquiry(description="Ring til borgeren på tlf. 56575757.")
        self.assertFalse(inquiry.cpr_warning)

    def test_warning_goes_when_number_removed(self):
        inquiry = self.create_inquiry(description="CPR 010190-1234")
        self.assertTrue(inquiry.cpr_warning)
        inquiry.description = "CPR removed"
        self.assertFalse(inquiry.cpr_warning)

    def test_form_warns(self):
        form = Form(self.Inquiry)
        form.subject = "Question about a letter"
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form.description = "CPR 010190-1234"
        self.assertIn("§1.4", "\n".join(logs.output))
        inquiry = form.save()
        self.assertTrue(inquiry.cpr_warning)

    def test_form_warns_once_per_new_number(self):
        """Once per new number: not again when another text or the same
        text is edited with the number already saved in it."""
        inquiry = self.create_inquiry(description="CPR 010190-1234")
        form = Form(inquiry)
        with self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form.subject = "Another subject"
            form.description = "CPR 010190 1234, as the citizen wrote it"
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form.description = "CPR 010190-1234 and the spouse's 020290-4321"
        self.assertIn("§1.4", "\n".join(logs.output))
        form.save()
        self.assertTrue(inquiry.cpr_warning)
