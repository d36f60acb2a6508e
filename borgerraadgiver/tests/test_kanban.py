from datetime import timedelta

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval

from .common import BorgerraadgiverCase

STATES = ["draft", "open", "forwarded", "closed", "cancelled"]


@tagged("post_install", "-at_install")
class TestKanban(BorgerraadgiverCase):
    """A drag between kanban columns is write({'state': ...}): the same checks
    as the buttons, the same messages, the same values."""

    def drag(self, inquiry, state):
        return lambda: inquiry.write({"state": state})

    def button_message(self, inquiry, action):
        with self.assertRaises(UserError) as refusal:
            getattr(inquiry, action)()
        return refusal.exception.args[0]

    def test_drag_draft_to_forwarded(self):
        """A card dragged from Nye to Hos center is forwarded at once, with
        the forward's checks (the button does the same)."""
        inquiry = self.create_inquiry(centre_id=False)
        self.assertRefused(
            inquiry, self.drag(inquiry, "forwarded"), self.field_label("centre_id")
        )
        inquiry.centre_id = self.centre
        self.drag(inquiry, "forwarded")()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertTrue(inquiry.referral_ids)

    def test_drag_refused_where_no_button(self):
        closed = self.closed_inquiry()
        for state in ("draft", "forwarded", "cancelled"):
            self.assertRefused(closed, self.drag(closed, state))
        cancelled = self.create_inquiry()
        cancelled.action_cancel()
        for state in ("draft", "open", "forwarded", "closed"):
            self.assertRefused(cancelled, self.drag(cancelled, state))
        forwarded = self.forwarded_inquiry()
        for state in ("draft", "open"):
            self.assertRefused(forwarded, self.drag(forwarded, state))

    def test_drag_forward_without_centre_same_message(self):
        inquiry = self.open_inquiry(centre_id=False)
        message = self.button_message(inquiry, "action_forward")
        drag_message = self.assertRefused(
            inquiry, self.drag(inquiry, "forwarded"), self.field_label("centre_id")
        )
        self.assertEqual(drag_message, message)

    def test_drag_forward_without_subcategory_same_message(self):
        inquiry = self.open_inquiry(category_id=self.category_4.id)
        message = self.button_message(inquiry, "action_forward")
        drag_message = self.assertRefused(inquiry, self.drag(inquiry, "forwarded"))
        self.assertEqual(drag_message, message)

    def test_drag_close_without_resolution_same_message(self):
        inquiry = self.open_inquiry()
        message = self.button_message(inquiry, "action_close")
        drag_message = self.assertRefused(
            inquiry, self.drag(inquiry, "closed"), self.field_label("resolution")
        )
        self.assertEqual(drag_message, message)

    def test_drag_close_forwarded_without_answer_same_message(self):
        inquiry = self.forwarded_inquiry()
        message = self.button_message(inquiry, "action_close")
        drag_message = self.assertRefused(
            inquiry,
            self.drag(inquiry, "closed"),
            self.field_label("centre_answer_date"),
        )
        self.assertEqual(drag_message, message)

    def test_drag_forward(self):
        self.ICP.set_param("borgerraadgiver.centre_deadline_days", "7")
        inquiry = self.open_inquiry()
        inquiry.write({"state": "forwarded"})
        self.assertEqual(inquiry.state, "forwarded")
        self.assertEqual(inquiry.forwarded_date, self.today)
        self.assertEqual(
            inquiry.centre_deadline, self.working_days_after(self.today, 7)
        )

    def test_drag_close_and_reopen(self):
        inquiry = self.forwarded_inquiry(centre_answer_date=False)
        inquiry.centre_answer_date = self.today
        inquiry.write({"state": "closed"})
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "forwarded")
        self.assertEqual(inquiry.closed_date, self.today)
        inquiry.write({"state": "open"})
        self.assertEqual(inquiry.state, "open")
        self.assertFalse(inquiry.closed_date)

    def test_drag_with_other_values(self):
        """Setting the resolution in the same write as the move is enough."""
        inquiry = self.open_inquiry()
        inquiry.write({"state": "closed", "resolution": "referred"})
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "referred")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_drag_to_same_column_changes_nothing(self):
        inquiry = self.closed_inquiry()
        before = self.snapshot(inquiry)
        inquiry.write({"state": "closed"})
        self.assertEqual(self.snapshot(inquiry), before)

    def test_columns(self):
        """Every state is a column even when empty; cancelled is folded."""
        inquiry = self.create_inquiry()
        domain = [("id", "=", inquiry.id)]
        for method in ("read_group", "web_read_group"):
            result = getattr(self.Inquiry, method)(domain, ["state"], ["state"])
            groups = result["groups"] if method == "web_read_group" else result
            self.assertEqual([group["state"] for group in groups], STATES, method)
            counts = {group["state"]: group["state_count"] for group in groups}
            self.assertEqual(counts["draft"], 1)
            self.assertEqual(counts["cancelled"], 0)
            folded = {group["state"]: group.get("__fold") for group in groups}
            self.assertIs(folded["cancelled"], True, method)
            self.assertFalse(any(folded[state] for state in STATES[:-1]), method)


@tagged("post_install", "-at_install")
class TestKanbanCurrent(BorgerraadgiverCase):
    """The kanban opens on the current inquiries: Afsluttet holds the last
    30 days; removing the filter shows the rest."""

    def test_closed_long_ago_a_click_away(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_inquiry_action"
        )
        self.assertEqual(safe_eval(action["context"])["search_default_current"], 1)
        arch = self.Inquiry.get_views([(False, "search")])["views"]["search"]["arch"]
        (node,) = etree.fromstring(arch).xpath("//filter[@name='current']")
        domain = safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: self.today,
                "relativedelta": dateutil.relativedelta.relativedelta,
                "datetime": safe_datetime,
            },
        )
        recent = self.closed_inquiry()
        old = self.closed_inquiry()
        old.sudo().closed_date = self.today - timedelta(days=40)
        opened = self.open_inquiry()
        shown = self.Inquiry.search(
            domain + [("id", "in", (recent | old | opened).ids)]
        )
        self.assertEqual(shown, recent | opened)
        # without the filter: every inquiry
        self.assertLessEqual(recent | old | opened, self.Inquiry.search([]))
