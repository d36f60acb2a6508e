from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BorgerraadgiverCase


@tagged("post_install", "-at_install")
class TestInquiryPaths(BorgerraadgiverCase):
    """The resolution paths of §1.3, walked by the advisor."""

    def test_new_inquiry_is_draft_with_number(self):
        inquiry = self.create_inquiry()
        self.assertEqual(inquiry.state, "draft")
        self.assertRegex(inquiry.name, r"^BR-\d{4}-\d{4}$")
        self.assertEqual(inquiry.user_id, self.advisor)
        self.assertFalse(inquiry.resolution)
        self.assertFalse(inquiry.closed_date)

    def test_path_explained(self):
        inquiry = self.create_inquiry()
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")
        inquiry.resolution = "explained"
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "explained")
        self.assertEqual(inquiry.closed_date, self.today)
        self.assertFalse(inquiry.forwarded_date)

    def test_path_referred(self):
        inquiry = self.open_inquiry()
        inquiry.resolution = "referred"
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "referred")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_path_forwarded(self):
        self.ICP.set_param("borgerraadgiver.centre_deadline_days", "7")
        inquiry = self.open_inquiry(
            category_id=self.category_4.id, subcategory_id=self.category_4_1.id
        )
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertEqual(inquiry.forwarded_date, self.today)
        self.assertEqual(
            inquiry.centre_deadline, self.working_days_after(self.today, 7)
        )
        self.assertFalse(inquiry.closed_date)
        self.assertFalse(inquiry.resolution)

        inquiry.write(
            {
                "centre_answer_date": self.today,
                "centre_answer": "The centre decided the case and told the citizen.",
            }
        )
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "forwarded")
        self.assertEqual(inquiry.closed_date, self.today)
        self.assertEqual(inquiry.centre_answer_date, self.today)
        self.assertTrue(inquiry.centre_answer)

    def test_forward_default_deadline(self):
        """Without the parameter the centre has ten days."""
        self.ICP.search([("key", "=", "borgerraadgiver.centre_deadline_days")]).unlink()
        inquiry = self.forwarded_inquiry()
        self.assertEqual(
            inquiry.centre_deadline, self.working_days_after(self.today, 10)
        )

    def test_path_misdirected(self):
        """Misdirected straight from draft: counted without handling."""
        inquiry = self.create_inquiry(resolution="misdirected")
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "misdirected")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_path_rejected(self):
        inquiry = self.open_inquiry(category_id=self.category_7.id)
        inquiry.write({"resolution": "rejected", "out_of_scope_reason": "personnel"})
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "rejected")
        self.assertEqual(inquiry.out_of_scope_reason, "personnel")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_reopen(self):
        inquiry = self.closed_inquiry()
        self.assertTrue(inquiry.closed_date)
        inquiry.action_reopen()
        self.assertEqual(inquiry.state, "open")
        self.assertFalse(inquiry.closed_date)
        # and it can be closed again
        inquiry.resolution = "referred"
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_cancel(self):
        draft = self.create_inquiry()
        opened = self.open_inquiry()
        forwarded = self.forwarded_inquiry()
        for inquiry in draft | opened | forwarded:
            inquiry.action_cancel()
            self.assertEqual(inquiry.state, "cancelled")

    def test_actions_on_recordset(self):
        inquiries = self.create_inquiry() | self.create_inquiry()
        inquiries.action_open()
        self.assertEqual(inquiries.mapped("state"), ["open", "open"])

    def test_actions_on_recordset_all_or_nothing(self):
        """One refused inquiry in the recordset: none of them moves."""
        good = self.open_inquiry()
        bad = self.open_inquiry(centre_id=False)
        with self.assertRaises(UserError):
            (good | bad).action_forward()
        (good | bad).invalidate_recordset()
        self.assertEqual(good.state, "open")
        self.assertFalse(good.forwarded_date)
        self.assertEqual(bad.state, "open")

    def test_move_checked_with_the_values_written_with_it(self):
        """A write of the state and the path together (an import, RPC) is
        checked as the inquiry will be, and refused without writing either."""
        inquiry = self.open_inquiry()
        self.assertRefused(
            inquiry,
            lambda: inquiry.write(
                {
                    "state": "closed",
                    "resolution": "rejected",
                    "out_of_scope_reason": "service_level",
                }
            ),
            self.field_label("category_id"),
            "7",
        )
        inquiry.write({"state": "closed", "resolution": "explained"})
        self.assertEqual(inquiry.state, "closed")
        self.assertEqual(inquiry.resolution, "explained")
        self.assertEqual(inquiry.closed_date, self.today)

    def test_move_is_one_write(self):
        """A move writes the state, the values given and the move's own
        values in one write of the model, the one other addons override."""
        inquiries = self.open_inquiry(resolution="explained") | self.open_inquiry(
            resolution="referred"
        )
        forwarded = self.forwarded_inquiry()
        forwarded.centre_answer_date = self.today
        writes = []
        base_write = models.BaseModel.write

        def spy(records, vals):
            if records._name == "borgerraadgiver.inquiry":
                writes.append((set(records.ids), set(vals)))
            return base_write(records, vals)

        with patch.object(models.BaseModel, "write", spy):
            (inquiries | forwarded).action_close()
        # the open ones close alike; the forwarded one gets its resolution
        self.assertEqual(
            writes,
            [
                (set(inquiries.ids), {"state", "closed_date", "out_of_scope_reason"}),
                (
                    set(forwarded.ids),
                    {"state", "closed_date", "resolution", "out_of_scope_reason"},
                ),
            ],
        )
        self.assertEqual(set((inquiries | forwarded).mapped("state")), {"closed"})
        self.assertEqual(forwarded.resolution, "forwarded")

    def test_category_meaning_is_data(self):
        """The rules read what a category means, not its code: renumbering
        the categories changes nothing, and a category of the municipality's
        own that cannot be handled works like 7."""
        Category = self.env["borgerraadgiver.category"]
        self.category_7.code = "70"
        inquiry = self.open_inquiry(
            category_id=self.category_7.id,
            resolution="rejected",
            out_of_scope_reason="service_level",
        )
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        own = Category.create(
            {"code": "8", "name": "Not ours", "is_out_of_scope": True}
        )
        inquiry = self.open_inquiry(
            category_id=own.id, resolution="rejected", out_of_scope_reason="personnel"
        )
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")
        # category 2 means nothing of the kind: refused, naming both
        inquiry = self.open_inquiry(
            resolution="rejected", out_of_scope_reason="personnel"
        )
        self.assertRefused(inquiry, inquiry.action_close, "70 ", "8 Not ours")
        # a complaint is what the configuration says is one
        old = {"event_date": self.today - relativedelta(months=8)}
        self.category_2.complaint_kind = "decision"
        self.assertTrue(self.create_inquiry(**old).complaint_age_warning)
        self.category_5.complaint_kind = False
        self.assertFalse(
            self.create_inquiry(
                category_id=self.category_5.id, **old
            ).complaint_age_warning
        )

    def test_categories_in_the_report_order(self):
        """Dropdowns and lists give 1 … 7 and 4.1 … 4.6 in the report's
        order, whatever the records' ids (a category added later included)."""
        Category = self.env["borgerraadgiver.category"]
        extra = Category.create({"code": "2a", "name": "Added later", "sequence": 25})
        subs = Category.search([("parent_id", "=", self.category_4.id)])
        self.assertEqual(subs.mapped("code"), [f"4.{n}" for n in range(1, 7)])
        mains = Category.search([("parent_id", "=", False)])
        self.assertEqual(
            mains.mapped("code"), ["1", "2", "2a", "3", "4", "5", "6", "7"]
        )
        everything = Category.search([("id", "in", (mains | subs | extra).ids)])
        self.assertEqual(
            everything.mapped("code"),
            ["1", "2", "2a", "3", "4"]
            + [f"4.{n}" for n in range(1, 7)]
            + ["5", "6", "7"],
        )
        # the order follows the handle
        self.category_7.sequence = 15
        self.assertEqual(
            Category.search([("parent_id", "=", False)], limit=2).mapped("code"),
            ["1", "7"],
        )

    def test_delete_draft_and_cancelled(self):
        draft = self.create_inquiry()
        cancelled = self.open_inquiry()
        cancelled.action_cancel()
        ids = (draft | cancelled).ids
        (draft | cancelled).unlink()
        self.assertFalse(self.Inquiry.search([("id", "in", ids)]))

    def test_forward_again_after_reopen(self):
        """A reopened inquiry forwarded again waits for a new answer; the
        earlier one stays on the referral of the first round."""
        inquiry = self.forwarded_inquiry()
        inquiry.write({"centre_answer_date": self.today, "centre_answer": "Svar 1"})
        inquiry.action_close()
        inquiry.action_reopen()
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertEqual(inquiry.forwarded_date, self.today)
        self.assertFalse(inquiry.centre_answer_date)
        self.assertFalse(inquiry.centre_answer)
        self.assertFalse(inquiry.resolution)
        answer_type = self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
        self.assertEqual(
            inquiry.activity_ids.filtered(
                lambda a: a.activity_type_id == answer_type
            ).date_deadline,
            inquiry.centre_deadline,
        )
        first, second = inquiry.referral_ids.sorted("id")
        self.assertEqual((first.answer, first.state), ("Svar 1", "answered"))
        self.assertEqual(second.state, "sent")


