"""A second attacker's pass (referrals, forward and answer wizards, mail
paths, bus). ``test_closed_*``: a path it found open, closed since (the test
asserts what the role must NOT be able to do). ``test_holds_*``: tried, held.
"""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.municipal_day import municipal_today
from .common import AttackCase
from .test_attack import (
    ADVISOR_NOTES,
    CITIZEN_EMAIL,
    CITIZEN_NAME,
    INQUIRY,
    LOG_NOTE,
    MAIL_SUBJECT,
    OTHER_CITIZEN_EMAIL,
    OTHER_CITIZEN_NAME,
    REFERRAL,
    AttackWorld,
)


@tagged("post_install", "-at_install")
class TestAttack2Orm(AttackWorld, AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    # ==================================================================
    # Holes
    # ==================================================================

    def test_closed_onchange_names_any_citizen(self):
        """Found by a fourth attacker: Odoo's onchange checks no access and
        names a Many2one's record as superuser, so any user with a login
        asked for a new inquiry with a default citizen got the name of every
        citizen of the register, id by id, and no log line. A citizen is
        named only for the advisor."""
        spec = {"citizen_id": {"fields": {"display_name": {}}}}
        for user in (self.plain, self.staff_bl, self.statistics, self.br_admin):
            with self.subTest(user=user.login):
                Inquiry = self.env[INQUIRY].with_user(user)
                try:
                    result = Inquiry.with_context(
                        default_citizen_id=self.citizen.id
                    ).onchange({}, [], spec)
                except AccessError:
                    continue
                self.assertNotIn(CITIZEN_NAME, json.dumps(result, default=str))
        result = (
            self.env[INQUIRY]
            .with_user(self.advisor)
            .with_context(default_citizen_id=self.citizen.id)
            .onchange({}, [], spec)
        )
        self.assertEqual(result["value"]["citizen_id"]["display_name"], CITIZEN_NAME)

    def assertNotNamed(self, call, name):
        """`call()` is refused, or what it returns does not hold `name`."""
        try:
            with self.env.cr.savepoint():
                result = call()
        except (AccessError, UserError, ValueError):
            return
        self.assertNotIn(name, json.dumps(result, default=str))

    def test_closed_new_activity_or_composer_names_any_document(self):
        """Found by a fifth attacker: a new activity's onchange names its
        document as superuser (res_name), and so does a new composer (record
        name, subject), for any model and id: any user with a login read a
        journal entry's title (a citizen's mail's first words), a file's
        name, another centre's referral. The onchange now refuses a document
        the user may not read, and the composer is not created on one."""
        entry = self.env["borgerraadgiver.journal.entry"].search(
            [("title", "!=", False)], limit=1
        )
        self.assertTrue(entry)
        documents = [
            (entry, entry.title),
            (self.inquiry_file, self.inquiry_file.name),
            (self.referral_am, self.referral_am.name),
            (self.inquiry_bl, self.inquiry_bl.name),
        ]
        for user in (self.plain, self.staff_bl, self.statistics):
            Activity = self.env["mail.activity"].with_user(user)
            Composer = self.env["mail.compose.message"].with_user(user)
            for document, name in documents:
                values = {
                    "model": document._name,
                    "res_ids": f"[{document.id}]",
                    "composition_mode": "comment",
                }
                calls = {
                    "activity onchange": lambda a=Activity, d=document: a.onchange(
                        {"res_model": d._name, "res_id": d.id},
                        ["res_id"],
                        {"res_name": {}},
                    ),
                    "composer onchange": lambda c=Composer, v=values: c.onchange(
                        v, ["res_ids"], {"record_name": {}, "subject": {}}
                    ),
                    "composer create": lambda c=Composer, v=values: c.create(v).read(
                        ["record_name", "subject"]
                    ),
                }
                for path, call in calls.items():
                    with self.subTest(user=user.login, model=document._name, path=path):
                        self.assertNotNamed(call, name)
        # the advisor's own documents are named to her
        result = (
            self.env["mail.activity"]
            .with_user(self.advisor)
            .onchange(
                {"res_model": INQUIRY, "res_id": self.inquiry_bl.id},
                ["res_id"],
                {"res_name": {}},
            )
        )
        self.assertEqual(result["value"]["res_name"], self.inquiry_bl.display_name)

    def test_closed_citizens_mail_contact_linked_to_erp_records(self):
        """Found by a sixth attacker: a user who may not read a citizen's
        mail contact made it follow an ERP record of hers, or the company of
        a contact of hers, and read its name and e-mail back from fields Odoo
        computes as superuser (a follower's name and email, a contact's
        parent_name and complete_name)."""
        clerk = self.env["res.users"].create(
            {
                "name": "Atk Contact Clerk",
                "login": "atk_contact_clerk",
                "groups_id": [
                    (6, 0, [self.env.ref("base.group_partner_manager").id]),
                    (4, self.env.ref("base.group_user").id),
                ],
            }
        )
        Partner = self.env["res.partner"].with_user(clerk)
        customer = Partner.create({"name": "Atk ERP Customer"})
        hidden = self.citizen_partner
        calls = {
            "subscribe": lambda: (
                customer.message_subscribe(partner_ids=hidden.ids),
                self.env["mail.followers"]
                .with_user(clerk)
                .search_read([("res_id", "=", customer.id)], ["name", "email"]),
            ),
            # refused by the access rights of mail.followers
            "follower": lambda: (
                self.env["mail.followers"]
                .with_user(clerk)
                .create(
                    {
                        "res_model": "res.partner",
                        "res_id": customer.id,
                        "partner_id": hidden.id,
                    }
                )
                .read(["name", "email"])
            ),
            "child contact": lambda: Partner.create(
                {"name": "child", "parent_id": hidden.id}
            ).read(["parent_name", "complete_name"]),
            "company of a contact": lambda: (
                customer.write({"parent_id": hidden.id}),
                customer.read(["parent_name", "complete_name"]),
            ),
        }
        for path, call in calls.items():
            with self.subTest(path=path):
                self.assertNotNamed(call, CITIZEN_NAME)
                self.assertNotNamed(call, CITIZEN_EMAIL)
                self.assertRefused(call)
        with self.assertRaisesRegex(AccessError, "kan ikke være virksomhed"):
            Partner.with_context(lang="da_DK").create(
                {"name": "child", "parent_id": hidden.id}
            )

    def test_closed_settings_and_answer_action_for_anyone(self):
        """Found by a seventh attacker: default_get of the settings gave any
        user the addon's settings (the access log's period and sample, the
        retention), and the answer action took any referral's id."""
        Settings = self.env["res.config.settings"]
        ours = [
            name for name in Settings._fields if name.startswith("borgerraadgiver_")
        ]
        for user in (self.plain, self.staff_bl, self.statistics):
            with self.subTest(user=user.login):
                defaults = Settings.with_user(user).default_get(ours)
                self.assertFalse(set(defaults) & set(ours))
                self.assertRefused(
                    lambda u=user: self.referral_am.with_user(
                        u
                    ).action_register_answer()
                )
        defaults = Settings.with_user(self.br_admin).default_get(
            ["borgerraadgiver_access_log_months"]
        )
        self.assertEqual(defaults["borgerraadgiver_access_log_months"], 24)
        action = self.referral_am.with_user(self.staff_am).action_register_answer()
        self.assertEqual(action["res_model"], "borgerraadgiver.referral.answer")

    def test_closed_followers_of_the_addons_other_records(self):
        """Found by a seventh attacker: the followers' rule named the four
        threads only, so any user saw who follows an annual report (or a
        review of the access log). Now every record of the addon; management
        sees the annual reports' followers, the administrators the reviews'."""
        report = self.env["borgerraadgiver.annual.report"].create({})
        report.message_subscribe(partner_ids=self.statistics.partner_id.ids)
        Followers = self.env["mail.followers"]
        domain = [("res_model", "=", report._name), ("res_id", "=", report.id)]
        for user in (self.plain, self.staff_bl):
            with self.subTest(user=user.login):
                self.assertFalse(Followers.with_user(user).search(domain))
        self.assertIn(
            self.statistics.partner_id,
            Followers.with_user(self.statistics).search(domain).partner_id,
        )

    def test_closed_answer_wizard_swapped_referral(self):
        """Staff of B&L create the answer wizard on their own referral (the
        create check passes), then write() its referral_id to another
        centre's referral (the field is readonly in the view only). Reading
        the wizard names the other centre's referral (its number, read as
        superuser for the Many2one)."""
        wizard = (
            self.env["borgerraadgiver.referral.answer"]
            .with_user(self.staff_bl)
            .create({"referral_id": self.referral_bl.id, "answer": "x"})
        )
        try:
            with self.env.cr.savepoint():
                wizard.write({"referral_id": self.referral_am.id})
        except AccessError:
            return
        # what the staff member reads back, as the web client does
        wizard.invalidate_recordset()
        data = wizard.web_read({"referral_id": {"fields": {"display_name": {}}}})
        self.assertNotIn(self.referral_am.name, json.dumps(data, default=str))

    def test_closed_staff_notify_hidden_citizen(self):
        """message_notify (public, call_kw) on the staff member's own
        referral with another centre's citizen's hidden partner among
        partner_ids: message_post refuses that partner, message_notify does
        not; the citizen of another centre's case is mailed by the staff."""
        referral = self.referral_bl.with_user(self.staff_bl)
        try:
            with self.env.cr.savepoint():
                message = referral.message_notify(
                    body="Hello from the centre",
                    partner_ids=[self.other_partner.id],
                )
        except AccessError:
            return
        self.assertNotIn(
            self.other_partner, message.sudo().notification_ids.res_partner_id
        )

    def test_closed_plain_user_notify_hidden_citizen(self):
        """Any internal user (here the sales clerk) notifies the addon's
        hidden citizen partner from no document at all (mail.thread's
        message_notify on an empty recordset): the citizen is mailed by
        someone outside the advisor's office."""
        try:
            with self.env.cr.savepoint():
                message = (
                    self.env["res.partner"]
                    .with_user(self.plain)
                    .browse()
                    .message_notify(
                        body="We know about your case",
                        partner_ids=[self.citizen_partner.id],
                    )
                )
        except AccessError:
            return
        self.assertNotIn(
            self.citizen_partner, message.sudo().notification_ids.res_partner_id
        )

    def test_closed_staff_read_other_centres_notifications(self):
        """The staff rule on mail.notification lets staff read the
        notifications of every centre's referrals: B&L's staff list who the
        Arbejdsmarked centre mailed about its case (here the ERP contact with
        the other citizen's address) and who wrote."""
        posted = self.referral_am.with_user(self.staff_am).message_post(
            body="We have called you",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.supplier_contact.ids,
        )
        self.assertTrue(posted.sudo().notification_ids)
        Notification = self.env["mail.notification"].with_user(self.staff_bl)
        seen = Notification.search([("mail_message_id", "=", posted.id)])
        rows = seen.read(["res_partner_id", "author_id", "mail_message_id"])
        self.assertFalse(rows, "staff read another centre's notifications")

    # ==================================================================
    # Held
    # ==================================================================

    def test_holds_forward_wizard_and_action_forward(self):
        """Only the advisor reaches the forward wizard and action_forward; her
        wizard sends no file of another inquiry, and lists only this
        inquiry's files."""
        for user in (self.staff_bl, self.plain, self.statistics, self.br_admin):
            with self.subTest(user=user.login):
                self.assertRefused(
                    lambda u=user: (
                        self.env["borgerraadgiver.referral.send"]
                        .with_user(u)
                        .create({"inquiry_id": self.inquiry_bl.id, "subject": "x"})
                    )
                )
                self.assertRefused(
                    lambda u=user: self.inquiry_am.with_user(u).action_forward()
                )
                self.assertRefused(
                    lambda u=user: self.inquiry_am.with_user(u).action_forward_wizard()
                )
        other = (
            self.env[INQUIRY]
            .with_user(self.advisor)
            .create(
                {
                    "subject": "Other",
                    "centre_id": self.centre_bl.id,
                    "category_id": self.env.ref("borgerraadgiver.category_2").id,
                }
            )
        )
        other.action_open()
        wizard = (
            self.env["borgerraadgiver.referral.send"]
            .with_user(self.advisor)
            .create({"inquiry_id": other.id, "subject": "x"})
        )
        self.assertFalse(wizard.available_attachment_ids)
        wizard.attachment_ids = self.inquiry_file
        self.assertRefused(wizard.action_send)

    def test_holds_notify_onto_inquiry(self):
        """message_notify from no document naming the inquiry as model and
        res_id, in one's own or the advisor's name: refused."""
        for user in (self.staff_bl, self.plain):
            for author in (user.partner_id, self.advisor.partner_id):
                with self.subTest(user=user.login, author=author.name):
                    self.assertRefused(
                        lambda u=user, a=author: (
                            self.env["res.partner"]
                            .with_user(u)
                            .browse()
                            .message_notify(
                                body="planted",
                                model=INQUIRY,
                                res_id=self.inquiry_bl.id,
                                author_id=a.id,
                                partner_ids=self.advisor.partner_id.ids,
                            )
                        )
                    )

    def test_holds_answer_sync_as_staff(self):
        """Staff's answer reaches the inquiry only as its contract fields;
        a second answer after the referral is answered, a reopened answer
        (False), an answer on the withdrawn referral are refused."""
        referral = self.referral_bl.with_user(self.staff_bl)
        referral.write({"answer": "first", "answer_date": municipal_today(self.env)})
        self.assertEqual(self.inquiry_bl.centre_answer, "first")
        self.assertRefused(lambda: referral.write({"answer_date": False}))
        self.assertRefused(lambda: referral.write({"answer": "rewritten"}))
        self.inquiry_am.with_user(self.advisor).action_cancel()
        self.assertRefused(
            lambda: self.referral_am.with_user(self.staff_am).write(
                {"answer_date": municipal_today(self.env)}
            )
        )
        # nothing on the inquiry is authored by the staff member
        self.assertNotIn(
            self.staff_bl.partner_id, self.inquiry_bl.sudo().message_ids.author_id
        )

    def test_holds_citizen_key_as_staff_and_plain(self):
        """The citizen key in partner_additional_values is refused to whoever
        cannot read the register."""
        for user in (self.staff_bl, self.plain):
            with self.subTest(user=user.login):
                self.assertRefused(
                    lambda u=user: (
                        self.env["borgerraadgiver.citizen"]
                        .with_user(u)
                        ._mail_partners_from_emails(
                            [CITIZEN_EMAIL],
                            {
                                CITIZEN_EMAIL: {
                                    "borgerraadgiver_citizen_id": self.citizen.id
                                }
                            },
                        )
                    )
                )

    def test_holds_bus_when_advisor_mails_citizen(self):
        """The advisor mails the citizen from the inquiry: nothing reaches a
        staff member's or the plain user's bus channel."""
        self.env.cr.precommit.run()
        Bus = self.env["bus.bus"].sudo()
        before = Bus.search([], order="id desc", limit=1).id or 0
        self.inquiry_bl.with_user(self.advisor).message_post(
            body="Kære Ingrid, SECRET-MAIL-TO-CITIZEN",
            subject=MAIL_SUBJECT,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.citizen_partner.ids,
        )
        self.env.cr.precommit.run()
        for user in (self.staff_bl, self.staff_am, self.plain):
            rows = Bus.search(
                [
                    ("id", ">", before),
                    ("channel", "like", f'"res.partner",{user.partner_id.id}]'),
                ]
            )
            text = " ".join(rows.mapped("message"))
            for secret in ("SECRET-MAIL-TO-CITIZEN", CITIZEN_NAME, LOG_NOTE):
                self.assertNotIn(secret, text)

    def test_holds_advisor_user_record(self):
        """Staff and the plain user read nothing of the cases through the
        advisor's user and partner records."""
        for user in (self.staff_bl, self.plain):
            with self.subTest(user=user.login):
                partner = self.advisor.partner_id.with_user(user)
                data = partner.read(["activity_ids", "message_ids"])[0]
                messages = self.env["mail.message"].sudo().browse(data["message_ids"])
                self.assertFalse(
                    messages.filtered(lambda m: m.model in (INQUIRY, REFERRAL))
                )
                Activity = self.env["mail.activity"].with_user(user)
                self.assertFalse(Activity.search([("user_id", "=", self.advisor.id)]))


@tagged("post_install", "-at_install")
class TestAttack2Http(AttackWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    def login(self, user):
        self.authenticate(user.login, f"{user.login}-pw-2026")

    def rpc(self, url, params):
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

    @mute_logger("odoo.http")
    def test_closed_notify_mails_hidden_citizens_over_rpc(self):
        """The sales clerk (any internal user) calls message_notify over
        /web/dataset/call_kw with the addon's hidden partners of citizens
        (ids counted up) among partner_ids: both citizens are mailed by
        someone outside the advisor's office. (Her starred box does not
        name them: the Store raises on the hidden partner.)"""
        self.login(self.plain)
        result = self.call_kw(
            "res.partner",
            "message_notify",
            [[]],
            {
                "body": "hi",
                "partner_ids": [self.citizen_partner.id, self.other_partner.id],
            },
        )
        message = self.env["mail.message"].browse(result.get("result") or [])
        self.assertFalse(
            (self.citizen_partner | self.other_partner)
            & message.exists().notification_ids.res_partner_id,
            "the citizens were notified",
        )

    @mute_logger("odoo.http")
    def test_holds_message_post_partner_emails(self):
        """Staff on their referral and the plain user on their own channel
        post with the citizens' addresses in partner_emails (with and without
        the citizen key): no hidden partner is found or named."""
        self.login(self.staff_bl)
        for values in ({}, {"borgerraadgiver_citizen_id": self.other_citizen.id}):
            result = self.rpc(
                "/mail/message/post",
                {
                    "thread_model": REFERRAL,
                    "thread_id": self.referral_bl.id,
                    "post_data": {"body": "hello", "message_type": "comment"},
                    "partner_emails": [OTHER_CITIZEN_EMAIL],
                    "partner_additional_values": {OTHER_CITIZEN_EMAIL: values},
                },
            )
            self.assertNotIn(OTHER_CITIZEN_NAME, json.dumps(result))
        messages = self.referral_bl.sudo().message_ids
        self.assertNotIn(self.other_partner, messages.partner_ids)
        self.assertNotIn(ADVISOR_NOTES, json.dumps(result))
