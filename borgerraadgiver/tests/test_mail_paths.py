"""The mail paths of issue 14, item 5 (and item 8's check): every test works
as the role that must not, and asserts what that role cannot do.

The roles: a centre staff member (``staff``, of the referral's centre), the
staff of another centre (``other_staff``), a statistics user and a plain
internal user of the ERP (``employee``, a partner manager). The advisor's
inquiry holds a log note with a word nobody else may find (NOTE_WORD), a file,
a message to the citizen, an activity and a scheduled message.
"""

import base64
import json
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import BorgerraadgiverCase
from .test_mail_gateway import ALIAS, raw_mail

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
NOTE_WORD = "Blaabaergroed"
ACTIVITY_WORD = "Rabarberkage"
SCHEDULED_WORD = "Stikkelsbaer"
MUTED = ("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.http")


class MailPathsSetup:
    """The users, the inquiry and its chatter, for both test classes."""

    @classmethod
    def setup_mail_paths(cls, env):
        cls.env.company.email = "kommunen@stevns.example"
        cls.advisor = new_test_user(
            env,
            login="br_mp_advisor",
            name="Mail Paths Advisor",
            email="advisor@stevns.example",
            groups="borgerraadgiver.group_advisor",
        )
        cls.staff = new_test_user(
            env,
            login="br_mp_staff",
            name="Mail Paths Staff",
            email="staff@stevns.example",
            groups="borgerraadgiver.group_centre_staff",
            notification_type="inbox",
        )
        cls.colleague = new_test_user(
            env,
            login="br_mp_colleague",
            name="Mail Paths Colleague",
            email="colleague@stevns.example",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.other_staff = new_test_user(
            env,
            login="br_mp_other_staff",
            name="Mail Paths Other Centre",
            email="other@stevns.example",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.statistics = new_test_user(
            env,
            login="br_mp_statistics",
            name="Mail Paths Director",
            email="director@stevns.example",
            groups="borgerraadgiver.group_statistics",
        )
        cls.employee = new_test_user(
            env,
            login="br_mp_employee",
            name="Mail Paths Clerk",
            email="clerk@stevns.example",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.outsiders = cls.staff | cls.other_staff | cls.statistics | cls.employee
        Centre = env["borgerraadgiver.centre"]
        cls.mp_centre = Centre.create(
            {
                "name": "Mail Paths Centre",
                "code": "MP-C",
                "email": "centre@stevns.example",
                "user_ids": [Command.set((cls.staff | cls.colleague).ids)],
            }
        )
        cls.mp_other_centre = Centre.create(
            {
                "name": "Mail Paths Other Centre",
                "code": "MP-O",
                "user_ids": [Command.set(cls.other_staff.ids)],
            }
        )
        cls.citizen_record = env["borgerraadgiver.citizen"].create(
            {"name": "Mette Mailborger", "email": "mette@borger.example"}
        )
        # the addon's own partner of the citizen, which the advisor mails
        cls.citizen = cls.citizen_record._get_mail_partner()
        Inquiry = env[INQUIRY].with_user(cls.advisor)
        cls.inquiry = Inquiry.create(
            {
                "subject": "Housing benefit",
                "citizen_id": cls.citizen_record.id,
                "centre_id": cls.mp_centre.id,
                "category_id": env.ref("borgerraadgiver.category_2").id,
                "consent_forwarding": True,
                "consent_contact_details": True,
            }
        )
        cls.inquiry.action_open()
        cls.inquiry.action_forward()
        cls.referral = cls.inquiry.referral_ids
        cls.note = cls.inquiry.message_post(
            body=f"My own impression: {NOTE_WORD}.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[("impression.txt", b"The advisor's impression")],
        )
        cls.note_attachment = cls.note.attachment_ids
        cls.to_citizen = cls.inquiry.message_post(
            body="Dear citizen, we have forwarded your inquiry.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.citizen.ids,
        )
        cls.citizen_notification = cls.to_citizen.notification_ids.filtered(
            lambda notification: notification.res_partner_id == cls.citizen
        )
        cls.activity = cls.inquiry.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.advisor.id,
            summary=f"Call the citizen: {ACTIVITY_WORD}",
        )
        cls.scheduled = (
            env["mail.scheduled.message"]
            .with_user(cls.advisor)
            .create(
                {
                    "model": INQUIRY,
                    "res_id": cls.inquiry.id,
                    "author_id": cls.advisor.partner_id.id,
                    "body": f"Later: {SCHEDULED_WORD}",
                    "is_note": True,
                    "scheduled_date": fields.Datetime.now() + timedelta(days=2),
                }
            )
        )


@tagged("post_install", "-at_install")
class TestMailPaths(MailPathsSetup, BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_mail_paths(cls.env)

    def assertNoAccess(self, user, call, label=None):
        with (
            self.subTest(user=user.login, call=label),
            mute_logger(*MUTED),
            self.assertRaises(AccessError),
        ):
            call()

    # ------------------------------------------------------------------
    # The author is always the poster's own partner
    # ------------------------------------------------------------------

    def test_staff_post_only_in_their_own_name(self):
        referral = self.referral.with_user(self.staff)
        advisor = self.advisor.partner_id
        posted = referral.message_post(
            body="In the advisor's name",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=advisor.id,
        )
        self.assertEqual(posted.author_id, self.staff.partner_id)
        self.assertNotIn("advisor@", posted.email_from)
        posted = referral.message_post(
            body="From the advisor's address",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_from=self.advisor.email_formatted,
        )
        self.assertEqual(posted.author_id, self.staff.partner_id)
        self.assertNotIn("advisor@", posted.email_from)
        notified = referral.message_notify(
            body="A notice in the advisor's name",
            author_id=advisor.id,
            partner_ids=self.colleague.partner_id.ids,
        )
        self.assertEqual(notified.author_id, self.staff.partner_id)
        # the composer passes its author_id on to message_post
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.staff)
            .with_context(default_model=REFERRAL, default_res_ids=self.referral.ids)
            .create(
                {
                    "body": "Composed in the advisor's name",
                    "author_id": advisor.id,
                    "email_from": self.advisor.email_formatted,
                }
            )
        )
        _mails, [composed] = composer._action_send_mail()
        self.assertEqual(composed.author_id, self.staff.partner_id)
        self.assertNotIn("advisor@", composed.email_from)
        Message = self.env["mail.message"].with_user(self.staff)
        values = {
            "model": REFERRAL,
            "res_id": self.referral.id,
            "body": "Created in the advisor's name",
            "message_type": "comment",
        }
        self.assertNoAccess(
            self.staff,
            lambda: Message.create({**values, "author_id": advisor.id}),
            "create with the advisor as author",
        )
        self.assertNoAccess(
            self.staff,
            lambda: Message.create({**values, "email_from": self.advisor.email}),
            "create with the advisor's address",
        )
        self.assertNoAccess(
            self.staff,
            lambda: Message.with_context(default_author_id=advisor.id).create(values),
            "create with the advisor as default author",
        )
        own = Message.create(values)
        self.assertEqual(own.author_id, self.staff.partner_id)
        for name, value in (
            ("author_id", advisor.id),
            ("email_from", self.advisor.email_formatted),
            ("model", INQUIRY),
        ):
            self.assertNoAccess(
                self.staff, lambda n=name, v=value: own.write({n: v}), f"write {name}"
            )
        own.invalidate_recordset()
        self.assertEqual(own.author_id, self.staff.partner_id)
        self.assertEqual(own.model, REFERRAL)
        # a scheduled message, posted later by the scheduler
        self.assertNoAccess(
            self.staff,
            lambda: (
                self.env["mail.scheduled.message"]
                .with_user(self.staff)
                .create(
                    {
                        "model": REFERRAL,
                        "res_id": self.referral.id,
                        "author_id": advisor.id,
                        "body": "Scheduled in the advisor's name",
                        "scheduled_date": fields.Datetime.now() + timedelta(days=1),
                    }
                )
            ),
            "scheduled message",
        )

    def test_nobody_else_posts_on_a_referral_or_an_inquiry(self):
        for user in (self.other_staff, self.employee, self.statistics):
            Message = self.env["mail.message"].with_user(user)
            for model, res_id in (
                (REFERRAL, self.referral.id),
                (INQUIRY, self.inquiry.id),
            ):
                self.assertNoAccess(
                    user,
                    lambda m=model, r=res_id, M=Message: M.create(
                        {
                            "model": m,
                            "res_id": r,
                            "body": "A notice on someone else's thread",
                            "message_type": "user_notification",
                            "partner_ids": [Command.link(self.advisor.partner_id.id)],
                            "reply_to": "outsider@example.net",
                        }
                    ),
                    f"notification on {model}",
                )

    def test_staff_answer_no_message_of_the_inquiry(self):
        """parent_id: the answer's parent is shown by name (as superuser)."""
        referral = self.referral.with_user(self.staff)
        self.assertNoAccess(
            self.staff,
            lambda: referral.message_post(
                body="Re: your note",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                parent_id=self.note.id,
            ),
        )
        own = referral.message_post(body="Mine", message_type="comment")
        self.assertNoAccess(self.staff, lambda: own.write({"parent_id": self.note.id}))

    def test_the_addons_own_authors(self):
        """The referral is posted by the advisor, what the centre's answer
        does on the inquiry by OdooBot (sudo)."""
        sent = self.referral.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )
        self.assertEqual(sent.author_id, self.advisor.partner_id)
        self.referral.with_user(self.staff).write(
            {"answer_date": self.today, "answer": "We have answered."}
        )
        odoobot = self.env.ref("base.partner_root")
        messages = self.inquiry.sudo().message_ids
        done = messages.filtered(lambda m: "Feedback" in (m.body or ""))
        self.assertEqual(done.author_id, odoobot)

    # ------------------------------------------------------------------
    # Attachments of the inquiry
    # ------------------------------------------------------------------

    def test_staff_cannot_link_the_advisors_files(self):
        referral = self.referral.with_user(self.staff)
        ids = self.note_attachment.ids
        self.assertNoAccess(
            self.staff,
            lambda: referral.message_post(
                body="Look", message_type="comment", attachment_ids=ids
            ),
            "message_post",
        )
        Message = self.env["mail.message"].with_user(self.staff)
        self.assertNoAccess(
            self.staff,
            lambda: Message.create(
                {
                    "model": REFERRAL,
                    "res_id": self.referral.id,
                    "body": "Look",
                    "attachment_ids": [Command.link(ids[0])],
                }
            ),
            "create",
        )
        own = referral.message_post(body="Mine", message_type="comment")
        self.assertNoAccess(
            self.staff,
            lambda: own.write({"attachment_ids": [Command.link(ids[0])]}),
            "write",
        )
        self.assertNoAccess(
            self.staff,
            lambda: (
                self.env["mail.scheduled.message"]
                .with_user(self.staff)
                .create(
                    {
                        "model": REFERRAL,
                        "res_id": self.referral.id,
                        "author_id": self.staff.partner_id.id,
                        "body": "Later, with your file",
                        "attachment_ids": [Command.link(ids[0])],
                        "scheduled_date": fields.Datetime.now() + timedelta(days=1),
                    }
                )
            ),
            "scheduled message",
        )
        self.assertNoAccess(
            self.staff, lambda: self.note_attachment.with_user(self.staff).copy()
        )
        self.assertEqual(
            self.env["mail.message"].search([("attachment_ids", "in", ids)]),
            self.note,
        )

    # ------------------------------------------------------------------
    # Followers
    # ------------------------------------------------------------------

    def test_staff_follow_and_unfollow_only_themselves(self):
        referral = self.referral.with_user(self.staff)
        note = self.env.ref("mail.mt_note")
        outsider = self.employee.partner_id
        colleague = self.colleague.partner_id
        self.assertIn(colleague, self.referral.message_partner_ids)
        Followers = self.env["mail.followers"].with_user(self.staff)
        own = self.referral.message_follower_ids.filtered(
            lambda follower: follower.partner_id == self.staff.partner_id
        )
        calls = {
            "subscribe someone": lambda: referral.message_subscribe(outsider.ids),
            "subtypes of a colleague": lambda: referral.message_subscribe(
                colleague.ids, subtype_ids=note.ids
            ),
            "unsubscribe a colleague": lambda: referral.message_unsubscribe(
                colleague.ids
            ),
            "unsubscribe the advisor": lambda: referral.message_unsubscribe(
                self.advisor.partner_id.ids
            ),
            "write followers": lambda: referral.write(
                {
                    "message_follower_ids": [
                        Command.create(
                            {"res_model": REFERRAL, "partner_id": outsider.id}
                        )
                    ]
                }
            ),
            "write partners": lambda: referral.write(
                {"message_partner_ids": [Command.link(outsider.id)]}
            ),
            "create follower": lambda: Followers.create(
                {
                    "res_model": REFERRAL,
                    "res_id": self.referral.id,
                    "partner_id": outsider.id,
                }
            ),
            "write follower": lambda: own.with_user(self.staff).write(
                {"partner_id": outsider.id}
            ),
            "unlink follower": lambda: (
                self.referral.message_follower_ids.filtered(
                    lambda follower: follower.partner_id == colleague
                )
                .with_user(self.staff)
                .unlink()
            ),
        }
        for name, call in calls.items():
            self.assertNoAccess(self.staff, call, name)
        partners = self.referral.message_partner_ids
        self.assertNotIn(outsider, partners)
        self.assertIn(colleague, partners)
        self.assertIn(self.advisor.partner_id, partners)
        # a mention by staff does not subscribe (the client asks so)
        referral.with_context(mail_post_autofollow=True).message_post(
            body="@Clerk, see this",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=outsider.ids,
        )
        self.assertNotIn(outsider, self.referral.message_partner_ids)
        # but oneself, with the notes too, and away again
        referral.message_unsubscribe(self.staff.partner_id.ids)
        self.assertNotIn(self.staff.partner_id, self.referral.message_partner_ids)
        referral.message_subscribe(self.staff.partner_id.ids, subtype_ids=note.ids)
        self.assertIn(self.staff.partner_id, self.referral.message_partner_ids)
        # an activity for a colleague, who follows already
        referral.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.colleague.id, summary="Yours"
        )
        # the advisor manages the followers
        self.referral.with_user(self.advisor).message_subscribe(outsider.ids)
        self.assertIn(outsider, self.referral.message_partner_ids)
        self.referral.with_user(self.advisor).message_unsubscribe(outsider.ids)
        self.assertNotIn(outsider, self.referral.message_partner_ids)

    def test_nobody_follows_an_inquiry_with_the_notes(self):
        note = self.env.ref("mail.mt_note")
        for user in self.outsiders:
            inquiry = self.inquiry.with_user(user)
            self.assertNoAccess(
                user,
                lambda i=inquiry, u=user: i.message_subscribe(
                    u.partner_id.ids, subtype_ids=note.ids
                ),
                "follow",
            )
            self.assertNoAccess(
                user,
                lambda u=user: (
                    self.env["mail.followers"]
                    .with_user(u)
                    .create(
                        {
                            "res_model": INQUIRY,
                            "res_id": self.inquiry.id,
                            "partner_id": u.partner_id.id,
                            "subtype_ids": [Command.set(note.ids)],
                        }
                    )
                ),
                "create follower",
            )
        self.assertFalse(self.outsiders.partner_id & self.inquiry.message_partner_ids)

    # ------------------------------------------------------------------
    # The gateway
    # ------------------------------------------------------------------

    def setup_alias(self):
        domain = self.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or self.env["mail.alias.domain"].create({"name": "stevns.example"})
        self.env.company.alias_domain_id = domain
        alias = self.env.ref("borgerraadgiver.mail_alias_inquiry")
        alias.write(
            {
                "alias_domain_id": domain.id,
                "alias_defaults": repr({"user_id": self.advisor.id}),
            }
        )
        return alias

    def test_message_process_over_rpc_is_refused(self):
        self.setup_alias()
        MailThread = self.env["mail.thread"]
        sent = self.referral.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )
        mails = {
            "to the alias": (
                None,
                raw_mail("citizen@example.net", ALIAS, "Hello", "A new inquiry"),
                {},
            ),
            "custom values": (
                INQUIRY,
                raw_mail("citizen@example.net", "x@example.net", "Mine", "Chosen"),
                {"user_id": self.employee.id, "advisor_notes": "Chosen"},
            ),
            "reply to the referral": (
                None,
                raw_mail(
                    self.advisor.email,
                    "catchall@stevns.example",
                    "Re: referral",
                    "Written in the advisor's name",
                    in_reply_to=sent.message_id,
                ),
                {},
            ),
        }
        count = self.env[INQUIRY].search_count([])
        messages = self.referral.message_ids
        for user in self.outsiders | self.advisor:
            for name, (model, raw, custom_values) in mails.items():
                self.assertNoAccess(
                    user,
                    lambda u=user, m=model, r=raw, c=custom_values: (
                        MailThread.with_user(u).message_process(m, r, custom_values=c)
                    ),
                    name,
                )
            self.assertNoAccess(
                user,
                lambda u=user: MailThread.with_user(u).message_process(
                    REFERRAL,
                    raw_mail("x@example.net", "y@example.net", "To", "Landing"),
                    thread_id=self.referral.id,
                ),
                "thread_id",
            )
        self.assertEqual(self.env[INQUIRY].search_count([]), count)
        self.assertEqual(self.referral.message_ids, messages)

    def test_custom_values_are_ignored(self):
        """Even an administrator's custom_values do not reach an inquiry:
        the alias's defaults do."""
        self.setup_alias()
        thread_id = self.env["mail.thread"].message_process(
            INQUIRY,
            raw_mail("chooser@example.net", "x@example.net", "Chosen", "Values"),
            custom_values={
                "user_id": self.employee.id,
                "subject": "Chosen subject",
                "advisor_notes": "Chosen notes",
            },
        )
        inquiry = self.env[INQUIRY].browse(thread_id)
        self.assertEqual(inquiry.subject, "Chosen")
        self.assertEqual(inquiry.user_id, self.advisor)
        self.assertFalse(inquiry.advisor_notes)

    def test_gateway_mail_from_a_users_address_has_no_author(self):
        self.setup_alias()
        MailThread = self.env["mail.thread"]
        thread_id = MailThread.message_process(
            None,
            raw_mail(
                f"Mail Paths Advisor <{self.advisor.email}>",
                ALIAS,
                "Written in the advisor's name",
                "Anyone can write this From header.",
            ),
        )
        mail = (
            self.env[INQUIRY]
            .browse(thread_id)
            .message_ids.filtered(lambda message: message.message_type == "email")
        )
        self.assertFalse(mail.author_id)
        self.assertIn(self.advisor.email, mail.email_from)
        sent = self.referral.message_ids.filtered(
            lambda message: message.message_type == "comment"
        )
        MailThread.message_process(
            None,
            raw_mail(
                self.advisor.email,
                "catchall@stevns.example",
                "Re: referral",
                "The advisor writes to the centre?",
                in_reply_to=sent.message_id,
            ),
        )
        reply = self.referral.message_ids.filtered(
            lambda message: "writes to the centre" in (message.body or "")
        )
        self.assertEqual(len(reply), 1)
        self.assertFalse(reply.author_id)
        # a citizen's mail keeps its author
        thread_id = MailThread.message_process(
            None, raw_mail("Mette <mette@borger.example>", ALIAS, "Again", "Me again")
        )
        mail = (
            self.env[INQUIRY]
            .browse(thread_id)
            .message_ids.filtered(lambda message: message.message_type == "email")
        )
        self.assertEqual(mail.author_id, self.citizen)

    def test_gateway_methods_are_not_for_rpc(self):
        from odoo.service.model import get_public_method

        for model in (INQUIRY, REFERRAL):
            for method in ("message_new", "message_update"):
                with self.subTest(model=model, method=method):
                    with self.assertRaises(AccessError):
                        get_public_method(self.env[model], method)
        # stock Odoo's other threads keep them
        self.assertTrue(get_public_method(self.env["res.partner"], "message_update"))

    # ------------------------------------------------------------------
    # What the ERP shows of an inquiry
    # ------------------------------------------------------------------

    def test_notifications_of_inquiries(self):
        self.assertTrue(self.citizen_notification)
        for user in self.outsiders:
            Notification = self.env["mail.notification"].with_user(user)
            self.assertFalse(
                Notification.search([("mail_message_id", "=", self.to_citizen.id)])
            )
            self.assertFalse(
                Notification.search([("res_partner_id", "=", self.citizen.id)])
            )
            self.assertFalse(
                Notification.search(
                    [("mail_message_id.model", "=", INQUIRY)]
                    + [("id", "=", self.citizen_notification.id)]
                )
            )
            notification = self.citizen_notification.with_user(user)
            self.assertNoAccess(
                user, lambda n=notification: n.read(["mail_message_id"]), "read"
            )
            self.assertNoAccess(
                user,
                lambda u=user: (
                    self.env["mail.resend.partner"]
                    .with_user(u)
                    .create({"notification_id": self.citizen_notification.id})
                ),
                "resend line",
            )
            self.assertNoAccess(
                user,
                lambda u=user: (
                    self.env["mail.resend.message"]
                    .with_user(u)
                    .with_context(mail_message_to_resend=self.to_citizen.id)
                    .create({"mail_message_id": self.to_citizen.id})
                ),
                "resend wizard",
            )
        # the advisor reads them; staff those of the referral (its chatter is
        # shared, and the web client loads a message with its notifications)
        self.citizen_notification.with_user(self.advisor).read(["res_partner_id"])
        posted = self.referral.with_user(self.advisor).message_post(
            body="To the centre's staff",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        own = posted.notification_ids.filtered(
            lambda notification: notification.res_partner_id == self.staff.partner_id
        )
        self.assertTrue(own)
        self.assertEqual(
            self.env["mail.notification"]
            .with_user(self.staff)
            .search([("mail_message_id", "=", posted.id)]),
            posted.notification_ids,
        )

    def test_many2one_names_of_the_inquirys_chatter(self):
        """A Many2one shows its record's name as superuser: a message of the
        inquiry, or the notification of the citizen, is named only to those
        who may read it."""
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.note.with_user(user).sudo().display_name, "Confidential"
                )
                self.assertEqual(
                    self.citizen_notification.with_user(user).sudo().display_name,
                    "Confidential",
                )
                # the composer takes the parent's document, name and
                # recipients as superuser
                self.assertNoAccess(
                    user,
                    lambda u=user: (
                        self.env["mail.compose.message"]
                        .with_user(u)
                        .create({"parent_id": self.to_citizen.id, "body": "Re"})
                    ),
                    "composer",
                )
        self.assertEqual(
            self.note.with_user(self.advisor).sudo().display_name,
            self.note.record_name,
        )
        self.assertEqual(
            self.citizen_notification.with_user(self.advisor).display_name,
            self.citizen.display_name,
        )
        # the staff's own messages on the referral keep their names
        posted = self.referral.with_user(self.staff).message_post(body="Mine")
        self.assertEqual(
            posted.with_user(self.staff).sudo().display_name, posted.record_name
        )

    def test_scheduled_messages_of_inquiries(self):
        for user in self.outsiders:
            Scheduled = self.env["mail.scheduled.message"].with_user(user)
            self.assertFalse(Scheduled.search([("model", "=", INQUIRY)]))
            self.assertFalse(Scheduled.search([("body", "ilike", SCHEDULED_WORD)]))
            self.assertNoAccess(
                user,
                lambda u=user: self.scheduled.with_user(u).read(["body"]),
                "read",
            )

    def test_reactions_previews_translations(self):
        """Only administrators read these (the routes: TestMailPathsHttp)."""
        for user in self.outsiders:
            for model, field in (
                ("mail.message.reaction", "message_id"),
                ("mail.link.preview", "message_id"),
                ("mail.message.translation", "message_id"),
                ("mail.tracking.value", "mail_message_id"),
            ):
                self.assertNoAccess(
                    user,
                    lambda u=user, m=model, f=field: (
                        self.env[m].with_user(u).search([(f, "=", self.note.id)])
                    ),
                    model,
                )

    def test_activities_of_inquiries(self):
        for user in self.outsiders:
            inquiry = self.inquiry.with_user(user)
            for name in (
                "activity_summary",
                "activity_user_id",
                "activity_type_id",
                "activity_date_deadline",
                "my_activity_date_deadline",
                "activity_state",
            ):
                self.assertNoAccess(user, lambda i=inquiry, n=name: i.read([n]), name)
            Activity = self.env["mail.activity"].with_user(user)
            self.assertFalse(Activity.search([("summary", "ilike", ACTIVITY_WORD)]))
            self.assertFalse(Activity.search([("res_name", "ilike", "Housing")]))
            self.assertNoAccess(
                user,
                lambda u=user: self.activity.with_user(u).read(["res_name"]),
                "activity",
            )

    def test_searches_through_the_chatter(self):
        """message_ids and activity_ids join without the rules of
        mail.message and mail.activity (auto_join): no readable model finds
        the inquiry's note or activity through them."""
        searches = {
            REFERRAL: ("message_ids.body", "activity_ids.summary"),
            "res.partner": ("message_ids.body", "activity_ids.summary"),
            "res.users": (
                "partner_id.message_ids.body",
                "partner_id.activity_ids.summary",
            ),
            "mail.message": ("body", "subject"),
        }
        for user in self.outsiders:
            for model, (message_path, activity_path) in searches.items():
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue  # statistics and the clerk: no referral at all
                with self.subTest(user=user.login, model=model):
                    self.assertFalse(Model.search([(message_path, "ilike", NOTE_WORD)]))
                    self.assertFalse(
                        Model.search([(activity_path, "ilike", ACTIVITY_WORD)])
                    )
            self.assertFalse(
                self.env["ir.attachment"]
                .with_user(user)
                .search([("name", "ilike", "impression")])
            )
            self.assertNoAccess(
                user,
                lambda u=user: (
                    self.env[INQUIRY]
                    .with_user(u)
                    .search([("message_ids.body", "ilike", NOTE_WORD)])
                ),
                "inquiry",
            )
        # the searches work: the advisor finds her note
        self.assertEqual(
            self.env[INQUIRY]
            .with_user(self.advisor)
            .search([("message_ids.body", "ilike", NOTE_WORD)]),
            self.inquiry,
        )

    # ------------------------------------------------------------------
    # The inquiries' numbering
    # ------------------------------------------------------------------

    def test_the_inquiry_sequence_is_the_systems(self):
        sequence = self.env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
        ranges = sequence.date_range_ids
        self.assertTrue(ranges)
        before = ranges.mapped("number_next_actual")
        br_admin = new_test_user(
            self.env,
            login="br_mp_br_admin",
            groups="borgerraadgiver.group_admin",
        )
        for user in self.outsiders | br_admin:
            Sequence = self.env["ir.sequence"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(
                    Sequence.search([("code", "=", "borgerraadgiver.inquiry")])
                )
                self.assertFalse(Sequence.next_by_code("borgerraadgiver.inquiry"))
                self.assertFalse(
                    self.env["ir.sequence.date_range"]
                    .with_user(user)
                    .search([("sequence_id", "=", sequence.id)])
                )
            self.assertNoAccess(
                user, lambda u=user: sequence.with_user(u).read(["number_next"]), "read"
            )
            self.assertNoAccess(
                user, lambda u=user: ranges.with_user(u).read(["number_next"]), "ranges"
            )
        self.assertEqual(ranges.mapped("number_next_actual"), before)
        # other sequences as before; the system administrators see this one
        other = self.env["ir.sequence"].create({"name": "Another", "code": "mp.other"})
        uncoded = self.env["ir.sequence"].create({"name": "No code"})
        Sequence = self.env["ir.sequence"].with_user(self.employee)
        self.assertEqual(
            Sequence.search([("id", "in", (other | uncoded).ids)]), other | uncoded
        )
        admin = self.env.ref("base.user_admin")
        self.assertEqual(
            self.env["ir.sequence"]
            .with_user(admin)
            .search([("code", "=", "borgerraadgiver.inquiry")]),
            sequence,
        )
        # and the inquiries keep their numbers
        inquiry = self.Inquiry.create({"subject": "Numbered"})
        self.assertTrue(inquiry.name.startswith("BR-"), inquiry.name)

    # ------------------------------------------------------------------
    # Item 8: the rest of the ERP keeps working
    # ------------------------------------------------------------------

    def test_plain_user_copies_attachments_and_sends_templates(self):
        partner = self.env["res.partner"].create(
            {"name": "Supplier ApS", "email": "supplier@example.com"}
        )
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.employee)
            .create(
                {
                    "name": "offer.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 offer"),
                    "res_model": "res.partner",
                    "res_id": partner.id,
                }
            )
        )
        copy = attachment.copy()
        self.assertEqual(copy.name, "offer.pdf")
        self.assertEqual(copy.raw, attachment.raw)
        template_file = self.env["ir.attachment"].create(
            {
                "name": "terms.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 terms"),
                "res_model": "mail.template",
            }
        )
        template = self.env["mail.template"].create(
            {
                "name": "Offer",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "subject": "Our offer",
                "body_html": "<p>Dear {{ object.name }}</p>",
                "partner_to": "{{ object.id }}",
                "attachment_ids": [Command.set(template_file.ids)],
            }
        )
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.employee)
            .with_context(
                default_model="res.partner",
                default_res_ids=partner.ids,
                default_template_id=template.id,
            )
            .create({})
        )
        _mails, messages = composer._action_send_mail()
        self.assertEqual(messages.author_id, self.employee.partner_id)
        self.assertEqual(messages.attachment_ids.mapped("name"), ["terms.pdf"])
        self.assertEqual(messages.attachment_ids.raw, b"%PDF-1.4 terms")
        # and the stock author rules of other models are unchanged
        message = partner.with_user(self.employee).message_post(
            body="On behalf", author_id=partner.id, message_type="comment"
        )
        self.assertEqual(message.author_id, partner)


