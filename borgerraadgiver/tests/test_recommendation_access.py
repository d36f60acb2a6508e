"""Who sees and answers a recommendation (issue 18): the staff of its centre
read it once sent, answer it and take part in its chatter; the staff of
another centre, management and everyone else in the ERP see nothing of it;
nobody but the advisor sees where it came from (the inquiry, the
investigation) or any investigation. Tried through the paths a user takes:
the ORM as call_kw reaches it, and the chatter's routes over HTTP."""

import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AttackCase

RECOMMENDATION = "borgerraadgiver.recommendation"
INVESTIGATION = "borgerraadgiver.investigation"
INQUIRY = "borgerraadgiver.inquiry"

BL_TEXT = "RECOMMENDATION-BL-TEXT: send receipts"
AM_TEXT = "RECOMMENDATION-AM-TEXT: answer within ten days"
DRAFT_TEXT = "RECOMMENDATION-DRAFT-TEXT"
WHOLE_TEXT = "RECOMMENDATION-WHOLE-TEXT"
INQUIRY_SUBJECT = "INQUIRY-SUBJECT-SECRET of Ingrid"
ADVISOR_NOTES = "ADVISOR-NOTES-SECRET"
FINDINGS = "INVESTIGATION-FINDINGS-SECRET"
ADVISOR_NOTE = "ADVISOR-LOG-NOTE-ON-AM"


class RecommendationWorld:
    @classmethod
    def _setup_world(cls):
        env = cls.env

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

        cls.advisor = user("rec_advisor", "borgerraadgiver.group_advisor")
        cls.staff_bl = user("rec_staff_bl", "borgerraadgiver.group_centre_staff")
        cls.staff_am = user("rec_staff_am", "borgerraadgiver.group_centre_staff")
        cls.manager = user("rec_manager", "borgerraadgiver.group_statistics")
        cls.plain = user("rec_plain", "base.group_user")
        Centre = env["borgerraadgiver.centre"]
        cls.centre_bl = Centre.create(
            {
                "name": "Rec Børn & Læring",
                "code": "REC-BL",
                "email": "rec-bl@stevns.example",
                "user_ids": [Command.link(cls.staff_bl.id)],
            }
        )
        cls.centre_am = Centre.create(
            {
                "name": "Rec Arbejdsmarked",
                "code": "REC-AM",
                "email": "rec-am@stevns.example",
                "user_ids": [Command.link(cls.staff_am.id)],
            }
        )
        cls.inquiry = (
            env[INQUIRY]
            .with_user(cls.advisor)
            .create(
                {
                    "subject": INQUIRY_SUBJECT,
                    "advisor_notes": ADVISOR_NOTES,
                    "centre_id": cls.centre_bl.id,
                    "category_id": env.ref("borgerraadgiver.category_2").id,
                    "consent_forwarding": True,
                }
            )
        )
        cls.investigation = (
            env[INVESTIGATION]
            .with_user(cls.advisor)
            .create(
                {
                    "name": "Slow answers at Rec AM",
                    "kind": "systemic",
                    "centre_id": cls.centre_am.id,
                    "findings": f"<p>{FINDINGS}</p>",
                }
            )
        )
        Recommendation = env[RECOMMENDATION].with_user(cls.advisor)
        cls.rec_bl = Recommendation.create(
            {
                "name": "Receipts at BL",
                "text": BL_TEXT,
                "centre_id": cls.centre_bl.id,
                "inquiry_id": cls.inquiry.id,
            }
        )
        cls.rec_am = Recommendation.create(
            {
                "name": "Answers at AM",
                "text": AM_TEXT,
                "centre_id": cls.centre_am.id,
                "investigation_id": cls.investigation.id,
            }
        )
        cls.rec_draft = Recommendation.create(
            {"name": "Draft at BL", "text": DRAFT_TEXT, "centre_id": cls.centre_bl.id}
        )
        cls.rec_whole = Recommendation.create(
            {"name": "For everyone", "text": WHOLE_TEXT}
        )
        (cls.rec_bl | cls.rec_am | cls.rec_whole).action_send()
        cls.rec_am.message_post(body=ADVISOR_NOTE, subtype_xmlid="mail.mt_note")


