"""An attacker's review of the access promise (README, "Who may see and do
what"): each role logs in and tries the paths of the ORM (what JSON-RPC's
call_kw reaches), the HTTP routes and the bus.

``test_closed_*``: a path an attacker's review found open (referrals issue),
closed since; the test asserts what the role must NOT be able to do.
``test_holds_*``: a path tried where the protection held from the start.

Known and left (README, "Who may see and do what"): the addon's
administrator sets a centre's e-mail address and its staff, so IT decides
where referrals go; that is the role's job, not a hole of the access rules.
"""

import io
import json
import re
import zipfile
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.municipal_day import municipal_today
from .common import AttackCase

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
CITIZEN = "borgerraadgiver.citizen"

# What only the advisor (and, for the referral, its own centre) may ever read
CITIZEN_NAME = "Ingrid Fortrolig"
CITIZEN_EMAIL = "ingrid.fortrolig@borger.example"
CITIZEN_PHONE = "+45 11 22 33 44"
OTHER_CITIZEN_NAME = "Oskar Hemmelig"
OTHER_CITIZEN_EMAIL = "oskar.hemmelig@borger.example"
BL_TEXT = "REFERRAL-BL-TEXT: the citizen's son was refused support"
AM_TEXT = "REFERRAL-AM-TEXT: the citizen's sickness benefit stopped"
ADVISOR_NOTES = "ADVISOR-NOTES-SECRET"
LOG_NOTE = "ADVISOR-LOG-NOTE-SECRET"
MAIL_SUBJECT = "Klage over Jobcentret - Ingrid Fortrolig"
INQUIRY_FILE = "fuldmagt-ingrid-fortrolig.pdf"


class AttackWorld:
    """Every role, two centres with staff, two forwarded inquiries with the
    advisor's notes, log notes, files and a citizen who was mailed."""

    @classmethod
    def _setup_world(cls):
        env = cls.env
        env.company.email = "kommunen@stevns.example"

        def user(login, groups, **kw):
            return new_test_user(
                env,
                login=login,
                password=f"{login}-pw-2026",
                groups=groups,
                email=f"{login}@stevns.example",
                tz="Europe/Copenhagen",
                **kw,
            )

        cls.advisor = user(
            "atk_advisor", "borgerraadgiver.group_advisor", name="Atk Advisor"
        )
        cls.staff_bl = user(
            "atk_staff_bl",
            "borgerraadgiver.group_centre_staff,base.group_allow_export",
            name="Atk Staff BL",
            notification_type="inbox",
        )
        cls.staff_am = user(
            "atk_staff_am",
            "borgerraadgiver.group_centre_staff,base.group_allow_export",
            name="Atk Staff AM",
            notification_type="inbox",
        )
        cls.statistics = user(
            "atk_statistics", "borgerraadgiver.group_statistics", name="Atk Director"
        )
        cls.br_admin = user(
            "atk_br_admin", "borgerraadgiver.group_admin", name="Atk Municipal IT"
        )
        cls.plain = user("atk_plain", "base.group_user", name="Atk Sales Clerk")
        cls.portal = user("atk_portal", "base.group_portal", name="Atk Portal")

        Centre = env["borgerraadgiver.centre"]
        cls.centre_bl = Centre.create(
            {
                "name": "Atk Børn & Læring",
                "code": "ATK-BL",
                "email": "bl@stevns.example",
                "user_ids": [Command.link(cls.staff_bl.id)],
            }
        )
        cls.centre_am = Centre.create(
            {
                "name": "Atk Arbejdsmarked",
                "code": "ATK-AM",
                "email": "am@stevns.example",
                "user_ids": [Command.link(cls.staff_am.id)],
            }
        )
        category = env.ref("borgerraadgiver.category_2")

        Citizen = env[CITIZEN].with_user(cls.advisor)
        cls.citizen = Citizen.create(
            {
                "name": CITIZEN_NAME,
                "email": CITIZEN_EMAIL,
                "phone": CITIZEN_PHONE,
                "street": "Hemmelig Allé 7",
                "zip": "4660",
                "city": "Store Heddinge",
            }
        )
        cls.other_citizen = Citizen.create(
            {"name": OTHER_CITIZEN_NAME, "email": OTHER_CITIZEN_EMAIL}
        )
        # the advisor has mailed both: each has the addon's own, hidden partner
        cls.citizen_partner = cls.citizen._get_mail_partner()
        cls.other_partner = cls.other_citizen._get_mail_partner()
        # an ordinary ERP contact (a supplier's contact person) that happens to
        # have the other citizen's address
        cls.supplier_contact = env["res.partner"].create(
            {"name": "Oskar (Leverandør ApS)", "email": OTHER_CITIZEN_EMAIL}
        )

        Inquiry = env[INQUIRY].with_user(cls.advisor)

        def forwarded(centre, citizen, text):
            inquiry = Inquiry.create(
                {
                    "subject": f"Atk complaint {centre.code}",
                    "description": f"What {citizen.name} told the advisor",
                    "advisor_notes": ADVISOR_NOTES,
                    "centre_id": centre.id,
                    "category_id": category.id,
                    "citizen_id": citizen.id,
                    "consent_forwarding": True,
                    "consent_contact_details": True,
                }
            )
            inquiry.action_open()
            return inquiry

        cls.inquiry_bl = forwarded(cls.centre_bl, cls.citizen, BL_TEXT)
        cls.inquiry_am = forwarded(cls.centre_am, cls.other_citizen, AM_TEXT)
        # the advisor's own files on the inquiry: one she shares, one she keeps
        Attachment = env["ir.attachment"].with_user(cls.advisor)
        cls.shared_file = Attachment.create(
            {
                "name": "decision.pdf",
                "raw": b"the decision",
                "res_model": INQUIRY,
                "res_id": cls.inquiry_bl.id,
            }
        )
        cls.inquiry_file = Attachment.create(
            {
                "name": INQUIRY_FILE,
                "raw": b"POWER-OF-ATTORNEY-CONTENT",
                "res_model": INQUIRY,
                "res_id": cls.inquiry_bl.id,
            }
        )
        cls.inquiry_bl.action_forward(
            description=BL_TEXT, attachment_ids=cls.shared_file.ids
        )
        cls.inquiry_am.action_forward(description=AM_TEXT)
        cls.referral_bl = cls.inquiry_bl.referral_ids
        cls.referral_am = cls.inquiry_am.referral_ids
        # her log note on the inquiry, and a citizen's mail on it
        cls.log_note = cls.inquiry_bl.message_post(
            body=LOG_NOTE, subtype_xmlid="mail.mt_note"
        )
        cls.citizen_mail = cls.inquiry_bl.sudo().message_post(
            subject=MAIL_SUBJECT,
            body="Kære borgerrådgiver, ...",
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=cls.citizen_partner.id,
        )
        cls.others = cls.plain | cls.statistics | cls.br_admin