@tagged("post_install", "-at_install")
class TestInquiryRefusals(BorgerraadgiverCase):
    """Every refused step names the inquiry and the field, and changes nothing."""

    def test_forward_without_centre(self):
        inquiry = self.open_inquiry(centre_id=False)
        self.assertRefused(
            inquiry, inquiry.action_forward, self.field_label("centre_id")
        )

    def test_forward_category_4_without_subcategory(self):
        inquiry = self.open_inquiry(category_id=self.category_4.id)
        self.assertRefused(
            inquiry, inquiry.action_forward, self.field_label("subcategory_id")
        )

    def test_close_category_4_without_subcategory(self):
        inquiry = self.open_inquiry(
            category_id=self.category_4.id, resolution="explained"
        )
        self.assertRefused(
            inquiry, inquiry.action_close, self.field_label("subcategory_id")
        )

    def test_close_names_every_missing_field(self):
        inquiry = self.open_inquiry(centre_id=False, category_id=False)
        message = self.assertRefused(
            inquiry,
            inquiry.action_close,
            self.field_label("centre_id"),
            self.field_label("category_id"),
            self.field_label("resolution"),
        )
        self.assertIn(" are required", message)
        inquiry = self.open_inquiry(
            category_id=self.category_4.id, resolution="rejected"
        )
        self.assertRefused(
            inquiry,
            inquiry.action_close,
            self.field_label("subcategory_id"),
            self.field_label("out_of_scope_reason"),
        )

    def test_close_without_resolution(self):
        for inquiry in self.create_inquiry() | self.open_inquiry():
            self.assertRefused(
                inquiry, inquiry.action_close, self.field_label("resolution")
            )

    def test_close_open_as_forwarded(self):
        """Resolution 'forwarded' is the centre's answer, not the advisor's choice."""
        inquiry = self.open_inquiry(resolution="forwarded")
        self.assertRefused(
            inquiry, inquiry.action_close, self.field_label("resolution")
        )

    def test_close_rejected_outside_category_7(self):
        inquiry = self.open_inquiry(
            resolution="rejected", out_of_scope_reason="service_level"
        )
        self.assertRefused(
            inquiry, inquiry.action_close, self.field_label("category_id"), "7"
        )

    def test_close_rejected_without_reason(self):
        inquiry = self.open_inquiry(
            category_id=self.category_7.id, resolution="rejected"
        )
        self.assertRefused(
            inquiry, inquiry.action_close, self.field_label("out_of_scope_reason")
        )

    def test_close_forwarded_without_answer_date(self):
        inquiry = self.forwarded_inquiry(centre_answer="Answered by phone")
        self.assertRefused(
            inquiry, inquiry.action_close, self.field_label("centre_answer_date")
        )

    def test_action_on_wrong_state(self):
        inquiry = self.open_inquiry()
        self.assertRefused(inquiry, inquiry.action_open, self.state_label("open"))
        self.assertRefused(inquiry, inquiry.action_reopen, self.state_label("open"))

    def test_reopen_draft(self):
        inquiry = self.create_inquiry()
        self.assertRefused(inquiry, inquiry.action_reopen, self.state_label("draft"))

    def test_forward_draft(self):
        """A new inquiry can be forwarded at once: it is opened on the way,
        with the same checks and the same referral."""
        inquiry = self.create_inquiry(centre_id=False)
        self.assertRefused(
            inquiry, inquiry.action_forward, self.field_label("centre_id")
        )
        inquiry.centre_id = self.centre
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")
        self.assertEqual(inquiry.forwarded_date, self.today)
        self.assertEqual(len(inquiry.referral_ids), 1)

    def test_cancel_closed(self):
        inquiry = self.closed_inquiry()
        self.assertRefused(inquiry, inquiry.action_cancel, self.state_label("closed"))

    def test_cancel_cancelled(self):
        inquiry = self.create_inquiry()
        inquiry.action_cancel()
        self.assertRefused(
            inquiry, inquiry.action_cancel, self.state_label("cancelled")
        )

    def test_delete_in_progress(self):
        opened = self.open_inquiry()
        forwarded = self.forwarded_inquiry()
        closed = self.closed_inquiry()
        for inquiry in opened | forwarded | closed:
            self.assertRefused(inquiry, inquiry.unlink, self.state_label(inquiry.state))
            self.assertTrue(inquiry.exists())

    def test_create_not_draft(self):
        for state in ("open", "forwarded", "closed", "cancelled"):
            subject = f"Created as {state}"
            with self.assertRaises(UserError) as refusal:
                self.create_inquiry(subject=subject, state=state)
            message = refusal.exception.args[0]
            self.assertIn(subject, message)
            self.assertIn(self.state_label("draft"), message)
            self.assertFalse(self.Inquiry.search([("subject", "=", subject)]))

    def test_path_not_rewritten_behind_the_buttons(self):
        """By RPC or an import as by the form: the dates of the moves are the
        buttons' own, and a forwarded or closed inquiry keeps its centre and
        resolution until it is reopened."""
        forwarded = self.forwarded_inquiry()
        other_centre = self.centre.copy({"code": "TST-D", "name": "Other Centre"})
        for vals in (
            {"forwarded_date": self.today},
            {"closed_date": self.today},
            {"centre_id": other_centre.id},
            {"resolution": "explained"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(forwarded, lambda v=vals: forwarded.write(v))
        closed = self.closed_inquiry()
        self.assertRefused(
            closed,
            lambda: closed.write({"resolution": "forwarded"}),
            self.state_label("closed"),
        )
        # unchanged values and the advisor's own fields stay writable
        closed.write({"resolution": closed.resolution, "subject": "New subject"})
        self.assertEqual(closed.subject, "New subject")
        closed.action_reopen()
        closed.write({"resolution": "referred"})
        self.assertEqual(closed.resolution, "referred")
