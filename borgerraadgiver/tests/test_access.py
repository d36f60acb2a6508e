"""Who may see and do what (issue 8): every role, every way into the data.

Each test works as one user with ``with_user`` and asserts what that user must
not be able to do: an ``AccessError`` where the record or the model is not
theirs, and counts where a search must leave records out.
"""

import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.municipal_day import municipal_today

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
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

        # Citizens, in the advisor's register
        Citizen = env["borgerraadgiver.citizen"].with_user(cls.advisor)
        cls.citizen_bl = Citizen.create({"name": "Zacharias Bl-Borger"})
        cls.citizen_bl_draft = Citizen.create({"name": "Xenia Kladde-Borger"})
        cls.citizen_am = Citizen.create({"name": "Yrsa Am-Borger"})
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
        cls.bl_referrals = (cls.bl_forwarded | cls.bl_closed_forwarded).referral_ids

        # The chatter of the B&L forwarded inquiry: a message of the advisor's,
        # her log note, and an activity of hers
        cls.shared_message = cls.bl_forwarded.message_post(
            body="Please find the citizen's letter attached.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
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
                "consent_forwarding": True,
                "consent_contact_details": True,
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
        """Only the advisor has access rights to the register of citizens."""
        Citizen = self.as_user(user, "borgerraadgiver.citizen")
        for citizen in citizens:
            calls = {
                "name_search": lambda c=citizen: Citizen.name_search(c.name),
                "search": lambda c=citizen: Citizen.search([("name", "=", c.name)]),
                "search_count": lambda c=citizen: Citizen.search_count(
                    [("id", "=", c.id)]
                ),
                "read": lambda c=citizen: c.with_user(user).read(["name"]),
                "export_data": lambda c=citizen: c.with_user(user).export_data(
                    ["name"]
                ),
            }
            for name, call in calls.items():
                with (
                    self.subTest(user=user.login, citizen=citizen.name, call=name),
                    self.assertRaises(AccessError),
                ):
                    call()

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
        Citizen = self.as_user(self.advisor, "borgerraadgiver.citizen")
        self.assertEqual(
            Citizen.search([("id", "in", (self.citizen_am | self.citizen_bl).ids)]),
            self.citizen_am | self.citizen_bl,
        )

    def test_forward_posts_the_message_for_the_centre(self):
        forwarded = self.env.ref("borgerraadgiver.mt_inquiry_forwarded")
        messages = self.am_forwarded.message_ids.filtered(
            lambda message: message.subtype_id == forwarded
        )
        self.assertEqual(len(messages), 1)
        self.assertIn(self.centre_am.name, messages.body)

    # ------------------------------------------------------------------
    # Centre staff: the referrals of their centre, nothing of the inquiry
    # ------------------------------------------------------------------

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_staff_have_no_access_to_inquiries(self):
        for staff in self.staff_bl | self.staff_am:
            self.assertNoInquiryModelAccess(staff)
            self.assertNoChatterOfInquiries(staff)

    @mute_logger("odoo.models")
    def test_staff_have_no_access_to_the_register(self):
        self.assertCitizensHidden(
            self.staff_bl, self.citizen_bl | self.citizen_am | self.citizen_bl_draft
        )

    def test_staff_see_only_their_centres_referrals(self):
        Referral = self.as_user(self.staff_bl, REFERRAL)
        self.assertEqual(Referral.search([]), self.bl_referrals)
        self.assertEqual(Referral.search_count([]), len(self.bl_referrals))
        self.assertEqual(
            {name for _id, name in Referral.name_search("")},
            set(self.bl_referrals.mapped("display_name")),
        )
        theirs = self.am_forwarded.referral_ids.with_user(self.staff_bl)
        for name, call in {
            "read": lambda: theirs.read(["description"]),
            "export": lambda: theirs.export_data(["description", "citizen_name"]),
            "message_post": lambda: theirs.message_post(body="Hello"),
        }.items():
            with self.subTest(call=name), self.assertRaises(AccessError):
                call()
        # following it is refused, and adds nobody
        with self.assertRaises(AccessError):
            theirs.message_subscribe(partner_ids=self.staff_bl.partner_id.ids)
        self.assertNotIn(
            self.staff_bl.partner_id, theirs.sudo().message_follower_ids.partner_id
        )

    def test_staff_converse_with_the_advisor_on_the_referral(self):
        referral = self.bl_forwarded.referral_ids
        question = referral.with_user(self.staff_bl).message_post(
            body="Has the citizen sent the decision?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(question.author_id, self.staff_bl.partner_id)
        self.assertIn(question, referral.with_user(self.advisor).message_ids)
        answer = referral.with_user(self.advisor).message_post(
            body="Yes, it is attached.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("decision.txt", b"The decision")],
        )
        seen = self.as_user(self.staff_bl, "mail.message").search(
            [("model", "=", REFERRAL), ("res_id", "=", referral.id)]
        )
        self.assertIn(answer, seen)
        answer.attachment_ids.with_user(self.staff_bl).read(["datas"])
        # the staff of another centre see none of it
        for record, field in (
            (question, "body"),
            (answer, "body"),
            (answer.attachment_ids, "datas"),
        ):
            with self.assertRaises(AccessError):
                record.with_user(self.staff_am).read([field])

    def test_membership_change_takes_effect_at_once(self):
        Referral = self.as_user(self.staff_bl, REFERRAL)
        self.assertEqual(Referral.search([]), self.bl_referrals)
        self.centre_bl.write({"user_ids": [Command.unlink(self.staff_bl.id)]})
        self.assertFalse(Referral.search([]))
        referral = self.bl_forwarded.referral_ids.with_user(self.staff_bl)
        with self.assertRaises(AccessError):
            referral.read(["subject"])
        with self.assertRaises(AccessError):
            referral.write({"answer": "x", "answer_date": municipal_today(self.env)})
        # and back
        self.centre_bl.write({"user_ids": [Command.link(self.staff_bl.id)]})
        self.assertEqual(Referral.search([]), self.bl_referrals)

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

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_portal_user_sees_nothing(self):
        self.assertNoInquiryModelAccess(self.portal)
        Message = self.as_user(self.portal, "mail.message")
        self.assertFalse(Message.search([("model", "=", INQUIRY)]))
        with self.assertRaises(AccessError):
            self.shared_message.with_user(self.portal).read(["body"])
        self.assertCitizensHidden(self.portal, self.citizen_am)
        with self.assertRaises(AccessError):
            self.as_user(self.portal, REFERRAL).search_count([])