@tagged("post_install", "-at_install")
class TestRecommendationAccess(RecommendationWorld, AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    def test_staff_see_their_own_centres_sent_recommendations(self):
        Recommendation = self.env[RECOMMENDATION].with_user(self.staff_bl)
        self.assertEqual(Recommendation.search([]), self.rec_bl)
        found = Recommendation.search_read([], ["name", "text", "state"])
        self.assertEqual([r["text"] for r in found], [BL_TEXT])
        web = self.rec_bl.with_user(self.staff_bl).web_read(
            {"text": {}, "deadline": {}, "centre_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(web[0]["text"], BL_TEXT)
        groups = Recommendation.read_group([], ["centre_id"], ["centre_id"])
        self.assertEqual([g["centre_id"][0] for g in groups], [self.centre_bl.id])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_staff_see_nothing_of_another_centre_a_draft_or_the_whole(self):
        Recommendation = self.env[RECOMMENDATION].with_user(self.staff_am)
        self.assertEqual(Recommendation.search([]), self.rec_am)
        for record in (self.rec_bl, self.rec_draft, self.rec_whole):
            theirs = record.with_user(self.staff_am)
            for name, call in {
                "read": lambda t=theirs: t.read(["text"]),
                "web_read": lambda t=theirs: t.web_read({"text": {}}),
                "write": lambda t=theirs: t.write({"response": "x"}),
                "answer": lambda t=theirs: t.action_followed(),
                "message_post": lambda t=theirs: t.message_post(body="x"),
                "follow": lambda t=theirs: t.message_subscribe(
                    partner_ids=self.staff_am.partner_id.ids
                ),
            }.items():
                with self.subTest(record=record.name, call=name):
                    self.assertRefused(call)
        self.assertEqual(
            Recommendation.search_read([("text", "ilike", "RECOMMENDATION")], ["text"]),
            [{"id": self.rec_am.id, "text": AM_TEXT}],
        )
        # the chatter of another centre's recommendation
        Message = self.env["mail.message"].with_user(self.staff_am)
        self.assertFalse(
            Message.search(
                [("model", "=", RECOMMENDATION), ("res_id", "=", self.rec_bl.id)]
            )
        )
        self.assertFalse(Message.search([("body", "ilike", "RECOMMENDATION-BL")]))
        bl_messages = self.rec_bl.sudo().message_ids
        self.assertTrue(bl_messages)
        self.assertRefused(lambda: bl_messages.with_user(self.staff_am).read(["body"]))
        Followers = self.env["mail.followers"].with_user(self.staff_am)
        self.assertEqual(
            set(
                Followers.search([("res_model", "=", RECOMMENDATION)]).mapped("res_id")
            ),
            {self.rec_am.id},
        )
        Notifications = self.env["mail.notification"].with_user(self.staff_am)
        self.assertFalse(
            Notifications.search(
                [
                    ("mail_message_id.model", "=", RECOMMENDATION),
                    ("mail_message_id.res_id", "=", self.rec_bl.id),
                ]
            )
        )

    def test_staff_answer_their_own_and_nothing_else(self):
        mine = self.rec_bl.with_user(self.staff_bl)
        mine.message_post(body="We will look into it", message_type="comment")
        self.assertRefused(lambda: mine.write({"text": "changed"}))
        self.assertRefused(lambda: mine.write({"deadline": "2099-01-01"}))
        self.assertRefused(lambda: mine.write({"centre_id": self.centre_am.id}))
        self.assertRefused(lambda: mine.write({"state": "draft"}))
        self.assertRefused(
            lambda: mine.write({"response": "x", "state": "followed", "name": "y"})
        )
        mine.write({"state": "not_followed", "response": "Not this year: budget."})
        self.assertEqual(self.rec_bl.state, "not_followed")
        # answered: it stays readable, the conversation goes on, the answer
        # is not changed by the centre any more
        self.assertEqual(mine.read(["state"])[0]["state"], "not_followed")
        mine.message_post(body="Thank you", message_type="comment")
        self.assertRefused(lambda: mine.write({"response": "changed"}))
        self.assertRefused(lambda: mine.action_reopen())
        # staff write no new recommendations
        self.assertRefused(
            lambda: (
                self.env[RECOMMENDATION]
                .with_user(self.staff_bl)
                .create({"name": "x", "text": "x", "centre_id": self.centre_bl.id})
            )
        )

    def test_the_chatter_is_shared_with_the_centre(self):
        Message = self.env["mail.message"].with_user(self.staff_am)
        bodies = Message.search(
            [("model", "=", RECOMMENDATION), ("res_id", "=", self.rec_am.id)]
        ).mapped("body")
        self.assertTrue(any(AM_TEXT in (body or "") for body in bodies))

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_staff_never_see_the_source(self):
        Recommendation = self.env[RECOMMENDATION].with_user(self.staff_bl)
        mine = self.rec_bl.with_user(self.staff_bl)
        fields = Recommendation.fields_get()
        for name in (
            "inquiry_id",
            "investigation_id",
            "annual_report_id",
            "consent_forwarding",
        ):
            self.assertNotIn(name, fields)
        for name, call in {
            "read": lambda: mine.read(["inquiry_id"]),
            "web_read": lambda: mine.web_read(
                {"inquiry_id": {"fields": {"display_name": {}, "advisor_notes": {}}}}
            ),
            "search_read": lambda: Recommendation.search_read([], ["investigation_id"]),
            "domain": lambda: Recommendation.search(
                [("inquiry_id.subject", "ilike", "SECRET")]
            ),
            "order": lambda: Recommendation.search([], order="inquiry_id"),
            "read_group": lambda: Recommendation.read_group(
                [], ["inquiry_id"], ["inquiry_id"]
            ),
            "export": lambda: mine.export_data(["inquiry_id/subject"]),
            "inquiry": lambda: self.inquiry.with_user(self.staff_bl).read(["subject"]),
        }.items():
            with self.subTest(call=name):
                self.assertRefused(call)
        # the mail to the centre names no inquiry
        text = " ".join(
            (m.body or "") + (m.subject or "") for m in self.rec_bl.sudo().message_ids
        )
        self.assertNotIn(INQUIRY_SUBJECT, text)
        self.assertNotIn(self.inquiry.name, text)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_investigations_are_the_advisors_alone(self):
        for user in (self.staff_am, self.staff_bl, self.manager, self.plain):
            Investigation = self.env[INVESTIGATION].with_user(user)
            mine = self.investigation.with_user(user)
            for name, call in {
                "search": lambda model=Investigation: model.search([]),
                "read": lambda m=mine: m.read(["findings"]),
                "web_read": lambda m=mine: m.web_read({"name": {}}),
                "message_post": lambda m=mine: m.message_post(body="x"),
                "create": lambda model=Investigation: model.create(
                    {"name": "x", "kind": "own_initiative"}
                ),
            }.items():
                with self.subTest(user=user.login, call=name):
                    self.assertRefused(call)
            with self.subTest(user=user.login, call="messages"):
                self.assertFalse(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", INVESTIGATION)])
                )
        # a recommendation from an investigation: not the investigation
        self.assertRefused(
            lambda: self.rec_am.with_user(self.staff_am).read(["investigation_id"])
        )

    def test_plain_users_see_nothing(self):
        for user in (self.plain, self.manager):
            with self.subTest(user=user.login):
                if user.has_group("borgerraadgiver.group_centre_staff"):
                    self.assertFalse(
                        self.env[RECOMMENDATION].with_user(user).search([])
                    )
                else:
                    self.assertRefused(
                        lambda u=user: self.env[RECOMMENDATION].with_user(u).search([])
                    )
                self.assertFalse(
                    self.env["mail.followers"]
                    .with_user(user)
                    .search([("res_model", "in", (RECOMMENDATION, INVESTIGATION))])
                )
                self.assertFalse(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "in", (RECOMMENDATION, INVESTIGATION))])
                )
                self.assertRefused(
                    lambda u=user: self.rec_bl.with_user(u).message_post(body="x")
                )

    def test_membership_change_takes_effect(self):
        """Moved to another centre: the old centre's recommendations go."""
        Recommendation = self.env[RECOMMENDATION].with_user(self.staff_bl)
        self.assertTrue(Recommendation.search([]))
        self.centre_bl.user_ids = [Command.unlink(self.staff_bl.id)]
        self.centre_am.user_ids = [Command.link(self.staff_bl.id)]
        self.env.invalidate_all()
        self.assertEqual(Recommendation.search([]), self.rec_am)