@tagged("post_install", "-at_install")
class TestMailPathsHttp(MailPathsSetup, HttpCase):
    """The same paths through the web client's routes and the bus, each user
    with her own password."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_mail_paths(cls.env)

    def login(self, user):
        self.authenticate(user.login, user.login)

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assertRefused(self, call, label=None):
        with (
            self.subTest(call=label),
            mute_logger(*MUTED),
            self.assertRaises(JsonRpcException),
        ):
            call()

    def test_staff_routes_post_in_their_own_name(self):
        self.login(self.staff)
        message_id = self.call_kw(
            REFERRAL,
            "message_post",
            [self.referral.id],
            {
                "body": "In the advisor's name",
                "author_id": self.advisor.partner_id.id,
                "message_type": "comment",
            },
        )
        message = self.env["mail.message"].browse(message_id)
        self.assertEqual(message.author_id, self.staff.partner_id)
        data = self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": REFERRAL,
                "thread_id": self.referral.id,
                "post_data": {
                    "body": "Mentioning the clerk",
                    "message_type": "comment",
                    "partner_ids": self.employee.partner_id.ids,
                },
                "context": {"mail_post_autofollow": True},
            },
        )
        self.assertTrue(data)
        self.assertNotIn(self.employee.partner_id, self.referral.message_partner_ids)
        self.assertRefused(
            lambda: self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": REFERRAL,
                    "thread_id": self.referral.id,
                    "post_data": {
                        "body": "With your file",
                        "message_type": "comment",
                        "attachment_ids": self.note_attachment.ids,
                    },
                },
            ),
            "attachment of the inquiry",
        )
        self.assertRefused(
            lambda: self.call_kw(
                "mail.message",
                "write",
                [[message_id], {"author_id": self.advisor.partner_id.id}],
            ),
            "rewrite the author",
        )
        self.assertRefused(
            lambda: self.call_kw(
                REFERRAL,
                "message_subscribe",
                [[self.referral.id], self.employee.partner_id.ids],
            ),
            "subscribe the clerk",
        )
        self.assertRefused(
            lambda: self.call_kw(
                REFERRAL, "message_update", [[self.referral.id], {"body": "x"}]
            ),
            "message_update",
        )

    def test_staff_read_nothing_of_the_inquiry(self):
        for user in (self.staff, self.statistics, self.employee):
            self.login(user)
            data = self.make_jsonrpc_request(
                "/mail/thread/data",
                {
                    "thread_model": INQUIRY,
                    "thread_id": self.inquiry.id,
                    "request_list": ["followers", "attachments", "scheduledMessages"],
                },
            )
            self.assertNotIn(NOTE_WORD, json.dumps(data))
            self.assertNotIn("impression.txt", json.dumps(data))
            self.assertNotIn(SCHEDULED_WORD, json.dumps(data))
            with mute_logger(*MUTED):
                try:
                    data = self.make_jsonrpc_request(
                        "/mail/thread/messages",
                        {"thread_model": INQUIRY, "thread_id": self.inquiry.id},
                    )
                except JsonRpcException:
                    data = {}
            self.assertNotIn(NOTE_WORD, json.dumps(data))
            self.assertRefused(
                lambda: self.make_jsonrpc_request(
                    "/mail/message/reaction",
                    {"message_id": self.note.id, "content": "👍", "action": "add"},
                ),
                "reaction",
            )
            self.assertRefused(
                lambda: self.call_kw(
                    "mail.notification",
                    "read",
                    [
                        self.citizen_notification.ids,
                        ["res_partner_id", "mail_message_id"],
                    ],
                ),
                "notification",
            )
            try:
                partners = self.make_jsonrpc_request(
                    "/mail/partner/from_email", {"emails": [self.citizen.email]}
                )
            except JsonRpcException:
                partners = []
            self.assertNotIn(self.citizen.id, [p["id"] for p in partners])
            self.assertRefused(
                lambda u=user: self.call_kw(
                    "mail.thread",
                    "message_process",
                    [
                        INQUIRY,
                        raw_mail("me@example.net", ALIAS, "Mine", "Mine").decode(),
                    ],
                    {"custom_values": {"user_id": u.id}},
                ),
                "message_process",
            )

    def test_bus_carries_no_note_to_staff(self):
        self.login(self.staff)
        self.assertRefused(
            lambda: self.call_kw(
                INQUIRY,
                "message_subscribe",
                [[self.inquiry.id], self.staff.partner_id.ids],
                {"subtype_ids": self.env.ref("mail.mt_note").ids},
            ),
            "follow the notes",
        )
        self.assertNotIn(self.staff.partner_id, self.inquiry.message_partner_ids)
        self.env.cr.precommit.run()
        last = self.env["bus.bus"].sudo()._bus_last_id()
        self.inquiry.with_user(self.advisor).message_post(
            body=f"Another note: {NOTE_WORD}",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.referral.with_user(self.advisor).message_post(
            body="To the centre",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env.cr.precommit.run()
        result = self.make_jsonrpc_request(
            "/websocket/peek_notifications",
            {"channels": [], "last": last, "is_first_poll": True},
        )
        payload = json.dumps(result["notifications"])
        # the bus works: the referral's message reached her
        self.assertIn("To the centre", payload)
        self.assertNotIn(NOTE_WORD, payload)