@tagged("post_install", "-at_install")
class TestAttackOrm(AttackWorld, AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    def composer(self, user, model, res_ids, **values):
        """The mail composer, created as `user` the way the chatter's full
        composer does (create, then web_read: both call_kw over JSON-RPC)."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(user)
            .create(
                dict(
                    {
                        "composition_mode": "comment",
                        "model": model,
                        "res_ids": repr(list(res_ids)),
                    },
                    **values,
                )
            )
        )
        return composer.web_read({"body": {}, "subject": {}, "record_name": {}})[0]

    # ==================================================================
    # Holes
    # ==================================================================

    @mute_logger("odoo.models", "odoo.addons.mail.models.mail_render_mixin")
    def test_holds_composer_renders_no_referral(self):
        """The composer renders the addon's template mail_template_referral
        on another centre's referral as the user (body/subject are
        compute_sudo=False; non-editors render in the restricted mode):
        refused, nothing of the referral comes back."""
        template = self.env.ref("borgerraadgiver.mail_template_referral")
        for user in self.staff_am | self.others:
            with self.subTest(user=user.login):
                try:
                    values = self.composer(
                        user, REFERRAL, self.referral_bl.ids, template_id=template.id
                    )
                except (AccessError, UserError):
                    continue
                leaked = f"{values['subject']} {values['body']}"
                for secret in (BL_TEXT, CITIZEN_PHONE, CITIZEN_NAME, CITIZEN_EMAIL):
                    self.assertNotIn(secret, leaked)

    @mute_logger("odoo.models", "odoo.addons.mail.models.mail_render_mixin")
    def test_holds_composer_lists_no_referral(self):
        """The advisor's daily digest template (on res.users) takes the
        referral ids from the context: rendered by the composer as the user,
        it lists none of them."""
        template = self.env.ref("borgerraadgiver.mail_template_advisor_digest")
        ids = (self.referral_bl | self.referral_am).ids
        for user in self.staff_am | self.others:
            with self.subTest(user=user.login):
                values = self.composer(
                    user.with_context(borgerraadgiver_overdue_ids=ids),
                    "res.users",
                    user.ids,
                    template_id=template.id,
                )
                self.assertNotIn(self.referral_bl.name, values["body"] or "")
                self.assertNotIn(self.referral_bl.subject, values["body"] or "")

    def test_closed_composer_names_the_register(self):
        """A plain user (and every other role) reads the citizens' register
        by id: the composer's record_name is the display name of the
        (model, res_ids) given, computed as superuser."""
        for user in self.staff_bl | self.others:
            with self.subTest(user=user.login):
                try:
                    values = self.composer(user, CITIZEN, self.citizen.ids)
                except AccessError:
                    continue
                self.assertNotEqual(values["record_name"], CITIZEN_NAME)
                self.assertNotEqual(values["subject"], CITIZEN_NAME)

    def test_closed_composer_reads_inquiry_mail(self):
        """Replying to a message (parent_id) of the advisor's inquiry: the
        composer copies its subject and record name as superuser, so any
        user reads the subject of a citizen's mail to the advisor and the
        inquiry's number."""
        for user in self.staff_bl | self.others:
            with self.subTest(user=user.login):
                try:
                    values = self.composer(
                        user,
                        INQUIRY,
                        self.inquiry_bl.ids,
                        parent_id=self.citizen_mail.id,
                    )
                except AccessError:
                    continue
                self.assertNotEqual(values["subject"], MAIL_SUBJECT)
                self.assertNotEqual(values["record_name"], self.inquiry_bl.name)

    def test_closed_hidden_mail_partner_named_by_many2one(self):
        """The addon's citizen partners are hidden by a record rule, but any
        many2one a user may set shows its display name as superuser
        (web_read): a plain user sets the composer's author to partner ids
        and reads the citizens' names."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.plain)
            .create(
                {"composition_mode": "comment", "author_id": self.citizen_partner.id}
            )
        )
        values = composer.web_read({"author_id": {"fields": {"display_name": {}}}})[0]
        self.assertNotEqual(
            (values["author_id"] or {}).get("display_name"), CITIZEN_NAME
        )

    def test_closed_removed_staff_still_follow_the_referral(self):
        """README: "adding or removing someone from a centre takes effect at
        once". A staff member taken off the centre stays a follower of the
        centre's referrals: the advisor's later messages still reach her
        (notification, inbox over the bus), she still finds and reads them
        (mail.message: notified partners may read) and may still post on the
        referral (mail.message create: followers may post)."""
        self.centre_bl.write({"user_ids": [Command.unlink(self.staff_bl.id)]})
        with self.assertRaises(AccessError):
            self.referral_bl.with_user(self.staff_bl).read(["description"])
        later = self.referral_bl.with_user(self.advisor).message_post(
            body="NEW-AFTER-REMOVAL: the citizen called again",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env.cr.precommit.run()
        Message = self.env["mail.message"].with_user(self.staff_bl)
        with self.subTest(path="notification"):
            self.assertNotIn(
                self.staff_bl.partner_id, later.notification_ids.res_partner_id
            )
        with self.subTest(path="bus"):
            self.assertFalse(
                self.env["bus.bus"]
                .sudo()
                .search(
                    [
                        (
                            "channel",
                            "like",
                            f'"res.partner",{self.staff_bl.partner_id.id}]',
                        ),
                        ("message", "like", "NEW-AFTER-REMOVAL"),
                    ]
                )
            )
        with self.subTest(path="search"):
            # (what reached her while she was staff, she has had by mail)
            self.assertFalse(
                Message.search(
                    [
                        ("model", "=", REFERRAL),
                        ("res_id", "=", self.referral_bl.id),
                        ("id", ">=", later.id),
                    ]
                )
            )
        with self.subTest(path="read"):
            self.assertRefused(lambda: later.with_user(self.staff_bl).read(["body"]))
        with self.subTest(path="post"):
            self.assertRefused(
                lambda: (
                    self.env["mail.message"]
                    .with_user(self.staff_bl)
                    .create(
                        {
                            "model": REFERRAL,
                            "res_id": self.referral_bl.id,
                            "body": "still here",
                            "message_type": "comment",
                            "subtype_id": self.env.ref("mail.mt_comment").id,
                        }
                    )
                )
            )

    def test_closed_reminder_mails_readable_as_messages(self):
        """The daily reminders are queued mail.mail whose mail.message hangs on
        the centre (reminders) and on the advisor's res.users (digest). Until
        the queue sends them (and for good when the SMTP server refuses:
        they stay and are retried) any internal user reads the digest with
        every centre's referrals, and another centre's staff (and management,
        the addon admin) read a centre's reminder."""
        self.advisor.email = "atk.advisor@stevns.example"
        self.referral_bl.sudo().with_context(borgerraadgiver_from_inquiry=True).write(
            {"deadline": municipal_today(self.env) - timedelta(days=3)}
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "borgerraadgiver.reminder_date", False
        )
        self.env["borgerraadgiver.centre"]._cron_send_reminders()
        Message = self.env["mail.message"]
        mails = self.env["mail.mail"].search(
            [("headers", "ilike", "X-Borgerraadgiver-Reminder")]
        )
        digest = mails.filtered(lambda m: "advisor" in m.headers).mail_message_id
        reminder = mails.filtered(
            lambda m: "centre" in m.headers and self.referral_bl.name in m.body_html
        ).mail_message_id
        self.assertTrue(digest and reminder, "the cron queued no reminder")
        for user, message in [
            (self.plain, digest),
            (self.staff_am, digest),
            (self.staff_am, reminder),
            (self.statistics, reminder),
            (self.br_admin, reminder),
        ]:
            with self.subTest(user=user.login, messages=message.ids):
                found = Message.with_user(user).search(
                    [("body", "ilike", self.referral_bl.name)]
                )
                self.assertFalse(message & found)

    def test_closed_answer_wizard_names_another_centres_referral(self):
        """Staff create the Register Answer wizard on any referral id; its
        many2one would show the other centre's referral number (display name
        read as superuser by web_read/onchange): the wizard is refused."""
        with self.assertRaises(AccessError):
            self.env["borgerraadgiver.referral.answer"].with_user(self.staff_am).create(
                {"referral_id": self.referral_bl.id, "answer": "x"}
            )

    def test_closed_activity_moved_onto_any_record(self):
        """Staff schedule an activity on their referral, then write its
        res_model_id/res_id: mail.activity checks only its own rule (created
        or assigned) on write, not the new document. Moved onto a citizen
        its res_name (compute_sudo) is the citizen's name and the activity
        stays readable (assigned to her); moved onto the advisor's inquiry it
        lands in her chatter, created by centre staff."""
        Activity = self.env["mail.activity"].with_user(self.staff_bl)
        model_id = self.env["ir.model"]._get_id

        def own_activity():
            return Activity.create(
                {
                    "res_model_id": model_id(REFERRAL),
                    "res_id": self.referral_bl.id,
                    "user_id": self.staff_bl.id,
                    "summary": "Atk moved activity",
                }
            )

        with self.subTest(target="citizen"):
            activity = own_activity()
            try:
                with self.env.cr.savepoint():
                    activity.write(
                        {"res_model_id": model_id(CITIZEN), "res_id": self.citizen.id}
                    )
                    activity.invalidate_recordset()
                    name = activity.read(["res_name"])[0]["res_name"]
            except (AccessError, UserError):
                name = False
            self.assertNotEqual(name, CITIZEN_NAME)
        with self.subTest(target="inquiry"):
            activity = own_activity()
            self.assertRefused(
                lambda: activity.write(
                    {
                        "res_model_id": model_id(INQUIRY),
                        "res_id": self.inquiry_bl.id,
                        "summary": "Close it as unfounded",
                    }
                )
            )
        with self.subTest(target="other centre's referral"):
            activity = own_activity()
            try:
                with self.env.cr.savepoint():
                    activity.write({"res_id": self.referral_am.id})
                    activity.invalidate_recordset()
                    name = activity.read(["res_name"])[0]["res_name"]
            except (AccessError, UserError):
                name = False
            self.assertNotEqual(name, self.referral_am.name)

    def test_closed_plain_user_lists_referral_followers(self):
        """mail.followers is readable by every internal user (the addon hides
        only the inquiries'): a plain ERP user lists the referrals (ids) and
        who in which centre works on them."""
        for user in self.plain | self.statistics | self.br_admin:
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.env["mail.followers"]
                    .with_user(user)
                    .search([("res_model", "=", REFERRAL)])
                )
        # centre staff: who follows their own centre's referrals, no other's
        Followers = self.env["mail.followers"].with_user(self.staff_am)
        self.assertFalse(
            Followers.search(
                [("res_model", "=", REFERRAL), ("res_id", "=", self.referral_bl.id)]
            )
        )
        own = Followers.search([("res_model", "=", REFERRAL)])
        self.assertTrue(own)
        self.assertEqual(set(own.mapped("res_id")), {self.referral_am.id})

    def test_holds_referral_rule_decides_its_chatter(self):
        """Who sees a referral's followers and notifications is decided by
        the referral's record rule alone: widen it, and they follow."""
        domain = [("res_model", "=", REFERRAL), ("res_id", "=", self.referral_bl.id)]
        Followers = self.env["mail.followers"].with_user(self.staff_am)
        Notifications = self.env["mail.notification"].with_user(self.staff_am)
        of_bl = [
            ("mail_message_id.model", "=", REFERRAL),
            ("mail_message_id.res_id", "=", self.referral_bl.id),
        ]
        self.assertFalse(Followers.search(domain))
        self.assertFalse(Notifications.search(of_bl))
        self.assertTrue(self.env["mail.notification"].search(of_bl))
        self.env["ir.rule"].create(
            {
                "name": "AM staff also read this B&L referral",
                "model_id": self.env["ir.model"]._get_id(REFERRAL),
                "groups": [
                    Command.link(self.env.ref("borgerraadgiver.group_centre_staff").id)
                ],
                "domain_force": f"[('id', '=', {self.referral_bl.id})]",
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        self.assertTrue(Followers.search(domain))
        self.assertTrue(Notifications.search(of_bl))

    # ==================================================================
    # Protections that hold
    # ==================================================================

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_other_centres_referral(self):
        Referral = self.env[REFERRAL].with_user(self.staff_am)
        theirs = self.referral_bl.with_user(self.staff_am)
        self.assertNotIn(self.referral_bl, Referral.search([]))
        self.assertFalse(Referral.search_count([("id", "=", self.referral_bl.id)]))
        self.assertFalse(Referral.name_search(self.referral_bl.name))
        groups = Referral.read_group([], ["centre_id"], ["centre_id"])
        self.assertNotIn(
            self.centre_bl.id, [g["centre_id"] and g["centre_id"][0] for g in groups]
        )
        self.assertFalse(
            Referral.web_search_read(
                [("description", "ilike", "REFERRAL-BL")], {"description": {}}
            )["records"]
        )
        for name, call in {
            "read": lambda: theirs.read(["description"]),
            "web_read": lambda: theirs.web_read({"citizen_phone": {}}),
            "export_data": lambda: theirs.export_data(["description"]),
            "write": lambda: theirs.write({"answer": "x"}),
            "copy": lambda: theirs.copy(),
            "message_post": lambda: theirs.message_post(body="x"),
            "activity": lambda: (
                self.env["mail.activity"]
                .with_user(self.staff_am)
                .create(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(REFERRAL),
                        "res_id": self.referral_bl.id,
                        "user_id": self.staff_am.id,
                    }
                )
            ),
        }.items():
            with self.subTest(call=name), self.assertRaises(AccessError):
                call()
        for user in self.others | self.portal:
            if user.has_group("borgerraadgiver.group_centre_staff"):
                # management has centre staff's rights (the roles are a
                # chain): on no centre's staff list, the rule shows it none
                with self.subTest(user=user.login):
                    self.assertFalse(self.env[REFERRAL].with_user(user).search([]))
                    with self.assertRaises(AccessError):
                        self.referral_bl.with_user(user).read(["description"])
                continue
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env[REFERRAL].with_user(user).search([])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_inquiry_behind_own_referral(self):
        Referral = self.env[REFERRAL].with_user(self.staff_bl)
        mine = self.referral_bl.with_user(self.staff_bl)
        self.assertNotIn("inquiry_id", Referral.fields_get())
        for name, call in {
            "read": lambda: mine.read(["inquiry_id"]),
            "search_read": lambda: Referral.search_read([], ["inquiry_id"]),
            "web_read": lambda: mine.web_read(
                {"inquiry_id": {"fields": {"display_name": {}, "advisor_notes": {}}}}
            ),
            "web_search_read": lambda: Referral.web_search_read(
                [], {"inquiry_id": {"fields": {"subject": {}}}}
            ),
            "domain": lambda: Referral.search([("inquiry_id.subject", "ilike", "Atk")]),
            "domain_notes": lambda: Referral.search(
                [("inquiry_id.advisor_notes", "ilike", "SECRET")]
            ),
            "order": lambda: Referral.search([], order="inquiry_id"),
            "read_group": lambda: Referral.read_group(
                [], ["inquiry_id"], ["inquiry_id"]
            ),
            "export": lambda: mine.export_data(["inquiry_id/advisor_notes"]),
            "write_other_field": lambda: mine.write({"description": "changed"}),
            "web_save_other_field": lambda: mine.web_save(
                {"deadline": "2030-01-01"}, {}
            ),
            "answer_and_more": lambda: mine.write(
                {
                    "answer": "x",
                    "answer_date": municipal_today(self.env),
                    "centre_id": self.centre_am.id,
                }
            ),
        }.items():
            with self.subTest(call=name):
                self.assertRefused(call)
        # the forward wizard is the advisor's
        with self.assertRaises(AccessError):
            self.env["borgerraadgiver.referral.send"].with_user(self.staff_bl).create(
                {"inquiry_id": self.inquiry_bl.id, "subject": "x"}
            )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_answer_wizard(self):
        Wizard = self.env["borgerraadgiver.referral.answer"]
        today = municipal_today(self.env)
        # another centre's referral: not even the wizard
        with self.assertRaises(AccessError):
            Wizard.with_user(self.staff_am).create(
                {
                    "referral_id": self.referral_bl.id,
                    "answer": "x",
                    "answer_date": today,
                }
            )
        # a withdrawn referral of one's own centre
        self.inquiry_am.with_user(self.advisor).action_cancel()
        self.assertEqual(self.referral_am.state, "withdrawn")
        with self.assertRaises(UserError):  # AccessError is a UserError
            Wizard.with_user(self.staff_am).create(
                {
                    "referral_id": self.referral_am.id,
                    "answer": "x",
                    "answer_date": today,
                }
            ).action_register()
        self.assertFalse(self.referral_am.answer)
        # an answered one cannot be rewritten
        Wizard.with_user(self.staff_bl).create(
            {
                "referral_id": self.referral_bl.id,
                "answer": "first",
                "answer_date": today,
            }
        ).action_register()
        with self.assertRaises(AccessError):
            Wizard.with_user(self.staff_bl).create(
                {
                    "referral_id": self.referral_bl.id,
                    "answer": "second",
                    "answer_date": today,
                }
            ).action_register()
        self.assertEqual(self.referral_bl.answer, "first")

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_inquiry_files(self):
        """The advisor's files on the inquiry: not found, not read, not
        linked to a message of one's own (RPC message_post, mail.message
        create/write), while the copy shared on the referral is readable."""
        copy = self.env["ir.attachment"].search(
            [("res_model", "=", REFERRAL), ("res_id", "=", self.referral_bl.id)]
        )
        self.assertEqual(copy.name, "decision.pdf")
        self.assertEqual(copy.with_user(self.staff_bl).raw, b"the decision")
        for user in self.staff_bl | self.staff_am | self.others:
            Attachment = self.env["ir.attachment"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(Attachment.search([("res_model", "=", INQUIRY)]))
                self.assertFalse(Attachment.search([("name", "=", INQUIRY_FILE)]))
                self.assertFalse(Attachment.search([("id", "=", self.inquiry_file.id)]))
                with self.assertRaises(AccessError):
                    self.inquiry_file.with_user(user).read(["name", "raw"])
        mine = self.referral_bl.with_user(self.staff_bl)
        with self.assertRaises(AccessError):
            mine.message_post(body="see", attachment_ids=self.inquiry_file.ids)
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.staff_bl).create(
                {
                    "model": REFERRAL,
                    "res_id": self.referral_bl.id,
                    "body": "see",
                    "message_type": "comment",
                    "attachment_ids": [Command.link(self.inquiry_file.id)],
                }
            )
        own = mine.message_post(body="mine", message_type="comment")
        with self.assertRaises(AccessError):
            own.with_user(self.staff_bl).write(
                {"attachment_ids": [Command.link(self.inquiry_file.id)]}
            )
        self.assertTrue(self.inquiry_file.exists())

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_inquiry_chatter(self):
        for user in self.staff_bl | self.others | self.portal:
            with self.subTest(user=user.login):
                Message = self.env["mail.message"].with_user(user)
                self.assertFalse(Message.search([("model", "=", INQUIRY)]))
                self.assertFalse(Message.search([("body", "ilike", LOG_NOTE)]))
                with self.assertRaises(AccessError):
                    (self.log_note | self.citizen_mail).with_user(user).read(["body"])
                if user.share:
                    continue
                self.assertFalse(
                    self.env["mail.followers"]
                    .with_user(user)
                    .search([("res_model", "=", INQUIRY)])
                )
                self.assertFalse(
                    self.env["mail.activity"]
                    .with_user(user)
                    .search([("res_model", "=", INQUIRY)])
                )
        # what the staff read on their referral: nothing of the inquiry
        messages = (
            self.env["mail.message"]
            .with_user(self.staff_bl)
            .search([("model", "=", REFERRAL), ("res_id", "=", self.referral_bl.id)])
        )
        text = " ".join(messages.mapped("body"))
        for secret in (LOG_NOTE, ADVISOR_NOTES, MAIL_SUBJECT, INQUIRY_FILE):
            self.assertNotIn(secret, text)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_register_and_mail_partners(self):
        hidden = self.citizen_partner | self.other_partner
        for user in self.staff_bl | self.others | self.portal:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env[CITIZEN].with_user(user).search([])
                Partner = self.env["res.partner"].with_user(user)
                self.assertFalse(Partner.search([("id", "in", hidden.ids)]))
                self.assertFalse(Partner.name_search(CITIZEN_NAME))
                self.assertFalse(Partner.search([("email", "=", CITIZEN_EMAIL)]))
                with self.assertRaises(AccessError):
                    hidden.with_user(user).read(["name"])
                if user.share:
                    continue
                store = Partner.get_mention_suggestions(CITIZEN_NAME)
                self.assertNotIn(CITIZEN_NAME, json.dumps(store))
        # the ERP's own contact with the other citizen's address stays visible
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.plain)
            .search([("email", "=", OTHER_CITIZEN_EMAIL)]),
            self.supplier_contact,
        )
        # a chat with a citizen's partner is refused, not named
        with self.assertRaises(AccessError):
            self.env["discuss.channel"].with_user(self.plain).channel_get(
                [self.citizen_partner.id]
            )

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_templates_and_queue_as_plain_user(self):
        template = self.env.ref("borgerraadgiver.mail_template_referral")
        for user in self.staff_am | self.others:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    template.with_user(user).send_mail(self.referral_bl.id)
                with self.assertRaises(AccessError):
                    self.env["mail.mail"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["mail.tracking.value"].with_user(user).search([])
                preview = self.env["mail.template.preview"].with_user(user)
                try:
                    rendered = preview.create(
                        {
                            "mail_template_id": template.id,
                            "resource_ref": f"{REFERRAL},{self.referral_bl.id}",
                        }
                    ).body_html
                except (AccessError, UserError):
                    rendered = ""
                self.assertNotIn(BL_TEXT, rendered or "")
        # the reminder template with another centre's referrals in the context
        reminder = self.env.ref("borgerraadgiver.mail_template_centre_reminder")
        with self.assertRaises(UserError):  # "Failed to render" around the AccessError
            reminder.with_user(self.staff_am).with_context(
                borgerraadgiver_overdue_ids=self.referral_bl.ids
            ).send_mail(self.centre_am.id)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_statistics_hold_no_personal_data(self):
        Analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(
            self.statistics
        )
        names = set(Analysis.fields_get())
        for personal in (
            "citizen_id",
            "subject",
            "description",
            "advisor_notes",
            "name",
            "user_id",
        ):
            self.assertNotIn(personal, names)
        rows = Analysis.search_read([("id", "=", self.inquiry_bl.id)])
        text = json.dumps(rows, default=str)
        for secret in (CITIZEN_NAME, ADVISOR_NOTES, self.inquiry_bl.subject):
            self.assertNotIn(secret, text)
        with self.assertRaises(ValueError):
            Analysis.read_group([], ["subject"], ["subject"])
        for user in self.plain | self.br_admin | self.staff_bl:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["borgerraadgiver.inquiry.analysis"].with_user(user).search([])
            report = self.env.ref("borgerraadgiver.annual_report_pdf_action")
            record = self.env["borgerraadgiver.annual.report"].create({})
            with (
                self.subTest(user=user.login, report="pdf"),
                self.assertRaises(AccessError),
            ):
                self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    report.report_name, record.ids
                )

    def test_holds_bus_when_staff_answer(self):
        """Staff answer: the advisor's to-do on the inquiry and the inquiry's
        tracking go to her alone; nothing of the inquiry reaches the staff's
        bus channel."""
        self.env.cr.precommit.run()
        Bus = self.env["bus.bus"].sudo()
        before = Bus.search([], order="id desc", limit=1).id or 0
        self.env["borgerraadgiver.referral.answer"].with_user(self.staff_bl).create(
            {
                "referral_id": self.referral_bl.id,
                "answer": "We called her.",
                "answer_date": municipal_today(self.env),
            }
        ).action_register()
        self.inquiry_bl.with_user(self.advisor).message_post(
            body=LOG_NOTE + " 2", subtype_xmlid="mail.mt_note"
        )
        self.env.cr.precommit.run()
        rows = Bus.search(
            [
                ("id", ">", before),
                ("channel", "like", f'"res.partner",{self.staff_bl.partner_id.id}]'),
            ]
        )
        text = " ".join(rows.mapped("message"))
        for secret in (
            LOG_NOTE,
            ADVISOR_NOTES,
            self.inquiry_bl.name,
            "close the inquiry",
        ):
            self.assertNotIn(secret, text)