@tagged("post_install", "-at_install")
class TestRecommendationHttp(RecommendationWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()

    def rpc(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def thread(self, model, res_id):
        messages = self.rpc(
            "/mail/thread/messages", {"thread_model": model, "thread_id": res_id}
        )
        data = self.rpc(
            "/mail/thread/data",
            {
                "thread_model": model,
                "thread_id": res_id,
                "request_list": ["followers", "attachments", "activities"],
            },
        )
        return json.dumps([messages, data])

    def test_staff_read_their_own_recommendations_thread_only(self):
        self.authenticate("rec_staff_am", "rec_staff_am-pw-2026")
        own = self.thread(RECOMMENDATION, self.rec_am.id)
        self.assertIn("RECOMMENDATION-AM-TEXT", own)
        self.assertNotIn(FINDINGS, own)
        other = self.thread(RECOMMENDATION, self.rec_bl.id)
        self.assertNotIn("RECOMMENDATION-BL-TEXT", other)
        investigation = self.thread(INVESTIGATION, self.investigation.id)
        self.assertNotIn(FINDINGS, investigation)
        self.assertNotIn(self.investigation.name, investigation)
        answered = self.rpc(
            f"/web/dataset/call_kw/{RECOMMENDATION}/web_save",
            {
                "model": RECOMMENDATION,
                "method": "web_save",
                "args": [[self.rec_am.id], {"response": "We follow it partly."}],
                "kwargs": {"specification": {"response": {}}},
            },
        )
        self.assertNotIn("error", answered)
        refused = self.rpc(
            f"/web/dataset/call_kw/{RECOMMENDATION}/web_save",
            {
                "model": RECOMMENDATION,
                "method": "web_save",
                "args": [[self.rec_bl.id], {"response": "x"}],
                "kwargs": {"specification": {"response": {}}},
            },
        )
        self.assertIn("error", refused)

    def test_plain_user_reads_no_thread(self):
        self.authenticate("rec_plain", "rec_plain-pw-2026")
        for model, record, secret in (
            (RECOMMENDATION, self.rec_bl, "RECOMMENDATION-BL-TEXT"),
            (INVESTIGATION, self.investigation, FINDINGS),
        ):
            with self.subTest(model=model):
                self.assertNotIn(secret, self.thread(model, record.id))
