"""A third attacker's pass, on what issue 18 added (complaint points,
recommendations, investigations, counted-only contacts, returning
citizens, the report's new sections). Each role logs in and tries the
paths an RPC client has.

``test_closed_*``: a path this pass found open, closed since (the test
asserts what the role must NOT be able to do). ``test_holds_*``: tried, held.
Paths already covered elsewhere are not repeated here: the recommendation's
own reads and writes (test_recommendation_access.py), the points and their
analysis (test_inquiry_points.py), the contacts (test_contacts.py), the
citizen's history (test_returning_citizens.py), the yearly report's
downloads (test_report_access.py).
"""

import base64
import json

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AttackCase
from .test_recommendation_access import (
    AM_TEXT,
    BL_TEXT,
    INQUIRY_SUBJECT,
    INVESTIGATION,
    RECOMMENDATION,
    RecommendationWorld,
)

SECRET_REPLY = "ATTACK3-ADVISOR-FOLLOW-UP-SECRET"


@tagged("post_install", "-at_install")
class TestAttack3Orm(RecommendationWorld, AttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()
        cls.it_admin = new_test_user(
            cls.env,
            login="atk3_it_admin",
            groups="base.group_user,borgerraadgiver.group_admin",
        )

    def notified(self, message):
        return (
            self.env["mail.notification"]
            .sudo()
            .search([("mail_message_id", "=", message.id)])
            .res_partner_id
        )

    # ==================================================================
    # Holes
    # ==================================================================

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_closed_staff_who_left_the_centre_still_follow(self):
        """IT takes a case worker off B&L's staff list. The record rule
        hides B&L's recommendations from her at once, but she stayed a
        follower of each: every later message on them (the advisor's
        follow-up, the centre's response) was mailed to her and put in her
        inbox, where she read it as its recipient."""
        self.centre_bl.with_user(self.it_admin).write(
            {"user_ids": [Command.unlink(self.staff_bl.id)]}
        )
        self.assertNotIn(self.staff_bl.partner_id, self.rec_bl.message_partner_ids)
        message = self.rec_bl.with_user(self.advisor).message_post(
            body=SECRET_REPLY, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertNotIn(self.staff_bl.partner_id, self.notified(message))
        self.assertRefused(lambda: message.with_user(self.staff_bl).read(["body"]))
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.staff_bl)
            .search([("body", "ilike", SECRET_REPLY)])
        )
        # who joins the centre follows its recommendations awaiting a response
        self.centre_bl.with_user(self.it_admin).write(
            {"user_ids": [Command.link(self.staff_am.id)]}
        )
        self.assertIn(self.staff_am.partner_id, self.rec_bl.message_partner_ids)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_closed_sent_recommendation_moved_to_another_centre(self):
        """The form shows the centre read-only once a recommendation is
        sent, but a write over RPC moved it: the first centre's staff kept
        following it (and got every later message of the other centre's
        exchange), the new centre got no mail and did not follow it; moved
        from the whole administration onto a centre, it was never mailed."""
        self.assertRefused(
            lambda: self.rec_bl.with_user(self.advisor).write(
                {"centre_id": self.centre_am.id}
            )
        )
        self.assertRefused(
            lambda: self.rec_whole.with_user(self.advisor).write(
                {"centre_id": self.centre_am.id}
            )
        )
        self.assertRefused(
            lambda: self.rec_am.with_user(self.advisor).write({"centre_id": False})
        )
        self.assertEqual(self.rec_bl.centre_id, self.centre_bl)
        # a draft is still addressed freely
        self.rec_draft.with_user(self.advisor).write({"centre_id": self.centre_am.id})
        self.assertEqual(self.rec_draft.centre_id, self.centre_am)
        # and the centre may be written with its own value (a form's save)
        self.rec_bl.with_user(self.advisor).write({"centre_id": self.centre_bl.id})

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_closed_staff_change_the_advisors_response_activity(self):
        """Sending a recommendation schedules the advisor's activity on its
        deadline. mail.activity lets whoever may post on a document write
        and delete any activity of it, and staff may post on their centre's
        recommendation: a case worker could delete the advisor's reminder,
        mark it done, postpone it or take it over."""
        activity = self.rec_bl.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.advisor
        )
        self.assertEqual(len(activity), 1)
        theirs = activity.with_user(self.staff_bl)
        deadline = activity.date_deadline
        for name, call in {
            "postpone": lambda: theirs.write({"date_deadline": "2099-12-31"}),
            "take over": lambda: theirs.write({"user_id": self.staff_bl.id}),
            "note": lambda: theirs.write({"note": "<p>Nothing to do</p>"}),
            "delete": lambda: theirs.unlink(),
            "done": lambda: theirs.action_feedback(feedback="done"),
            "cancel": lambda: theirs.action_cancel(),
            "snooze": lambda: theirs.action_snooze(),
        }.items():
            with self.subTest(call=name):
                self.assertRefused(call)
        self.assertTrue(activity.exists())
        self.assertEqual(activity.date_deadline, deadline)
        self.assertEqual(activity.user_id, self.advisor)
        # the centre's own activities on its recommendation stay its own
        own = self.rec_bl.with_user(self.staff_bl).activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.staff_bl.id,
            summary="Ask the chief",
        )
        own.write({"summary": "Ask the chief first"})
        own.action_feedback(feedback="Asked")
        self.assertFalse(own.exists())
        # and the advisor still manages hers
        activity.with_user(self.advisor).write({"date_deadline": "2099-12-31"})

    # ==================================================================
    # Tried, held
    # ==================================================================

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_onchange_and_defaults_of_the_source(self):
        """The source fields (groups=advisor) through onchange, default_get
        and copy_data (public, and reading every copied field): no inquiry's
        number, id or consent comes back to staff."""
        Recommendation = self.env[RECOMMENDATION].with_user(self.staff_bl)
        self.assertRefused(lambda: self.rec_bl.with_user(self.staff_bl).copy_data())
        for call in (
            lambda: Recommendation.onchange(
                {"inquiry_id": self.inquiry.id},
                ["inquiry_id"],
                {
                    "inquiry_id": {"fields": {"display_name": {}}},
                    "consent_forwarding": {},
                },
            ),
            lambda: Recommendation.with_context(
                default_inquiry_id=self.inquiry.id
            ).default_get(["inquiry_id", "consent_forwarding"]),
        ):
            try:
                with self.env.cr.savepoint():
                    result = call()
            except (AccessError, UserError, ValueError):
                continue
            text = json.dumps(result, default=str)
            self.assertNotIn(self.inquiry.name, text)
            self.assertNotIn("consent_forwarding", text)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_holds_templates_rendered_by_staff(self):
        """The reminder template lists recommendations by the ids in its
        context: staff of B&L send it for their own centre with A&M's ids,
        and the recommendation's template on A&M's recommendation."""
        reminder = self.env.ref(
            "borgerraadgiver.mail_template_recommendation_reminder"
        ).with_user(self.staff_bl)
        self.assertRefused(
            lambda: reminder.with_context(
                borgerraadgiver_recommendation_ids=self.rec_am.ids
            ).send_mail(
                self.centre_bl.id, email_values={"email_to": "atk3@evil.example"}
            )
        )
        template = self.env.ref(
            "borgerraadgiver.mail_template_recommendation"
        ).with_user(self.staff_bl)
        self.assertRefused(
            lambda: template.send_mail(
                self.rec_am.id, email_values={"email_to": "atk3@evil.example"}
            )
        )
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("email_to", "=", "atk3@evil.example")])
        )

    def test_holds_bus_when_the_advisor_posts_on_a_recommendation(self):
        """The advisor answers B&L on its recommendation: nothing of it
        reaches the bus of A&M's staff, management or a plain user (all of
        them notified in Odoo's inbox, as is B&L's case worker)."""
        users = (
            self.staff_bl | self.staff_am | self.manager | self.plain | self.it_admin
        )
        users.sudo().write({"notification_type": "inbox"})
        self.env.cr.precommit.run()
        Bus = self.env["bus.bus"].sudo()
        before = Bus.search([], order="id desc", limit=1).id or 0
        self.rec_bl.with_user(self.advisor).message_post(
            body=SECRET_REPLY, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.env.cr.precommit.run()
        rows = Bus.search([("id", ">", before)])
        self.assertIn(SECRET_REPLY, " ".join(rows.mapped("message")))
        for user in (self.staff_am, self.manager, self.plain, self.it_admin):
            with self.subTest(user=user.login):
                mine = rows.filtered(
                    lambda r, u=user: (
                        f'"res.partner",{u.partner_id.id}]' in r.channel
                        or f'"res.users",{u.id}]' in r.channel
                    )
                )
                text = " ".join(mine.mapped("message"))
                for secret in (SECRET_REPLY, BL_TEXT, self.rec_bl.name):
                    self.assertNotIn(secret, text)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_holds_it_admin_sees_no_findings(self):
        """The addon's administrator configures the criticism scale, and
        reads nothing of the findings it grades."""
        for model in (
            RECOMMENDATION,
            INVESTIGATION,
            "borgerraadgiver.inquiry.point",
            "borgerraadgiver.inquiry.point.analysis",
            "borgerraadgiver.contact",
        ):
            with self.subTest(model=model):
                self.assertRefused(
                    lambda m=model: (
                        self.env[m]
                        .with_user(self.it_admin)
                        .search_read([], ["display_name"])
                    )
                )


@tagged("post_install", "-at_install")
class TestAttack3Http(RecommendationWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_world()
        cls.investigation.write({"published": True})
        cls.attachment = (
            cls.env["ir.attachment"]
            .with_user(cls.advisor)
            .create(
                {
                    "name": "atk3-bl.txt",
                    "datas": base64.b64encode(BL_TEXT.encode()),
                    "res_model": RECOMMENDATION,
                    "res_id": cls.rec_bl.id,
                }
            )
        )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_attachment")
    def test_holds_attachment_of_another_centres_recommendation(self):
        self.authenticate("rec_staff_bl", "rec_staff_bl-pw-2026")
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(BL_TEXT, response.text)
        for login in ("rec_staff_am", "rec_manager", "rec_plain"):
            with self.subTest(user=login):
                self.authenticate(login, f"{login}-pw-2026")
                response = self.url_open(f"/web/content/{self.attachment.id}")
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(BL_TEXT, response.text)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_holds_investigation_list_for_others(self):
        """The published list of investigations is printed by the advisor:
        nobody else renders it (or any investigation) by its route."""
        for login in ("rec_staff_am", "rec_manager", "rec_plain"):
            for converter in ("html", "pdf"):
                with self.subTest(user=login, converter=converter):
                    self.authenticate(login, f"{login}-pw-2026")
                    response = self.url_open(
                        f"/report/{converter}/"
                        f"borgerraadgiver.investigation_published_pdf/"
                        f"{self.investigation.id}",
                        timeout=60,
                    )
                    self.assertNotEqual(response.status_code, 200)
                    self.assertNotIn(self.investigation.name, response.text)
        for text in (AM_TEXT, INQUIRY_SUBJECT):
            self.assertNotIn(text, response.text)