@tagged("post_install", "-at_install")
class TestAttackHttp(AttackWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    def login(self, user):
        self.authenticate(user.login, f"{user.login}-pw-2026")

    def csrf(self):
        """The session's CSRF token, as the web client has it."""
        page = self.url_open("/odoo").text
        match = re.search(r'csrf_token: "([^"]+)"', page)
        return match.group(1) if match else ""

    def rpc(self, url, params):
        """A JSON-RPC call; the error's message instead of raising."""
        response = self.url_open(
            url,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def call_kw(self, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    # ==================================================================
    # Holes
    # ==================================================================

    def test_closed_composer_names_the_register_over_json_rpc(self):
        """The composer hole through the web client's own route: a plain ERP
        user's create + web_read of mail.compose.message over
        /web/dataset/call_kw names every citizen of the register, id by id
        (record_name is computed as superuser), and the subject of a
        citizen's mail to the advisor (parent_id)."""
        self.login(self.plain)
        leaked = []
        for values in (
            {"model": CITIZEN, "res_ids": repr(self.citizen.ids)},
            {
                "model": INQUIRY,
                "res_ids": repr(self.inquiry_bl.ids),
                "parent_id": self.citizen_mail.id,
            },
        ):
            created = self.call_kw(
                "mail.compose.message",
                "create",
                [dict(values, composition_mode="comment")],
            )
            if "error" in created:
                continue
            read = self.call_kw(
                "mail.compose.message",
                "web_read",
                [[created["result"]], {"record_name": {}, "subject": {}}],
            )
            leaked.append(json.dumps(read))
        text = " ".join(leaked)
        self.assertNotIn(CITIZEN_NAME, text)
        self.assertNotIn(MAIL_SUBJECT, text)

    def test_closed_register_email_oracle(self):
        """/mail/partner/from_email (and /mail/message/post's partner_emails)
        take a citizen id in the create values: the addon compares the
        register's address as superuser before checking access, so any
        internal or portal user learns whether an address (a colleague's, a
        supplier contact's) is in the citizens' register: a match raises,
        anything else answers as usual."""
        for user in (self.plain, self.staff_bl):
            with self.subTest(user=user.login):
                self.login(user)
                answers = [
                    self.rpc(
                        "/mail/partner/from_email",
                        {
                            "emails": [OTHER_CITIZEN_EMAIL],
                            "additional_values": {
                                OTHER_CITIZEN_EMAIL: {
                                    "borgerraadgiver_citizen_id": citizen_id
                                }
                            },
                        },
                    )
                    for citizen_id in (self.citizen.id, self.other_citizen.id)
                ]
                # the register is refused whichever citizen is named: the
                # answer says nothing of whose address it is
                self.assertEqual(
                    [
                        answer.get("error", {}).get("data", {}).get("name")
                        for answer in answers
                    ],
                    ["odoo.exceptions.AccessError"] * 2,
                )

    def test_closed_message_recipients_name_hidden_partners(self):
        """A staff member (any user who can post somewhere) puts the addon's
        hidden citizen partners in partner_ids: the answer names them
        (recipients are read as superuser by mail.message._to_store) and the
        message is mailed to the citizen, a citizen of another centre's
        case, from the municipality's staff."""
        self.login(self.staff_bl)
        result = self.rpc(
            "/mail/message/post",
            {
                "thread_model": REFERRAL,
                "thread_id": self.referral_bl.id,
                "post_data": {
                    "body": "hello",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": [self.other_partner.id],
                },
            },
        )
        self.assertEqual(
            result.get("error", {}).get("data", {}).get("name"),
            "odoo.exceptions.AccessError",
        )
        with self.subTest(path="answer names the partner"):
            self.assertNotIn(OTHER_CITIZEN_NAME, json.dumps(result))
        with self.subTest(path="citizen is mailed"):
            message = self.referral_bl.message_ids.filtered(
                lambda m: m.body and "hello" in m.body
            )
            self.assertNotIn(
                self.other_partner, message.notification_ids.res_partner_id
            )

    def test_closed_reply_in_own_channel_quotes_inquiry_message(self):
        """Any internal user creates a channel of her own and, over
        call_kw, a mail.message in it whose parent_id is a message of the
        advisor's inquiry (create checks the channel, not the parent). The
        channel's messages route then returns the parent in full, read as
        superuser: her log notes, a citizen's mail."""
        for user in (self.plain, self.staff_bl):
            with self.subTest(user=user.login):
                self.login(user)
                channel = self.call_kw(
                    "discuss.channel", "channel_create", ["atk notes", None]
                )
                channel_id = (
                    self.env["discuss.channel"]
                    .search(
                        [("name", "=", "atk notes"), ("create_uid", "=", user.id)],
                        limit=1,
                    )
                    .id
                )
                self.assertTrue(channel_id, channel)
                for parent in (self.log_note, self.citizen_mail):
                    self.call_kw(
                        "mail.message",
                        "create",
                        [
                            {
                                "model": "discuss.channel",
                                "res_id": channel_id,
                                "body": "re",
                                "message_type": "comment",
                                "parent_id": parent.id,
                            }
                        ],
                    )
                result = self.rpc(
                    "/discuss/channel/messages", {"channel_id": channel_id}
                )
                text = json.dumps(result)
                self.assertNotIn(LOG_NOTE, text)
                self.assertNotIn(MAIL_SUBJECT, text)

    # ==================================================================
    # Protections that hold
    # ==================================================================

    def zipped(self, attachment):
        """The contents of /mail/attachment/zip for `attachment` (an empty
        dict when the route refuses)."""
        response = self.url_open(
            "/mail/attachment/zip",
            data={
                "file_ids": str(attachment.id),
                "zip_name": "x.zip",
                "csrf_token": self.csrf(),
            },
        )
        try:
            with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
                return {name: archive.read(name) for name in archive.namelist()}
        except zipfile.BadZipFile:
            return {}

    def test_holds_inquiry_files_over_http(self):
        copy = self.env["ir.attachment"].search(
            [("res_model", "=", REFERRAL), ("res_id", "=", self.referral_bl.id)]
        )
        # the route works: the staff download the copy shared with them
        self.login(self.staff_bl)
        self.assertIn(b"the decision", self.zipped(copy).values())
        self.assertEqual(
            self.url_open(f"/web/content/{copy.id}").content, b"the decision"
        )
        for user in (self.staff_bl, self.staff_am, self.plain, self.portal):
            with self.subTest(user=user.login):
                self.login(user)
                for url in (
                    f"/web/content/{self.inquiry_file.id}",
                    f"/web/content/{self.inquiry_file.id}?download=true",
                    f"/web/image/{self.inquiry_file.id}",
                    f"/web/content/ir.attachment/{self.inquiry_file.id}/raw",
                    f"/web/content/{copy.id}" if user != self.staff_bl else "/web",
                ):
                    response = self.url_open(url)
                    self.assertNotIn(b"POWER-OF-ATTORNEY", response.content, url)
                    self.assertNotEqual(response.content, b"the decision", url)
                zipped = self.zipped(self.inquiry_file)
                self.assertNotIn(b"POWER-OF-ATTORNEY-CONTENT", zipped.values())
                self.assertFalse(zipped)

    def test_holds_inquiry_thread_routes(self):
        for user in (self.staff_bl, self.plain, self.statistics):
            with self.subTest(user=user.login):
                self.login(user)
                messages = self.rpc(
                    "/mail/thread/messages",
                    {"thread_model": INQUIRY, "thread_id": self.inquiry_bl.id},
                )
                data = self.rpc(
                    "/mail/thread/data",
                    {
                        "thread_model": INQUIRY,
                        "thread_id": self.inquiry_bl.id,
                        "request_list": [
                            "followers",
                            "attachments",
                            "activities",
                            "suggestedRecipients",
                        ],
                    },
                )
                text = json.dumps([messages, data])
                for secret in (
                    LOG_NOTE,
                    MAIL_SUBJECT,
                    INQUIRY_FILE,
                    CITIZEN_NAME,
                    CITIZEN_EMAIL,
                ):
                    self.assertNotIn(secret, text)
                found = self.call_kw(
                    INQUIRY, "web_search_read", [[]], {"specification": {"subject": {}}}
                )
                self.assertIn("error", found)
                view = self.url_open(
                    f"/mail/view?model={INQUIRY}&res_id={self.inquiry_bl.id}"
                )
                self.assertNotIn(self.inquiry_bl.subject.encode(), view.content)

    def test_holds_referral_thread_of_own_centre(self):
        """What the staff see on their own referral's thread: nothing of the
        inquiry (notes, files, the citizen's mail)."""
        self.login(self.staff_bl)
        messages = self.rpc(
            "/mail/thread/messages",
            {"thread_model": REFERRAL, "thread_id": self.referral_bl.id},
        )
        data = self.rpc(
            "/mail/thread/data",
            {
                "thread_model": REFERRAL,
                "thread_id": self.referral_bl.id,
                "request_list": [
                    "followers",
                    "attachments",
                    "activities",
                    "suggestedRecipients",
                ],
            },
        )
        text = json.dumps([messages, data])
        self.assertIn("REFERRAL-BL-TEXT", text)
        for secret in (LOG_NOTE, ADVISOR_NOTES, MAIL_SUBJECT, INQUIRY_FILE):
            self.assertNotIn(secret, text)
        # another centre's referral
        self.login(self.staff_am)
        other = self.rpc(
            "/mail/thread/messages",
            {"thread_model": REFERRAL, "thread_id": self.referral_bl.id},
        )
        self.assertNotIn("REFERRAL-BL-TEXT", json.dumps(other))
