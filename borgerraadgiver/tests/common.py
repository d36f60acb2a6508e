from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user

from ..models.municipal_day import municipal_today

# What a refused step must leave as it was
WORKFLOW_FIELDS = [
    "state",
    "resolution",
    "out_of_scope_reason",
    "centre_id",
    "category_id",
    "subcategory_id",
    "forwarded_date",
    "centre_deadline",
    "centre_answer_date",
    "centre_answer",
    "closed_date",
]


class BorgerraadgiverCase(TransactionCase):
    """Inquiries handled by an advisor who has only the advisor group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="br_test_advisor",
            groups="borgerraadgiver.group_advisor",
            name="Test Advisor",
            tz="Europe/Copenhagen",
        )
        cls.centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Test Centre", "code": "TST-C", "sequence": 99}
        )
        cls.category_2 = cls.env.ref("borgerraadgiver.category_2")
        cls.category_4 = cls.env.ref("borgerraadgiver.category_4")
        cls.category_4_1 = cls.env.ref("borgerraadgiver.category_4_1")
        cls.category_5 = cls.env.ref("borgerraadgiver.category_5")
        cls.category_7 = cls.env.ref("borgerraadgiver.category_7")
        cls.Inquiry = cls.env["borgerraadgiver.inquiry"].with_user(cls.advisor)
        cls.today = municipal_today(cls.env)
        cls.ICP = cls.env["ir.config_parameter"].sudo()

    # ------------------------------------------------------------------
    # Records in each state
    # ------------------------------------------------------------------

    def create_inquiry(self, **values):
        vals = {
            "subject": "Waiting for an answer about housing benefit",
            "channel": "phone",
            "received_date": self.today,
            "centre_id": self.centre.id,
            "category_id": self.category_2.id,
            # the citizen consented: forwarding asks nothing (test_consent.py)
            "consent_forwarding": True,
            "consent_contact_details": True,
        }
        vals.update(values)
        return self.Inquiry.create(vals)

    def open_inquiry(self, **values):
        inquiry = self.create_inquiry(**values)
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")
        return inquiry

    def forwarded_inquiry(self, **values):
        inquiry = self.open_inquiry(**values)
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        return inquiry

    def closed_inquiry(self, **values):
        inquiry = self.open_inquiry(**values)
        inquiry.resolution = "explained"
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        return inquiry

    # ------------------------------------------------------------------
    # Assertions
    # ------------------------------------------------------------------

    def field_label(self, name):
        """The field's label as the advisor's client shows it."""
        return self.Inquiry.fields_get([name], ["string"])[name]["string"]

    def state_label(self, state):
        selection = self.Inquiry.fields_get(["state"], ["selection"])["state"]
        return dict(selection["selection"])[state]

    def snapshot(self, inquiry):
        inquiry.invalidate_recordset()
        return inquiry.read(WORKFLOW_FIELDS)[0]

    def assertRefused(self, inquiry, func, *fragments, exception=UserError):
        """`func()` raises `exception`, whose message names the inquiry and
        holds every fragment, and the inquiry is left as it was.

        :return: the message
        """
        before = self.snapshot(inquiry)
        with self.assertRaises(exception) as refusal:
            func()
        message = refusal.exception.args[0]
        self.assertIn(inquiry.name, message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(
            self.snapshot(inquiry), before, "a refusal changed the inquiry"
        )
        return message

    def working_days_after(self, day, days):
        """`day` plus `days` working days of the municipality's calendar."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        return calendar._borgerraadgiver_add_working_days(day, days)


class AttackCase(TransactionCase):
    """An attacker's calls through the ORM, as JSON-RPC would make them."""

    def assertRefused(self, call):
        """`call()` is refused: an AccessError, or a ValueError/UserError
        (ValidationError included) for a field the user may not use; never a
        result."""
        try:
            with self.env.cr.savepoint():
                result = call()
        except (AccessError, UserError, ValueError):
            return
        self.fail(f"not refused: {result!r}"[:500])
