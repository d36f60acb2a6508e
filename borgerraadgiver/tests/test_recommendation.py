"""Recommendations (issue 18, item 3): sending with the citizen's consent,
the deadline in working days and the advisor's activity, the centre's
response (a refusal must be explained), the reminders, and the yearly
report's list and counts per centre, with last year's open ones carried
forward."""

import io
from datetime import date, datetime

import docx
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.borgerraadgiver.models.consent import (
    FORWARD_WITHOUT_CONSENT,
    ForwardWithoutConsentError,
)

from .common import BorgerraadgiverCase
from .report_common import render_workbook

RECOMMENDATION = "borgerraadgiver.recommendation"


class RecommendationCase(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_test_rec_staff",
            groups="borgerraadgiver.group_centre_staff",
            name="Recommendation Staff",
            email="rec.staff@stevns.example",
        )
        cls.other_staff = new_test_user(
            cls.env,
            login="br_test_rec_other_staff",
            groups="borgerraadgiver.group_centre_staff",
            name="Other Centre Staff",
        )
        cls.manager = new_test_user(
            cls.env,
            login="br_test_rec_manager",
            groups="borgerraadgiver.group_statistics",
            name="Recommendation Manager",
        )
        cls.centre.write(
            {"user_ids": [Command.link(cls.staff.id)], "email": "tst@stevns.example"}
        )
        cls.other_centre = cls.env["borgerraadgiver.centre"].create(
            {
                "name": "Other Test Centre",
                "code": "TST-O",
                "sequence": 98,
                "email": "other@stevns.example",
                "user_ids": [Command.link(cls.other_staff.id)],
            }
        )
        cls.Recommendation = cls.env[RECOMMENDATION].with_user(cls.advisor)

    def recommendation(self, **values):
        return self.Recommendation.create(
            {
                "name": "Receipts with the expected handling time",
                "text": "Send a receipt with the expected handling time.",
                "centre_id": self.centre.id,
                **values,
            }
        )

    def sent(self, **values):
        recommendation = self.recommendation(**values)
        recommendation.action_send()
        return recommendation


