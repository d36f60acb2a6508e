"""Who may see and do what (issue 8): every role, every way into the data.

Each test works as one user with ``with_user`` and asserts what that user must
not be able to do: an ``AccessError`` where the record or the model is not
theirs, and counts where a search must leave records out.
"""

import base64

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.municipal_day import municipal_today

INQUIRY = "borgerraadgiver.inquiry"
ACTIONS = [
    "action_open",
    "action_forward",
    "action_close",
    "action_reopen",
    "action_cancel",
]


@tagged("post_install", "-at_install")
class TestAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.advisor = new_test_user(
            env,
            login="br_acc_advisor",
            name="Access Advisor",
            groups="borgerraadgiver.group_advisor,base.group_allow_export",
        )
        cls.staff_bl = new_test_user(
            env,
            login="br_acc_staff_bl",
            name="Staff of B&L",
            groups="borgerraadgiver.group_centre_staff,base.group_allow_export",
        )
        cls.staff_am = new_test_user(
            env,
            login="br_acc_staff_am",
            name="Staff of AM",
            groups="borgerraadgiver.group_centre_staff,base.group_allow_export",
        )
        cls.statistics = new_test_user(
            env,
            login="br_acc_statistics",
            name="Director",
            groups="borgerraadgiver.group_statistics,base.group_allow_export",
        )
        cls.br_admin = new_test_user(
            env,
            login="br_acc_admin",
            name="Municipal IT",
            groups="borgerraadgiver.group_admin,base.group_allow_export",
        )
        cls.employee = new_test_user(
            env,
            login="br_acc_employee",
            name="Finance Clerk",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.portal = new_test_user(
            env,
            login="br_acc_portal",
            name="Portal User",
            groups="base.group_portal,base.group_allow_export",
        )
        Centre = env["borgerraadgiver.centre"]
        cls.centre_bl = Centre.create(
            {
                "name": "Test Børn & Læring",
                "code": "T-B&L",
                "user_ids": [Command.link(cls.staff_bl.id)],
            }
        )
        cls.centre_am = Centre.create(
            {
                "name": "Test Arbejdsmarked",
                "code": "T-AM",
                "user_ids": [Command.link(cls.staff_am.id)],
            }
        )
        cls.category = env.ref("borgerraadgiver.category_2")

        # Citizens, registered by the advisor as plain partners
        Partner = env["res.partner"].with_user(cls.advisor)
        cls.citizen_bl = Partner.create({"name": "Zacharias Bl-Borger"})
        cls.citizen_bl_draft = Partner.create({"name": "Xenia Kladde-Borger"})
        cls.citizen_am = Partner.create({"name": "Yrsa Am-Borger"})
        cls.normal_partner = env["res.partner"].create({"name": "Leverandør ApS"})

        cls.Inquiry = env[INQUIRY].with_user(cls.advisor)
        cls.bl_forwarded = cls._forwarded(cls.centre_bl, cls.citizen_bl)
        cls.bl_closed_forwarded = cls._forwarded(cls.centre_bl, cls.citizen_bl)
        cls.bl_closed_forwarded.centre_answer_date = municipal_today(cls.env)
        cls.bl_closed_forwarded.action_close()
        cls.bl_draft = cls._create(cls.centre_bl, cls.citizen_bl_draft)
        cls.bl_open = cls._create(cls.centre_bl, cls.citizen_bl_draft)
        cls.bl_open.action_open()
        cls.bl_closed_explained = cls._create(cls.centre_bl, cls.citizen_bl_draft)
        cls.bl_closed_explained.resolution = "explained"
        cls.bl_closed_explained.action_close()
        cls.am_forwarded = cls._forwarded(cls.centre_am, cls.citizen_am)
        cls.all_inquiries = (
            cls.bl_forwarded
            | cls.bl_closed_forwarded
            | cls.bl_draft
            | cls.bl_open
            | cls.bl_closed_explained
            | cls.am_forwarded
        )
        cls.bl_visible = cls.bl_forwarded | cls.bl_closed_forwarded

        # The chatter of the B&L forwarded inquiry: what the advisor shares
        # with the centre, her log note, and an activity of hers
        cls.shared_message = cls.bl_forwarded.message_post(
            body="Please find the citizen's letter attached.",
            message_type="comment",
            subtype_xmlid="borgerraadgiver.mt_inquiry_forwarded",
            attachments=[("letter.txt", b"The citizen's letter")],
        )
        cls.shared_attachment = cls.shared_message.attachment_ids
        cls.note = cls.bl_forwarded.message_post(
            body="My own impression: the citizen is very upset.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[("impression.txt", b"Internal")],
        )
        cls.note_attachment = cls.note.attachment_ids
        cls.record_attachment = cls.env["ir.attachment"].create(
            {
                "name": "scan.txt",
                "datas": base64.b64encode(b"scan"),
                "res_model": INQUIRY,
                "res_id": cls.bl_forwarded.id,
            }
        )
        cls.advisor_activity = cls.bl_forwarded.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.advisor.id,
            summary="Call the citizen back",
        )
        cls.am_note = cls.am_forwarded.message_post(
            body="AM note", subtype_xmlid="mail.mt_note"
        )

    @classmethod
    def _create(cls, centre, citizen):
        return cls.Inquiry.create(
            {
                "subject": f"Inquiry about {centre.code}",
                "description": "What the citizen told the advisor",
                "advisor_notes": "The advisor's private notes",
                "centre_id": centre.id,
                "category_id": cls.category.id,
                "citizen_id": citizen.id,
            }
        )

    @classmethod
    def _forwarded(cls, centre, citizen):
        inquiry = cls._create(centre, citizen)
        inquiry.action_open()
        inquiry.action_forward()
        return inquiry

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def as_user(self, user, model=INQUIRY):
        return self.env[model].with_user(user)

    def inquiry_messages(self, user, inquiry):
        return self.as_user(user, "mail.message").search(
            [("model", "=", INQUIRY), ("res_id", "=", inquiry.id)]
        )

    def assertNoInquiryModelAccess(self, user):
        """`user` has no access to the inquiry model at all."""
        Inquiry = self.as_user(user)
        records = self.all_inquiries.with_user(user)
        record = self.bl_forwarded.with_user(user)
        calls = {
            "search": lambda: Inquiry.search([]),
            "search_count": lambda: Inquiry.search_count([]),
            "search_read": lambda: Inquiry.search_read([], ["subject"]),
            "read_group": lambda: Inquiry.read_group([], ["state"], ["state"]),
            "_read_group": lambda: Inquiry._read_group([], ["state"], ["__count"]),
            "name_search": lambda: Inquiry.name_search("Inquiry"),
            "read": lambda: records.read(["subject"]),
            "export_data": lambda: records.export_data(["subject", "citizen_id"]),
            "create": lambda: Inquiry.create({"subject": "Mine now"}),
            "write": lambda: record.write({"centre_answer": "x"}),
            "unlink": lambda: self.bl_draft.with_user(user).unlink(),
        }
        calls.update(
            {action: (lambda a=action: getattr(record, a)()) for action in ACTIONS}
        )
        for name, call in calls.items():
            with (
                self.subTest(user=user.login, call=name),
                self.assertRaises(AccessError),
            ):
                call()

    def assertNoChatterOfInquiries(self, user):
        """`user` finds and reads nothing of the inquiries' chatter."""
        for model, field in [
            ("mail.message", "model"),
            ("mail.followers", "res_model"),
            ("mail.activity", "res_model"),
            ("ir.attachment", "res_model"),
        ]:
            with self.subTest(user=user.login, model=model):
                Model = self.as_user(user, model)
                self.assertEqual(Model.search_count([(field, "=", INQUIRY)]), 0)
                self.assertFalse(Model.search([(field, "=", INQUIRY)]))
        for records in [
            self.shared_message | self.note,
            self.bl_forwarded.message_follower_ids,
            self.advisor_activity,
            self.shared_attachment | self.note_attachment | self.record_attachment,
        ]:
            for record in records:
                with (
                    self.subTest(user=user.login, record=record),
                    self.assertRaises(AccessError),
                ):
                    record.with_user(user).read(["res_id"])

    def assertCitizensHidden(self, user, citizens):
        Partner = self.as_user(user, "res.partner")
        for citizen in citizens:
            with self.subTest(user=user.login, citizen=citizen.name):
                self.assertFalse(Partner.name_search(citizen.name))
                self.assertFalse(Partner.search([("name", "=", citizen.name)]))
                self.assertEqual(Partner.search_count([("id", "=", citizen.id)]), 0)
                with self.assertRaises(AccessError):
                    citizen.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    citizen.with_user(user).export_data(["name"])

    # ------------------------------------------------------------------
    # The advisor
    # ------------------------------------------------------------------

    def test_advisor_sees_everything(self):
        Inquiry = self.as_user(self.advisor)
        self.assertEqual(
            Inquiry.search([("id", "in", self.all_inquiries.ids)]), self.all_inquiries
        )
        self.assertEqual(
            self.bl_forwarded.with_user(self.advisor).advisor_notes,
            "The advisor's private notes",
        )
        messages = self.inquiry_messages(self.advisor, self.bl_forwarded)
        self.assertIn(self.note, messages)
        self.assertIn(self.shared_message, messages)
        Partner = self.as_user(self.advisor, "res.partner")
        self.assertEqual(
            Partner.search([("id", "in", (self.citizen_am | self.citizen_bl).ids)]),
            self.citizen_am | self.citizen_bl,
        )

    def test_forward_posts_the_message_for_the_centre(self):
        forwarded = self.env.ref("borgerraadgiver.mt_inquiry_forwarded")
        messages = self.am_forwarded.message_ids.filtered(
            lambda message: message.subtype_id == forwarded
        )
        self.assertEqual(len(messages), 1)
        self.assertIn(self.centre_am.name, messages.body)

    def test_citizens_are_marked(self):
        self.assertTrue(self.citizen_am.is_borgerraadgiver_citizen)
        self.assertFalse(self.normal_partner.is_borgerraadgiver_citizen)
        # the partner of a user stays a normal partner
        inquiry = self._create(self.centre_bl, self.employee.partner_id)
        self.assertEqual(inquiry.citizen_id, self.employee.partner_id)
        self.assertFalse(self.employee.partner_id.is_borgerraadgiver_citizen)

    # ------------------------------------------------------------------
    # Centre staff
    # ------------------------------------------------------------------

    def test_staff_cannot_change_citizens(self):
        """Even with Odoo's "Contact Creation" right, which users created in
        the web client get, centre staff only read the citizens of their
        forwarded inquiries; the ERP's other contacts stay theirs to edit."""
        self.staff_bl.groups_id |= self.env.ref("base.group_partner_manager")
        citizen = self.citizen_bl.with_user(self.staff_bl)
        self.assertEqual(citizen.name, "Zacharias Bl-Borger")
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            citizen.write({"email": "changed@example.com"})
        self.normal_partner.with_user(self.staff_bl).write({"city": "Store Heddinge"})
        self.assertEqual(self.normal_partner.city, "Store Heddinge")

    def test_staff_sees_only_the_centres_forwarded_inquiries(self):
        Inquiry = self.as_user(self.staff_bl)
        self.assertEqual(Inquiry.search([]), self.bl_visible)
        self.assertEqual(Inquiry.search_count([]), 2)
        self.assertEqual(
            {row["id"] for row in Inquiry.search_read([], ["subject"])},
            set(self.bl_visible.ids),
        )
        groups = Inquiry.read_group([], ["state"], ["state"])
        self.assertEqual(
            {
                group["state"]: group["state_count"]
                for group in groups
                if group["state_count"]
            },
            {"forwarded": 1, "closed": 1},
        )
        self.assertEqual(
            {id_ for id_, _name in Inquiry.name_search("Inquiry about")},
            set(self.bl_visible.ids),
        )
        self.assertEqual(len(Inquiry.search([]).export_data(["subject"])["datas"]), 2)
        # none of AM's, no B&L drafts, open or directly closed inquiries
        hidden = self.all_inquiries - self.bl_visible
        self.assertFalse(Inquiry.search([("id", "in", hidden.ids)]))
        self.assertFalse(Inquiry.search([("centre_id", "=", self.centre_am.id)]))

    def test_staff_cannot_read_other_inquiries(self):
        for inquiry in self.all_inquiries - self.bl_visible:
            with self.subTest(inquiry=inquiry.name), self.assertRaises(AccessError):
                inquiry.with_user(self.staff_bl).read(["subject"])
        with self.assertRaises(AccessError):
            self.am_forwarded.with_user(self.staff_bl).export_data(["subject"])
        # a many2one to an inquiry the user cannot read shows no contents
        with self.assertRaises(AccessError):
            self.am_forwarded.with_user(self.staff_bl).subject  # noqa: B018

    def test_staff_cannot_read_advisor_notes(self):
        inquiry = self.bl_forwarded.with_user(self.staff_bl)
        self.assertEqual(inquiry.read(["subject"])[0]["subject"], "Inquiry about T-B&L")
        with self.assertRaises(AccessError):
            inquiry.read(["advisor_notes"])
        with self.assertRaises(AccessError):
            inquiry.search_read([], ["advisor_notes"])
        with self.assertRaises(AccessError):
            inquiry.export_data(["advisor_notes"])
        self.assertNotIn("advisor_notes", inquiry.fields_get())
        self.assertNotIn("advisor_notes", inquiry.read()[0])

    def test_staff_writes_only_the_answer_while_forwarded(self):
        inquiry = self.bl_forwarded.with_user(self.staff_bl)
        for vals in [
            {"subject": "Changed by the centre"},
            {"description": "Changed"},
            {"advisor_notes": "Mine"},
            {"centre_answer": "Answer", "centre_deadline": municipal_today(self.env)},
            {"state": "closed"},
            {"centre_id": self.centre_am.id},
        ]:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                inquiry.write(vals)
        with self.assertRaises(AccessError):
            self.bl_closed_forwarded.with_user(self.staff_bl).write(
                {"centre_answer": "Too late"}
            )
        with self.assertRaises(AccessError):
            self.am_forwarded.with_user(self.staff_bl).write(
                {"centre_answer": "Not ours"}
            )
        inquiry.write({"centre_answer": "We have written to the citizen."})
        self.assertEqual(
            self.bl_forwarded.centre_answer, "We have written to the citizen."
        )
        self.assertEqual(self.bl_forwarded.subject, "Inquiry about T-B&L")

    def test_staff_cannot_create_delete_or_move(self):
        Inquiry = self.as_user(self.staff_bl)
        with self.assertRaises(AccessError):
            Inquiry.create({"subject": "New", "centre_id": self.centre_bl.id})
        for inquiry in self.bl_visible | self.bl_draft:
            with self.subTest(inquiry=inquiry.name), self.assertRaises(AccessError):
                inquiry.with_user(self.staff_bl).unlink()
        self.bl_forwarded.centre_answer_date = municipal_today(self.env)
        for inquiry in self.bl_visible | self.am_forwarded | self.bl_draft:
            for action in ACTIONS:
                with self.subTest(inquiry=inquiry.name, action=action):
                    with self.assertRaises(AccessError):
                        getattr(inquiry.with_user(self.staff_bl), action)()
        self.assertEqual(self.bl_forwarded.state, "forwarded")
        self.assertEqual(self.bl_closed_forwarded.state, "closed")

    def test_answer_notifies_the_advisor(self):
        inquiry = self.bl_forwarded.with_user(self.staff_bl)
        inquiry.write(
            {
                "centre_answer": "We have written to the citizen.",
                "centre_answer_date": municipal_today(self.env),
            }
        )
        activities = self.bl_forwarded.activity_ids.filtered(
            lambda activity: (
                activity.user_id == self.advisor
                and activity.create_uid == self.staff_bl
            )
        )
        self.assertEqual(len(activities), 1)
        # the staff member sees the activity they caused, not the advisor's own
        visible = self.as_user(self.staff_bl, "mail.activity").search(
            [("res_model", "=", INQUIRY)]
        )
        self.assertEqual(visible, activities)
        # the advisor closes
        self.bl_forwarded.with_user(self.advisor).action_close()
        self.assertEqual(self.bl_forwarded.resolution, "forwarded")

    def test_staff_sees_only_the_shared_messages(self):
        messages = self.inquiry_messages(self.staff_bl, self.bl_forwarded)
        self.assertIn(self.shared_message, messages)
        self.assertNotIn(self.note, messages)
        forwarded = self.env.ref("borgerraadgiver.mt_inquiry_forwarded")
        self.assertEqual(messages.subtype_id, forwarded)
        self.assertNotIn(
            self.note, self.bl_forwarded.with_user(self.staff_bl).message_ids
        )
        with self.assertRaises(AccessError):
            self.note.with_user(self.staff_bl).read(["body"])
        self.assertEqual(
            self.as_user(self.staff_bl, "mail.message").search_count(
                [("id", "in", (self.note | self.am_note).ids)]
            ),
            0,
        )
        # nothing of AM's chatter, not even its forwarding message
        self.assertFalse(self.inquiry_messages(self.staff_bl, self.am_forwarded))
        am_messages = self.am_forwarded.message_ids
        with self.assertRaises(AccessError):
            am_messages.with_user(self.staff_bl).read(["body"])

    def test_staff_messages_are_seen_by_both(self):
        inquiry = self.bl_forwarded.with_user(self.staff_bl)
        reply = inquiry.message_post(
            body="The centre has called the citizen.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("answer.txt", b"Our answer")],
        )
        self.assertIn(reply, self.inquiry_messages(self.staff_bl, self.bl_forwarded))
        self.assertIn(reply, self.inquiry_messages(self.advisor, self.bl_forwarded))
        self.assertEqual(
            reply.with_user(self.staff_bl).attachment_ids.name, "answer.txt"
        )
        # the staff cannot change the advisor's message
        with self.assertRaises(AccessError):
            self.shared_message.with_user(self.staff_bl).write({"body": "Changed"})
        with self.assertRaises(AccessError):
            self.shared_message.with_user(self.staff_bl).unlink()

    def test_staff_sees_only_the_shared_attachments(self):
        Attachment = self.as_user(self.staff_bl, "ir.attachment")
        visible = Attachment.search([("res_model", "=", INQUIRY)])
        self.assertEqual(visible, self.shared_attachment)
        self.assertEqual(
            self.shared_attachment.with_user(self.staff_bl).raw, b"The citizen's letter"
        )
        for attachment in self.note_attachment | self.record_attachment:
            with (
                self.subTest(attachment=attachment.name),
                self.assertRaises(AccessError),
            ):
                attachment.with_user(self.staff_bl).read(["raw"])
        with self.assertRaises(AccessError):
            self.shared_attachment.with_user(self.staff_bl).write({"name": "mine"})
        with self.assertRaises(AccessError):
            self.shared_attachment.with_user(self.staff_bl).unlink()

    def test_staff_of_another_centre_sees_nothing_of_bl(self):
        self.assertEqual(self.as_user(self.staff_am).search([]), self.am_forwarded)
        self.assertNoChatterOf(self.staff_am, self.bl_forwarded)
        self.assertCitizensHidden(
            self.staff_am, self.citizen_bl | self.citizen_bl_draft
        )

    def assertNoChatterOf(self, user, inquiry):
        """`user` sees nothing of the chatter of `inquiry` (B&L's forwarded)."""
        for records in [
            self.shared_message | self.note,
            self.shared_attachment | self.note_attachment,
            inquiry.message_follower_ids,
            self.advisor_activity,
        ]:
            for record in records:
                with self.subTest(record=record), self.assertRaises(AccessError):
                    record.with_user(user).read(["res_id"])
        self.assertFalse(self.inquiry_messages(user, inquiry))
        self.assertFalse(
            self.as_user(user, "mail.followers").search(
                [("res_model", "=", INQUIRY), ("res_id", "=", inquiry.id)]
            )
        )

    def test_staff_followers_and_activities(self):
        Followers = self.as_user(self.staff_bl, "mail.followers")
        followers = Followers.search([("res_model", "=", INQUIRY)])
        self.assertTrue(followers)
        self.assertEqual(
            set(followers.mapped("res_id")) - set(self.bl_visible.ids), set()
        )
        with self.assertRaises(AccessError):
            self.am_forwarded.message_follower_ids.with_user(self.staff_bl).read(
                ["name"]
            )
        self.assertFalse(
            self.as_user(self.staff_bl, "mail.activity").search(
                [("res_model", "=", INQUIRY)]
            )
        )
        with self.assertRaises(AccessError):
            self.advisor_activity.with_user(self.staff_bl).read(["summary"])

    def test_staff_sees_citizens_only_through_their_inquiries(self):
        Partner = self.as_user(self.staff_bl, "res.partner")
        self.assertEqual(
            self.citizen_bl.with_user(self.staff_bl).read(["name"])[0]["name"],
            self.citizen_bl.name,
        )
        self.assertEqual(
            Partner.search([("name", "=", self.citizen_bl.name)]), self.citizen_bl
        )
        # the citizen of an AM inquiry, and one with only a B&L draft
        self.assertCitizensHidden(
            self.staff_bl, self.citizen_am | self.citizen_bl_draft
        )
        # the staff sees the citizen's other inquiries only if forwarded to them
        self.assertEqual(
            self.citizen_bl.with_user(self.staff_bl).borgerraadgiver_inquiry_ids,
            self.bl_visible,
        )

    def test_membership_change_takes_effect_at_once(self):
        Inquiry = self.as_user(self.staff_bl)
        self.assertEqual(Inquiry.search([]), self.bl_visible)
        self.centre_bl.write({"user_ids": [Command.unlink(self.staff_bl.id)]})
        self.assertFalse(Inquiry.search([]))
        self.assertEqual(Inquiry.search_count([]), 0)
        with self.assertRaises(AccessError):
            self.bl_forwarded.with_user(self.staff_bl).read(["subject"])
        with self.assertRaises(AccessError):
            self.bl_forwarded.with_user(self.staff_bl).write({"centre_answer": "x"})
        self.assertFalse(self.inquiry_messages(self.staff_bl, self.bl_forwarded))
        self.assertCitizensHidden(self.staff_bl, self.citizen_bl)
        # and back
        self.centre_bl.write({"user_ids": [Command.link(self.staff_bl.id)]})
        self.assertEqual(Inquiry.search([]), self.bl_visible)

    # ------------------------------------------------------------------
    # Statistics, the addon's administrators, every other user
    # ------------------------------------------------------------------

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_statistics_user_sees_no_inquiry(self):
        self.assertNoInquiryModelAccess(self.statistics)
        self.assertNoChatterOfInquiries(self.statistics)
        self.assertCitizensHidden(
            self.statistics, self.citizen_am | self.citizen_bl | self.citizen_bl_draft
        )
        # centres and categories only to read
        centre = self.centre_bl.with_user(self.statistics)
        self.assertEqual(centre.code, "T-B&L")
        with self.assertRaises(AccessError):
            centre.write({"name": "Renamed"})

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_addon_admin_sees_no_inquiry(self):
        self.assertNoInquiryModelAccess(self.br_admin)
        self.assertNoChatterOfInquiries(self.br_admin)
        self.assertCitizensHidden(self.br_admin, self.citizen_am | self.citizen_bl)
        centre = (
            self.env["borgerraadgiver.centre"]
            .with_user(self.br_admin)
            .create({"name": "Ny", "code": "NY"})
        )
        centre.write({"user_ids": [Command.link(self.staff_bl.id)]})
        self.assertIn(self.staff_bl, centre.user_ids)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_internal_user_sees_nothing(self):
        self.assertNoInquiryModelAccess(self.employee)
        self.assertNoChatterOfInquiries(self.employee)
        self.assertCitizensHidden(
            self.employee, self.citizen_am | self.citizen_bl | self.citizen_bl_draft
        )
        # ... but the ERP's other partners, and those of users and companies
        Partner = self.as_user(self.employee, "res.partner")
        for partner in (
            self.normal_partner
            | self.advisor.partner_id
            | self.staff_bl.partner_id
            | self.env.company.partner_id
        ):
            with self.subTest(partner=partner.name):
                self.assertEqual(Partner.search([("id", "=", partner.id)]), partner)
                self.assertTrue(Partner.name_search(partner.name))
        # nor a partner the clerk creates as a citizen
        with self.assertRaises(AccessError):
            Partner.create({"name": "Fake", "is_borgerraadgiver_citizen": True})

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_portal_user_sees_nothing(self):
        self.assertNoInquiryModelAccess(self.portal)
        Message = self.as_user(self.portal, "mail.message")
        self.assertFalse(Message.search([("model", "=", INQUIRY)]))
        with self.assertRaises(AccessError):
            self.shared_message.with_user(self.portal).read(["body"])
        self.assertFalse(
            self.as_user(self.portal, "res.partner").search(
                [("id", "=", self.citizen_am.id)]
            )
        )

    # ------------------------------------------------------------------
    # The advisor's activities on a forwarded inquiry, and the CPR warning
    # of the form, as centre staff
    # ------------------------------------------------------------------

    def centre_answer_activity(self):
        activity_type = self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
        return self.bl_forwarded.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def test_staff_cannot_change_the_advisors_activities(self):
        centre_answer = self.centre_answer_activity()
        self.assertEqual(centre_answer.user_id, self.advisor)
        activities = self.advisor_activity | centre_answer
        deadline = fields.Date.add(municipal_today(self.env), days=60)
        # mail lets whoever may write the inquiry change its activities: centre
        # staff may write the answer on it, not the advisor's activities
        for user in self.staff_bl | self.staff_am | self.employee:
            for activity in activities:
                theirs = activity.with_user(user)
                calls = {
                    "write": lambda a=theirs: a.write({"summary": "Changed"}),
                    "write deadline": lambda a=theirs: a.write(
                        {"date_deadline": deadline}
                    ),
                    "write user": lambda a=theirs, u=user: a.write({"user_id": u.id}),
                    "unlink": lambda a=theirs: a.unlink(),
                    "action_feedback": lambda a=theirs: a.action_feedback(
                        feedback="Done by the centre"
                    ),
                    "action_done": lambda a=theirs: a.action_done(),
                }
                for name, call in calls.items():
                    with (
                        self.subTest(user=user.login, activity=activity.id, call=name),
                        self.assertRaises(AccessError),
                    ):
                        call()
                self.assertFalse(theirs._filtered_access("write"))
                self.assertFalse(theirs._filtered_access("unlink"))
        self.assertEqual(activities.exists(), activities)
        self.assertEqual(self.advisor_activity.summary, "Call the citizen back")
        self.assertEqual(centre_answer.user_id, self.advisor)
        self.assertEqual(centre_answer.date_deadline, self.bl_forwarded.centre_deadline)
        # registering the answer still marks the advisor's activity done and
        # schedules her to-do, which the staff member created and may change
        self.bl_forwarded.with_user(self.staff_bl).write(
            {
                "centre_answer": "We have written to the citizen.",
                "centre_answer_date": municipal_today(self.env),
            }
        )
        self.assertFalse(centre_answer.exists())
        todo = self.bl_forwarded.activity_ids - self.advisor_activity
        self.assertEqual(todo.user_id, self.advisor)
        self.assertEqual(todo.create_uid, self.staff_bl)
        todo.with_user(self.staff_bl).write({"summary": "Answered by phone"})
        self.assertEqual(todo.summary, "Answered by phone")
        with self.assertRaises(AccessError):
            self.advisor_activity.with_user(self.staff_bl).unlink()

    def test_advisor_still_handles_the_activities(self):
        centre_answer = self.centre_answer_activity().with_user(self.advisor)
        deadline = fields.Date.add(municipal_today(self.env), days=60)
        centre_answer.write({"date_deadline": deadline})
        self.assertEqual(centre_answer.date_deadline, deadline)
        centre_answer.action_feedback(feedback="The centre answered by phone")
        self.assertFalse(centre_answer.exists())
        activity = self.advisor_activity.with_user(self.advisor)
        activity.write({"summary": "Call the citizen back today"})
        self.assertEqual(activity.summary, "Call the citizen back today")
        activity.unlink()
        self.assertFalse(activity.exists())
        # also the to-do a staff member created for her
        self.bl_forwarded.with_user(self.staff_bl).centre_answer_date = municipal_today(
            self.env
        )
        todo = self.bl_forwarded.activity_ids.with_user(self.advisor)
        self.assertEqual(todo.create_uid, self.staff_bl)
        todo.write({"summary": "Close it"})
        todo.action_done()
        self.assertFalse(todo.exists())

    def test_staff_cpr_warning_leaves_the_notes_unread(self):
        # the advisor's notes hold a CPR number; the centre must not learn of
        # them, not even from a warning
        self.bl_forwarded.with_user(
            self.advisor
        ).advisor_notes = "The citizen's CPR number is 020280-1111."
        inquiry = self.bl_forwarded.with_user(self.staff_bl)
        with Form(inquiry) as form:
            with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
                form.centre_answer = "We have called the citizen."
            with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
                form.centre_answer = "We have called the citizen, CPR 010190-1234."
        self.assertEqual(len(logs.output), 1)
        # in the language of the database's users, whatever it is
        self.assertIn("CPR", logs.output[0])
        self.assertIn(inquiry._field_label("centre_answer"), logs.output[0])
        self.assertNotIn(inquiry._field_label("advisor_notes"), logs.output[0])
        self.assertEqual(
            self.bl_forwarded.centre_answer,
            "We have called the citizen, CPR 010190-1234.",
        )
        self.assertEqual(
            self.bl_forwarded.with_user(self.advisor).advisor_notes,
            "The citizen's CPR number is 020280-1111.",
        )
