"""Systemic findings and own-initiative investigations (issue 18, item 4):
linked inquiries of the investigation's centre only, the follow-up date as
the advisor's activity, recommendations from the finding, the published list
and the count in the yearly report after 3.5."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BorgerraadgiverCase

INVESTIGATION = "borgerraadgiver.investigation"


@tagged("post_install", "-at_install")
class TestInvestigation(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Other Investigation Centre", "code": "TST-I", "sequence": 97}
        )
        cls.Investigation = cls.env[INVESTIGATION].with_user(cls.advisor)
        cls.follow_up_type = cls.env.ref(
            "borgerraadgiver.mail_activity_type_investigation_follow_up"
        )

    def finding(self, **values):
        return self.Investigation.create(
            {
                "name": "Slow answers at the test centre",
                "kind": "systemic",
                "centre_id": self.centre.id,
                **values,
            }
        )

    def follow_ups(self, investigation):
        return investigation.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.follow_up_type
        )

    def test_finding_links_inquiries_of_its_centre(self):
        inquiries = self.open_inquiry() | self.open_inquiry() | self.closed_inquiry()
        finding = self.finding(inquiry_ids=[(6, 0, inquiries.ids)])
        self.assertEqual(finding.inquiry_count, 3)
        self.assertEqual(finding.inquiry_ids, inquiries)
        elsewhere = self.open_inquiry(centre_id=self.other_centre.id)
        with self.assertRaises(ValidationError) as refusal:
            finding.write({"inquiry_ids": [(4, elsewhere.id)]})
        message = str(refusal.exception)
        self.assertIn("Inquiries", message)
        self.assertIn(elsewhere.name, message)
        self.assertIn(self.centre.name, message)
        # nor by moving the finding to another centre
        with self.assertRaises(ValidationError):
            finding.write({"centre_id": self.other_centre.id})
        # a systemic finding concerns one centre
        with self.assertRaises(ValidationError) as refusal:
            self.finding(centre_id=False)
        self.assertIn("Centre", str(refusal.exception))
        # an own-initiative investigation across centres may link any
        own = self.Investigation.create(
            {
                "name": "Complaint guidance in letters",
                "kind": "own_initiative",
                "inquiry_ids": [(6, 0, (inquiries | elsewhere).ids)],
            }
        )
        self.assertEqual(own.inquiry_count, 4)

    def test_follow_up_date_schedules_the_activity(self):
        finding = self.finding()
        self.assertFalse(self.follow_ups(finding))
        finding.write({"follow_up_date": "2030-06-02", "chief": "Centre chief"})
        activity = self.follow_ups(finding)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2030, 6, 2))
        self.assertEqual(activity.user_id, self.advisor)
        # moved with the date, one activity only
        finding.follow_up_date = "2030-09-01"
        self.assertEqual(self.follow_ups(finding).date_deadline, date(2030, 9, 1))
        self.assertEqual(len(self.follow_ups(finding)), 1)
        # cleared with it
        finding.follow_up_date = False
        self.assertFalse(self.follow_ups(finding))
        # set at creation, removed when cancelled
        other = self.finding(follow_up_date="2030-06-02")
        self.assertTrue(self.follow_ups(other))
        other.action_cancel()
        self.assertFalse(self.follow_ups(other))

    def test_stages_and_end_date(self):
        with freeze_time("2030-03-04 23:30:00"):
            finding = self.finding()
            finding.action_start()
            self.assertEqual(finding.state, "in_progress")
            finding.action_done()
        self.assertEqual(finding.state, "done")
        # the municipality's day: 00:30 on the 5th in Copenhagen
        self.assertEqual(finding.date_end, date(2030, 3, 5))
        with self.assertRaises(ValidationError):
            finding.action_done()
        finding.action_reopen()
        self.assertFalse(finding.date_end)

    def test_recommendations_from_the_finding(self):
        finding = self.finding()
        action = finding.action_new_recommendation()
        recommendation = (
            self.env["borgerraadgiver.recommendation"]
            .with_user(self.advisor)
            .with_context(**action["context"])
            .create({"name": "Receipts", "text": "Send receipts."})
        )
        self.assertEqual(recommendation.investigation_id, finding)
        self.assertEqual(recommendation.centre_id, self.centre)
        self.assertEqual(finding.recommendation_ids, recommendation)

    def test_published_list_of_investigations_in_progress(self):
        published = self.finding(name="PUBLISHED-IN-PROGRESS", published=True)
        published.action_start()
        self.finding(name="NOT-PUBLISHED")
        done = self.finding(name="PUBLISHED-DONE", published=True)
        done.action_done()
        action = self.Investigation.action_print_published()
        self.assertEqual(
            action["report_name"], "borgerraadgiver.investigation_published_pdf"
        )
        ids = action["context"]["active_ids"]
        self.assertIn(published.id, ids)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.advisor)
            ._render_qweb_html(
                "borgerraadgiver.investigation_published_pdf",
                self.Investigation.search([]).ids,
            )
        )
        html = html.decode()
        self.assertIn("PUBLISHED-IN-PROGRESS", html)
        self.assertNotIn("NOT-PUBLISHED", html)
        self.assertNotIn("PUBLISHED-DONE", html)
        self.assertIn(self.centre.name, html)

    def test_counted_in_the_yearly_report_after_3_5(self):
        with freeze_time("2010-02-01 10:00:00"):
            systemic = self.finding(name="FINDING-2010", date_start="2010-02-01")
            systemic.action_start()
        with freeze_time("2010-06-01 10:00:00"):
            self.Investigation.create(
                {
                    "name": "OWN-2010",
                    "kind": "own_initiative",
                    "date_start": "2010-05-01",
                }
            ).action_done()
            self.finding(name="FINDING-2009", date_start="2009-03-01").write(
                {"state": "done", "date_end": "2009-12-01"}
            )
        report = (
            self.env["borgerraadgiver.annual.report"]
            .with_user(self.advisor)
            .create({"date_from": "2010-01-01", "date_to": "2010-12-31"})
        )
        statistics = report._get_statistics(report._report_env())
        section = {s.key: s for s in report._findings_sections(statistics)}["3.7"]
        (table,) = section.tables
        # I alt, planned, in progress, done, cancelled
        self.assertEqual(table.rows[0][1], [1, 0, 1, 0, 0])
        self.assertEqual(table.rows[1][1], [1, 0, 0, 1, 0])
        (listing,) = section.lists
        self.assertEqual([row[0] for row in listing.rows], ["FINDING-2010", "OWN-2010"])