@tagged("post_install", "-at_install")
class TestRecommendation(RecommendationCase):
    def test_send_sets_deadline_follower_mail_and_activity(self):
        with freeze_time("2025-03-03 10:00:00"):
            recommendation = self.sent()
            self.assertEqual(recommendation.state, "sent")
            self.assertEqual(recommendation.date, date(2025, 3, 3))
            self.assertEqual(
                recommendation.deadline,
                self.working_days_after(date(2025, 3, 3), 20),
            )
        self.assertIn(self.staff.partner_id, recommendation.sudo().message_partner_ids)
        mail = recommendation.sudo().message_ids.filtered(
            lambda m: m.message_type == "comment" and "Send a receipt" in (m.body or "")
        )
        self.assertTrue(mail, "the recommendation is posted to the centre")
        self.assertEqual(mail.author_id, self.advisor.partner_id)
        activity = recommendation.sudo().activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("borgerraadgiver.mail_activity_type_recommendation_response"),
        )
        self.assertEqual(activity.date_deadline, recommendation.deadline)
        self.assertEqual(activity.user_id, self.advisor)

    def test_deadline_is_the_municipal_day_around_midnight(self):
        """Sent at 23:30 UTC on a Sunday is Monday in Copenhagen; at 00:30
        UTC on a Monday it is Monday too."""
        for moment in ("2025-03-02 23:30:00", "2025-03-03 00:30:00"):
            with self.subTest(moment=moment), freeze_time(moment):
                recommendation = self.sent()
                self.assertEqual(recommendation.date, date(2025, 3, 3))
                self.assertEqual(
                    recommendation.deadline,
                    self.working_days_after(date(2025, 3, 3), 20),
                )

    def test_the_advisors_own_deadline_is_kept(self):
        with freeze_time("2025-03-03 10:00:00"):
            recommendation = self.sent(deadline="2025-06-30")
        self.assertEqual(recommendation.deadline, date(2025, 6, 30))

    def test_consent_required_for_an_inquirys_experience(self):
        inquiry = self.open_inquiry(consent_forwarding=False)
        recommendation = self.recommendation(inquiry_id=inquiry.id)
        with self.assertRaises(ForwardWithoutConsentError) as refusal:
            recommendation.action_send()
        self.assertIn(inquiry.name, str(refusal.exception))
        self.assertIsInstance(refusal.exception, UserError)
        self.assertEqual(recommendation.state, "draft")
        self.assertFalse(recommendation.date)
        # a kanban drop is the same write
        with self.assertRaises(ForwardWithoutConsentError):
            recommendation.write({"state": "sent"})
        self.assertEqual(recommendation.state, "draft")
        # the dialog's action confirms it; the chatter records it
        action = refusal.exception.context["action"]
        self.assertTrue(action["context"][FORWARD_WITHOUT_CONSENT])
        recommendation.with_context(**action["context"]).action_send()
        self.assertEqual(recommendation.state, "sent")
        self.assertTrue(
            recommendation.sudo().message_ids.filtered(
                lambda m: "without the citizen's consent" in (m.body or "")
            )
        )

    def test_consent_given_sends_at_once(self):
        inquiry = self.open_inquiry(consent_forwarding=True)
        recommendation = self.recommendation(inquiry_id=inquiry.id)
        recommendation.action_send()
        self.assertEqual(recommendation.state, "sent")
        # without a source, no consent is asked either
        self.assertEqual(self.sent().state, "sent")

    def test_from_a_complaint_point_of_its_inquiry(self):
        """A recommendation from a complaint point: the point of its inquiry
        (whose citizen's consent it needs), never another inquiry's."""
        inquiry, other = self.open_inquiry(), self.open_inquiry()
        Point = self.env["borgerraadgiver.inquiry.point"].with_user(self.advisor)
        point, other_point = Point.create(
            [
                {"inquiry_id": record.id, "category_id": record.category_id.id}
                for record in (inquiry, other)
            ]
        )
        recommendation = self.recommendation(inquiry_id=inquiry.id, point_id=point.id)
        self.assertEqual(recommendation.point_id, point)
        for lang, label in (
            ("en_US", "From Complaint Point"),
            ("da_DK", "Fra klagepunkt"),
        ):
            with (
                self.subTest(lang=lang),
                self.assertRaises(ValidationError) as refusal,
            ):
                recommendation.with_context(lang=lang).point_id = other_point
            self.assertIn(label, str(refusal.exception))
        self.assertEqual(recommendation.point_id, point)
        # the point's staff never see it: the field is the advisor's
        self.assertNotIn(
            "point_id",
            self.env[RECOMMENDATION].with_user(self.staff).fields_get(),
        )

    def test_one_source_only(self):
        inquiry = self.open_inquiry()
        investigation = self.env["borgerraadgiver.investigation"].create(
            {"name": "Finding", "kind": "own_initiative"}
        )
        with self.assertRaises(ValidationError) as refusal:
            self.recommendation(
                inquiry_id=inquiry.id, investigation_id=investigation.id
            )
        self.assertIn("From Inquiry", str(refusal.exception))

    def test_cpr_number_warned_to_the_centre_and_masked_by_the_advisor(self):
        """A CPR number in what the centre reads (§1.4): its staff are warned,
        only the advisor masks it, text and response alike."""
        recommendation = self.sent(text="Borgeren 010190-1234 ventede længe.")
        mine = recommendation.with_user(self.staff)
        mine.write({"response": "Svar om 010190-1234", "state": "followed"})
        self.assertIn(f"Recommendation {recommendation.name} holds", mine.cpr_warning)
        with self.assertRaises(AccessError):
            mine.action_mask_cpr()
        recommendation.with_user(self.advisor).action_mask_cpr()
        self.assertEqual(recommendation.text, "Borgeren 010190-XXXX ventede længe.")
        self.assertEqual(recommendation.response, "Svar om 010190-XXXX")
        self.assertFalse(mine.cpr_warning)
        investigation = (
            self.env["borgerraadgiver.investigation"]
            .with_user(self.advisor)
            .create(
                {
                    "name": "Finding",
                    "kind": "own_initiative",
                    "findings": "<p>Sag om 010190-1234</p>",
                }
            )
        )
        self.assertTrue(investigation.cpr_warning)
        investigation.action_mask_cpr()
        self.assertEqual(investigation.findings, "<p>Sag om 010190-XXXX</p>")

    def test_not_followed_needs_a_reason(self):
        recommendation = self.sent()
        mine = recommendation.with_user(self.staff)
        for state in ("not_followed", "partly_followed"):
            with self.subTest(state=state):
                with self.assertRaises(ValidationError) as refusal:
                    with self.env.cr.savepoint():
                        mine.write({"state": state})
                self.assertIn("Response", str(refusal.exception))
                with self.assertRaises(ValidationError):
                    with self.env.cr.savepoint():
                        mine.write({"state": state, "response": "   "})
                recommendation.invalidate_recordset()
                self.assertEqual(recommendation.state, "sent")
        # with the reason, in one write or the text first and then the button
        mine.write({"response": "The budget does not allow it this year."})
        mine.action_not_followed()
        self.assertEqual(recommendation.state, "not_followed")
        self.assertEqual(recommendation.response_date, self.today)
        # and the reason cannot be emptied afterwards (the advisor)
        with self.assertRaises(ValidationError):
            recommendation.write({"response": False})

    def test_followed_needs_no_reason_and_closes_the_activity(self):
        recommendation = self.sent()
        recommendation.with_user(self.staff).action_followed()
        self.assertEqual(recommendation.state, "followed")
        self.assertFalse(recommendation.sudo().activity_ids)
        # the advisor reopens a response registered by mistake
        recommendation.action_reopen()
        self.assertEqual(recommendation.state, "sent")
        self.assertFalse(recommendation.response_date)
        self.assertTrue(recommendation.sudo().activity_ids)

    def test_refused_moves(self):
        draft = self.recommendation()
        with self.assertRaises(UserError):
            draft.write({"state": "followed"})
        with self.assertRaises(UserError):
            draft.action_followed()
        sent = self.sent()
        with self.assertRaises(UserError):
            sent.write({"state": "draft"})
        with self.assertRaises(UserError):
            sent.action_send()
        with self.assertRaises(UserError):
            self.Recommendation.create(
                {"name": "x", "text": "x", "state": "sent", "centre_id": self.centre.id}
            )
        with self.assertRaises(UserError):
            sent.unlink()
        draft.unlink()

    def test_whole_administration_is_answered_by_the_advisor(self):
        recommendation = self.sent(centre_id=False)
        self.assertEqual(recommendation.state, "sent")
        followers = recommendation.sudo().message_partner_ids
        self.assertFalse(followers & (self.staff | self.other_staff).partner_id)
        for user in (self.staff, self.other_staff, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(self.env[RECOMMENDATION].with_user(user).search([]))
        recommendation.write(
            {"response": "Direktionen follows it.", "state": "followed"}
        )
        self.assertEqual(recommendation.state, "followed")

    def test_overdue_and_reminder_to_the_centre(self):
        with freeze_time("2025-03-03 10:00:00"):
            recommendation = self.sent(deadline="2025-03-10")
            self.sent(deadline="2025-03-10", centre_id=False)
        Recommendation = self.env[RECOMMENDATION]
        with freeze_time("2025-03-10 12:00:00"):
            self.assertFalse(recommendation.overdue)
        with freeze_time("2025-03-10 23:30:00"):
            # 00:30 on the 11th in Copenhagen: overdue
            recommendation.invalidate_recordset(["overdue"])
            self.assertTrue(recommendation.overdue)
            self.assertIn(
                recommendation, Recommendation.search([("overdue", "=", True)])
            )
            reminded = Recommendation._send_reminders(date(2025, 3, 11))
            self.assertEqual(reminded, recommendation)
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "tst@stevns.example")], order="id desc", limit=1
        )
        self.assertIn(recommendation.name, mail.body_html)
        self.assertIn("X-Borgerraadgiver-Reminder", mail.headers or "")
        # the next day: not again (weekly)
        self.assertFalse(Recommendation._send_reminders(date(2025, 3, 12)))
        self.assertEqual(
            Recommendation._send_reminders(date(2025, 3, 18)), recommendation
        )

    def test_daily_cron_sends_the_reminders(self):
        with freeze_time("2025-03-03 10:00:00"):
            recommendation = self.sent(deadline="2025-03-10")
        self.env["ir.config_parameter"].sudo().set_param(
            "borgerraadgiver.reminder_date", False
        )
        with freeze_time(datetime(2025, 3, 11, 9, 0)):
            self.env["borgerraadgiver.centre"]._cron_send_reminders()
        self.assertTrue(
            self.env["mail.mail"].search(
                [
                    ("email_to", "=", "tst@stevns.example"),
                    ("body_html", "ilike", recommendation.name),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestRecommendationReport(RecommendationCase):
    """Status per centre in the yearly report, and last year's open ones
    carried forward into next year's (2010-11: no demo data there)."""

    def at(self, day, **values):
        with freeze_time(f"{day} 10:00:00"):
            return self.sent(**values)

    def respond(self, recommendation, state, day, reason="Because."):
        with freeze_time(f"{day} 10:00:00"):
            recommendation.write({"state": state, "response": reason})

    def report(self, date_from, date_to, user=None):
        return (
            self.env["borgerraadgiver.annual.report"]
            .with_user(user or self.advisor)
            .create({"date_from": date_from, "date_to": date_to})
        )

    def sections(self, report):
        statistics = report._get_statistics(report._report_env())
        return {s.key: s for s in report._findings_sections(statistics)}

    def test_compared_with_last_year(self):
        """§4.2 "as last year's report": the recommendations sent, followed
        fully or partly, and the share followed of those answered, this
        year beside last year, in the yearly report's comparison."""
        self.respond(self.at("2010-02-03"), "followed", "2010-03-03")
        self.respond(self.at("2010-04-01"), "not_followed", "2010-05-03")
        self.respond(self.at("2011-02-01"), "followed", "2011-03-01")
        self.respond(self.at("2011-03-01"), "partly_followed", "2011-04-01")
        self.respond(self.at("2011-04-01"), "not_followed", "2011-05-01")
        self.at("2011-05-02")
        self.recommendation(name="REC draft")
        report = self.report("2011-01-01", "2011-12-31")
        statistics = report._get_statistics(report._report_env())
        rows = {row.label: row for row in statistics.comparison.rows}
        # the report's language: Danish
        for label, this, last in (
            ("Anbefalinger sendt", 4, 2),
            ("Anbefalinger fulgt helt eller delvis", 2, 1),
            ("Andel af de besvarede anbefalinger, der er fulgt", 2 / 3, 1 / 2),
        ):
            with self.subTest(label=label):
                self.assertAlmostEqual(rows[label].this, this)
                self.assertAlmostEqual(rows[label].last, last)

    def test_status_per_centre_and_carried_forward(self):
        followed = self.at("2010-02-03", name="REC-A followed")
        self.respond(followed, "followed", "2010-03-03")
        refused = self.at(
            "2010-04-01", name="REC-B refused", centre_id=self.other_centre.id
        )
        self.respond(refused, "not_followed", "2010-05-03")
        self.at("2010-10-01", name="REC-C open")
        answered_next_year = self.at("2010-11-03", name="REC-D late")
        self.respond(answered_next_year, "partly_followed", "2011-02-03")
        self.at("2011-03-03", name="REC-E next year")
        # a draft is never counted
        self.recommendation(name="REC-F draft")

        section = self.sections(self.report("2010-01-01", "2010-12-31"))["3.8"]
        (table,) = section.tables
        rows = dict(table.rows)
        # I alt, awaiting, followed, partly, not followed: by status today
        self.assertEqual(rows[self.centre.name], [3, 1, 1, 1, 0])
        self.assertEqual(rows[self.other_centre.name], [1, 0, 0, 0, 1])
        self.assertEqual(table.totals, [4, 1, 1, 1, 1])
        this_year, carried = section.lists
        self.assertEqual(
            [row[0] for row in this_year.rows],
            ["REC-A followed", "REC-B refused", "REC-C open", "REC-D late"],
        )
        self.assertFalse(carried.rows)

        report_2011 = self.report("2011-01-01", "2011-12-31")
        section = self.sections(report_2011)["3.8"]
        this_year, carried = section.lists
        self.assertEqual([row[0] for row in this_year.rows], ["REC-E next year"])
        # open when 2011 began: C (still open) and D (answered in 2011)
        self.assertEqual([row[0] for row in carried.rows], ["REC-C open", "REC-D late"])
        status = {row[0]: row[-1] for row in carried.rows}
        self.assertEqual(status["REC-D late"], "Delvist fulgt")
        self.assertEqual(status["REC-C open"], "Afventer svar")
        counts = report_2011._recommendation_counts()
        self.assertEqual(counts["current"]["total"], 1)
        self.assertEqual(counts["current"]["sent"], 1)
        self.assertEqual(counts["previous"]["total"], 4)
        self.assertEqual(counts["previous"]["followed"], 1)
        self.assertEqual(counts["previous"]["not_followed"], 1)

    def test_exports_list_them_after_the_tables(self):
        self.at("2010-02-03", name="REC-IN-THE-EXPORTS")
        report = self.report("2010-01-01", "2010-12-31", user=self.manager)
        book = render_workbook(report)
        keys = [title.split()[0] for title in book.sheetnames]
        self.assertLess(keys.index("3.5"), keys.index("3.7"))
        self.assertLess(keys.index("3.7"), keys.index("3.8"))
        cells = [
            cell.value
            for sheet in book.worksheets
            if sheet.title.startswith("3.8")
            for row in sheet.iter_rows()
            for cell in row
        ]
        self.assertIn("REC-IN-THE-EXPORTS", cells)
        self.assertNotIn("Send a receipt with the expected handling time.", cells)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        html = html.decode()
        self.assertIn("REC-IN-THE-EXPORTS", html)
        self.assertLess(html.index("3.5 "), html.index("REC-IN-THE-EXPORTS"))
        document = docx.Document(
            io.BytesIO(
                self.env["report.borgerraadgiver.annual_report_docx"]
                .with_user(self.manager)
                ._render(report)
            )
        )
        texts = [
            cell.text
            for table in document.tables
            for row in table.rows
            for cell in row.cells
        ]
        self.assertIn("REC-IN-THE-EXPORTS", texts)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_management_sees_counts_only(self):
        recommendation = self.at("2010-02-03", name="REC-MGMT")
        Recommendation = self.env[RECOMMENDATION].with_user(self.manager)
        self.assertFalse(Recommendation.search([]))
        self.assertFalse(Recommendation.search_count([]))
        with self.assertRaises(AccessError):
            recommendation.with_user(self.manager).read(["text"])
        with self.assertRaises(AccessError):
            recommendation.with_user(self.manager).write({"state": "followed"})
        with self.assertRaises(AccessError):
            self.env["borgerraadgiver.investigation"].with_user(self.manager).search([])
        report = self.report("2010-01-01", "2010-12-31", user=self.manager)
        section = self.sections(report)["3.8"]
        self.assertEqual(section.tables[0].totals[0], 1)
        # the list names the title, never the text
        text = repr([section.lists[0].rows, section.lists[0].columns])
        self.assertIn("REC-MGMT", text)
        self.assertNotIn(recommendation.text, text)
        # a plain ERP user runs no report at all
        plain = new_test_user(
            self.env, login="br_test_rec_plain", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            report.with_user(plain)._recommendation_counts()
