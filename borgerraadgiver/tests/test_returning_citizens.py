"""Returning citizens (issue 18, item 1): a new inquiry shows the citizen's
inquiries in progress and those closed recently, links one of them in one
click, and needs the §1.3 reassessment before it moves on; the citizen's
history is the advisor's alone; the link never outlives an anonymisation."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.borgerraadgiver_inquiry_returning import CONTINUATION_ID
from .common import BorgerraadgiverCase
from .report_common import ReportCase, d, read_table, render_workbook, sheet
from .spec_tables import PERIOD
from .test_contacts import report_tables

LOG = "borgerraadgiver.access.log"
INQUIRY = "borgerraadgiver.inquiry"
CITIZEN = "borgerraadgiver.citizen"
# The clocks around midnight UTC and the day they are in Copenhagen (CET)
CLOCKS = (
    ("2026-03-10 23:30:00", date(2026, 3, 11)),  # Copenhagen: the 11th already
    ("2026-03-11 00:30:00", date(2026, 3, 11)),
)
HISTORY_SPEC = {
    "previous_inquiry_id": {"fields": {"display_name": {}}},
    "citizen_inquiry_ids": {"fields": {"display_name": {}}},
}


class ReturningCase(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("en_US", "da_DK"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )
        Citizen = cls.env[CITIZEN].with_user(cls.advisor)
        cls.citizen = Citizen.create({"name": "Birthe Genhenvendt"})
        cls.other_citizen = Citizen.create({"name": "Ole Andenborger"})
        cls.ICP.set_param("borgerraadgiver.returning_days", "365")

    def earlier(self, state="closed", received=None, closed=None, **values):
        """An earlier inquiry of the citizen at `state`, received and closed
        on the days given."""
        values.setdefault("citizen_id", self.citizen.id)
        if state == "closed":
            inquiry = self.closed_inquiry(**values)
        elif state == "open":
            inquiry = self.open_inquiry(**values)
        elif state == "forwarded":
            inquiry = self.forwarded_inquiry(**values)
        elif state == "cancelled":
            inquiry = self.create_inquiry(**values)
            inquiry.action_cancel()
        else:
            inquiry = self.create_inquiry(**values)
        dates = {"received_date": received, "closed_date": closed}
        inquiry.sudo().write({k: v for k, v in dates.items() if v})
        return inquiry

    def continuation(self, previous, **values):
        return self.create_inquiry(
            citizen_id=previous.citizen_id.id, previous_inquiry_id=previous.id, **values
        )


@tagged("post_install", "-at_install")
class TestReturningWarning(ReturningCase):
    def test_new_inquiry_shows_open_and_recent(self):
        today = self.today
        in_progress = self.earlier("open", received=today - timedelta(days=500))
        at_centre = self.earlier("forwarded")
        new = self.earlier("draft")
        recent = self.earlier(
            received=today - timedelta(days=400), closed=today - timedelta(days=365)
        )
        old = self.earlier(
            received=today - timedelta(days=400), closed=today - timedelta(days=366)
        )
        self.earlier("cancelled")
        self.earlier("open", citizen_id=self.other_citizen.id)

        form = Form(self.Inquiry)
        form.subject = "The citizen calls again about the same decision"
        self.assertFalse(form.returning_inquiry_ids)
        form.citizen_id = self.citizen
        self.assertEqual(
            {r.id for r in form.returning_inquiry_ids},
            {in_progress.id, at_centre.id, new.id, recent.id},
        )
        self.assertEqual(form.returning_days, 365)
        self.assertNotIn(old.id, [r.id for r in form.returning_inquiry_ids])
        inquiry = form.save()
        self.assertEqual(
            inquiry.returning_inquiry_ids, in_progress | at_centre | new | recent
        )
        # linked: the banner goes
        inquiry.previous_inquiry_id = recent
        self.assertFalse(inquiry.returning_inquiry_ids)
        # the earlier inquiry never offers the later one that continues it
        self.assertNotIn(inquiry, recent.returning_inquiry_ids)

    def test_days_follow_the_setting(self):
        recent = self.earlier(
            received=self.today - timedelta(days=60),
            closed=self.today - timedelta(days=30),
        )
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        self.assertEqual(inquiry.returning_inquiry_ids, recent)
        self.ICP.set_param("borgerraadgiver.returning_days", "29")
        inquiry.invalidate_recordset(["returning_inquiry_ids"])
        self.assertFalse(inquiry.returning_inquiry_ids)

    def test_only_while_new(self):
        self.earlier("open")
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        self.assertTrue(inquiry.returning_inquiry_ids)
        inquiry.action_open()
        self.assertFalse(inquiry.returning_inquiry_ids)
        anonymous = self.create_inquiry(citizen_id=False)
        self.assertFalse(anonymous.returning_inquiry_ids)

    def test_recent_is_the_municipal_day(self):
        """ "Recent" counts from the municipality's day: at 23:30 UTC
        Copenhagen is on the next day, whatever the advisor's time zone."""
        advisor = new_test_user(
            self.env,
            login="br_returning_ny",
            groups="borgerraadgiver.group_advisor",
            tz="America/New_York",
        )
        for clock, day in CLOCKS:
            with self.subTest(clock=clock), freeze_time(clock):
                Inquiry = self.env[INQUIRY].with_user(advisor)
                citizen = self.env[CITIZEN].create({"name": f"Borger {clock}"})

                def closed(days, citizen=citizen, day=day):
                    inquiry = self.closed_inquiry(
                        citizen_id=citizen.id, received_date=day - timedelta(days=400)
                    )
                    inquiry.sudo().write(
                        {
                            "received_date": day - timedelta(days=400),
                            "closed_date": day - timedelta(days=days),
                        }
                    )
                    return inquiry

                on_the_limit = closed(365)
                closed(366)
                form = Form(Inquiry)
                form.subject = "Comes back"
                form.citizen_id = citizen
                self.assertEqual(form.received_date, day)
                self.assertEqual(
                    [r.id for r in form.returning_inquiry_ids], [on_the_limit.id]
                )


@tagged("post_install", "-at_install")
class TestContinuationLink(ReturningCase):
    def test_one_click_link(self):
        """The banner's button on an earlier inquiry: the inquiry being
        registered (saved first by the form) continues it."""
        earlier = self.earlier("forwarded")
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        (candidate,) = inquiry.returning_inquiry_ids
        self.assertEqual(candidate, earlier)
        candidate.with_context(**{CONTINUATION_ID: inquiry.id}).with_user(
            self.advisor
        ).action_link_continuation()
        self.assertEqual(inquiry.previous_inquiry_id, earlier)
        self.assertTrue(inquiry.is_continuation)
        self.assertEqual(earlier.continuation_ids, inquiry)
        self.assertFalse(inquiry.returning_inquiry_ids)
        # without the inquiry to link (never saved): refused
        with self.assertRaises(UserError):
            candidate.action_link_continuation()

    def test_button_in_the_form(self):
        """The form's banner has the button, with the new inquiry's id."""
        arch = self.Inquiry.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_link_continuation"', arch)
        self.assertIn(CONTINUATION_ID, arch)

    def test_bad_links_refused(self):
        earlier = self.earlier(received=self.today - timedelta(days=10))
        other = self.earlier(citizen_id=self.other_citizen.id)
        later = self.earlier("open")
        cancelled = self.earlier("cancelled")
        inquiry = self.create_inquiry(
            citizen_id=self.citizen.id, received_date=self.today - timedelta(days=1)
        )
        label = self.field_label("previous_inquiry_id")
        for previous in (other, later, cancelled, inquiry):
            with self.subTest(previous=previous.name):
                self.assertRefused(
                    inquiry,
                    lambda p=previous: inquiry.write({"previous_inquiry_id": p.id}),
                    label,
                    previous.name,
                    exception=ValidationError,
                )
        # a loop: the earlier inquiry cannot continue its continuation
        inquiry.previous_inquiry_id = earlier
        with self.assertRaises(ValidationError):
            earlier.sudo().previous_inquiry_id = inquiry
        # the flag follows the link, never a hand
        with self.assertRaises(UserError):
            self.create_inquiry(is_continuation=True)

    def test_refusal_in_danish(self):
        other = self.earlier(citizen_id=self.other_citizen.id)
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        with self.assertRaises(ValidationError) as refusal:
            inquiry.with_context(lang="da_DK").previous_inquiry_id = other
        self.assertEqual(
            refusal.exception.args[0],
            f"Henvendelse {inquiry.name}: Fortsætter {other.name} er en anden "
            "borgers henvendelse.",
        )

    def test_unlink_the_earlier_inquiry(self):
        """A new earlier inquiry deleted: its continuation continues nothing
        and is no continuation any more."""
        earlier = self.earlier("draft")
        inquiry = self.continuation(earlier, reassessment="further_help")
        earlier.unlink()
        self.assertFalse(inquiry.previous_inquiry_id)
        self.assertFalse(inquiry.is_continuation)
        self.assertFalse(inquiry.reassessment)
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")


@tagged("post_install", "-at_install")
class TestReassessment(ReturningCase):
    def test_required_before_each_step(self):
        earlier = self.earlier()
        inquiry = self.continuation(earlier, resolution="explained")
        label = self.field_label("reassessment")
        self.assertRefused(inquiry, inquiry.action_open, label, "§1.3")
        self.assertRefused(inquiry, inquiry.action_close, label)
        self.assertRefused(inquiry, inquiry.action_forward, label)
        # the form's button refuses before the wizard opens
        self.assertRefused(inquiry, inquiry.action_forward_wizard, label)
        # a kanban drag runs the same check
        self.assertRefused(inquiry, lambda: inquiry.write({"state": "open"}), label)
        # cancelling needs none
        cancelled = self.continuation(earlier)
        cancelled.action_cancel()
        self.assertEqual(cancelled.state, "cancelled")

        inquiry.reassessment = "no_prospect"
        self.assertEqual(inquiry.reassessment_date, self.today)
        inquiry.action_close()
        self.assertEqual(inquiry.state, "closed")

    def test_written_with_the_step(self):
        """The reassessment written with the move (a drag after choosing it)."""
        inquiry = self.continuation(self.earlier())
        inquiry.write({"state": "open", "reassessment": "further_help"})
        self.assertEqual(inquiry.state, "open")
        inquiry.action_forward()
        self.assertEqual(inquiry.state, "forwarded")

    def test_refusal_in_danish(self):
        inquiry = self.continuation(self.earlier())
        with self.assertRaises(UserError) as refusal:
            inquiry.with_context(lang="da_DK").action_open()
        message = refusal.exception.args[0]
        self.assertIn(inquiry.name, message)
        self.assertIn("Revurdering", message)
        self.assertIn("§1.3", message)

    def test_bad_reassessments(self):
        plain = self.create_inquiry(citizen_id=self.citizen.id)
        with self.assertRaises(ValidationError) as refusal:
            plain.reassessment = "further_help"
        self.assertIn(self.field_label("reassessment"), refusal.exception.args[0])
        inquiry = self.continuation(self.earlier(), reassessment="further_help")
        date_label = self.field_label("reassessment_date")
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"reassessment_date": self.today + timedelta(1)}),
            date_label,
            exception=ValidationError,
        )
        self.assertRefused(
            inquiry,
            lambda: inquiry.write({"reassessment_date": self.today - timedelta(1)}),
            date_label,
            exception=ValidationError,
        )

    def test_fixed_once_closed(self):
        earlier = self.earlier()
        inquiry = self.continuation(
            earlier, reassessment="further_help", resolution="explained"
        )
        inquiry.action_close()
        for vals in (
            {"reassessment": "no_prospect"},
            {"previous_inquiry_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                inquiry.write(vals)
        self.assertEqual(inquiry.previous_inquiry_id, earlier)
        inquiry.action_reopen()
        inquiry.reassessment = "no_prospect"
        # removing the link removes the reassessment of it
        inquiry.previous_inquiry_id = False
        self.assertFalse(inquiry.is_continuation)
        self.assertFalse(inquiry.reassessment)


@tagged("post_install", "-at_install")
class TestCitizenHistory(ReturningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_returning_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.centre.user_ids = cls.staff
        cls.manager = new_test_user(
            cls.env,
            login="br_returning_manager",
            groups="borgerraadgiver.group_statistics",
        )
        cls.plain = new_test_user(
            cls.env, login="br_returning_plain", groups="base.group_user"
        )

    def test_advisor_sees_the_history(self):
        earlier = self.earlier()
        inquiry = self.continuation(earlier, reassessment="further_help")
        inquiry.action_forward()
        other = self.earlier("open")
        self.assertEqual(inquiry.citizen_inquiry_ids, earlier | other)
        self.assertEqual(inquiry.citizen_inquiry_count, 2)
        action = inquiry.action_view_citizen_inquiries()
        self.assertEqual(
            self.Inquiry.search(action["domain"]), earlier | other | inquiry
        )
        self.assertIn(inquiry, self.citizen.with_user(self.advisor).inquiry_ids)
        (row,) = inquiry.web_read(HISTORY_SPEC)
        self.assertEqual(row["previous_inquiry_id"]["id"], earlier.id)
        self.assertEqual(
            {r["id"] for r in row["citizen_inquiry_ids"]}, {earlier.id, other.id}
        )
        # the read is logged: the link and the history are personal
        self.env.cr.flush()
        line = self.env[LOG].search(
            [
                ("user_id", "=", self.advisor.id),
                ("res_model", "=", INQUIRY),
                ("res_id", "=", inquiry.id),
            ]
        )
        self.assertEqual(line.field_names, "citizen_inquiry_ids,previous_inquiry_id")

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_nobody_else_sees_it(self):
        """Centre staff of the inquiry's centre (who read its referral),
        management and other users: no path to the link or the history."""
        earlier = self.earlier()
        inquiry = self.continuation(
            earlier,
            reassessment="further_help",
            reassessment_note="Familien har ventet længe",
        )
        inquiry.action_forward()
        referral = inquiry.referral_ids
        self.assertTrue(referral.with_user(self.staff).read(["description"]))
        for user in (self.staff, self.manager, self.plain):
            Inquiry = self.env[INQUIRY].with_user(user)
            with self.subTest(user=user.login):
                for call in (
                    lambda model=Inquiry: model.search_read(
                        [], ["previous_inquiry_id", "reassessment"]
                    ),
                    lambda model=Inquiry: model.browse(inquiry.ids).web_read(
                        HISTORY_SPEC
                    ),
                    lambda model=Inquiry: (
                        model.browse(earlier.ids)
                        .with_context(**{CONTINUATION_ID: inquiry.id})
                        .action_link_continuation()
                    ),
                    lambda model=Inquiry: model.browse(
                        inquiry.ids
                    ).action_view_citizen_inquiries(),
                    lambda user=user: (
                        self.env[CITIZEN]
                        .with_user(user)
                        .search_read([], ["inquiry_ids"])
                    ),
                ):
                    with self.assertRaises(AccessError):
                        call()
        # the referral the centre reads carries nothing of it
        Referral = self.env["borgerraadgiver.referral"].with_user(self.staff)
        fields = Referral.fields_get()
        self.assertFalse(
            [name for name in fields if "previous" in name or "reassess" in name]
        )
        values = str(referral.with_user(self.staff).read()[0])
        self.assertNotIn(earlier.name, values)
        self.assertNotIn("Familien har ventet længe", values)


@tagged("post_install", "-at_install")
class TestContinuationRetention(ReturningCase):
    """Anonymising either end cuts the link (the anonymised inquiry is not
    found again through the citizen's others) and keeps what the report
    counts."""

    def test_anonymise_the_earlier_inquiry(self):
        earlier = self.earlier()
        inquiry = self.continuation(
            earlier, reassessment="further_help", reassessment_note="Ny klage"
        )
        earlier.with_user(self.advisor).action_anonymise("Test")
        self.assertTrue(earlier.anonymised)
        self.assertFalse(inquiry.previous_inquiry_id)
        self.assertFalse(earlier.continuation_ids)
        self.assertNotIn(earlier, inquiry.citizen_inquiry_ids)
        # counted as before, the reassessment and its note kept on the
        # inquiry that is not anonymised
        self.assertTrue(inquiry.is_continuation)
        self.assertEqual(inquiry.reassessment, "further_help")
        self.assertEqual(inquiry.reassessment_note, "Ny klage")
        # and it cannot be linked again
        with self.assertRaises(ValidationError):
            inquiry.previous_inquiry_id = earlier
        inquiry.action_open()
        self.assertEqual(inquiry.state, "open")

    def test_anonymise_the_continuation(self):
        earlier = self.earlier()
        inquiry = self.continuation(
            earlier,
            reassessment="no_prospect",
            reassessment_note="Borgeren Birthe vil klage igen",
            resolution="explained",
        )
        inquiry.action_close()
        inquiry.with_user(self.advisor).action_anonymise("Test")
        self.assertFalse(inquiry.previous_inquiry_id)
        self.assertFalse(earlier.continuation_ids)
        self.assertTrue(inquiry.is_continuation)
        self.assertEqual(inquiry.reassessment, "no_prospect")
        self.assertTrue(inquiry.reassessment_date)
        self.assertFalse(inquiry.reassessment_note)
        self.assertFalse(earlier.anonymised)


@tagged("post_install", "-at_install")
class TestReturningStatistics(ReportCase):
    """Table 3.9 counts the continuations by quarter with their
    reassessment; tables 3.1-3.4 count them as inquiries, as before."""

    def test_demo_period(self):
        report = self.create_report(*PERIOD)
        tables = report_tables(report)
        self.assertEqual(tables["3.1"].totals, [33, 3, 30])
        self.assertEqual(
            [values for _label, values in tables["3.9"].rows],
            [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [3, 2, 1, 0], [1, 1, 0, 0]],
        )
        self.assertEqual(tables["3.9"].totals, [4, 3, 1, 0])
        book = render_workbook(report)
        header, body = read_table(sheet(book, "3.9"))
        self.assertEqual(len(header), 5)
        self.assertEqual(body[-1][1], [4, 3, 1, 0])

    def test_counted_by_quarter(self):
        Inquiry = self.Inquiry.with_user(self.advisor)
        citizen = self.env[CITIZEN].create({"name": "Kvartalsborger"})

        def inquiry(received, **values):
            return Inquiry.create(
                {
                    "subject": "Report test",
                    "received_date": received,
                    "citizen_id": citizen.id,
                    "centre_id": self.env.ref("borgerraadgiver.centre_bl").id,
                    "category_id": self.env.ref("borgerraadgiver.category_1").id,
                    **values,
                }
            )

        first = inquiry(d("2019-01-10"))
        inquiry(d("2019-02-10"), previous_inquiry_id=first.id)
        inquiry(
            d("2019-05-10"), previous_inquiry_id=first.id, reassessment="no_prospect"
        )
        second = inquiry(
            d("2019-05-20"), previous_inquiry_id=first.id, reassessment="further_help"
        )
        second.action_cancel()
        report = self.create_report(d("2019-01-01"), d("2019-06-30"))
        tables = report_tables(report)
        # every one an inquiry in 3.1, the cancelled one nowhere
        self.assertEqual(tables["3.1"].totals[0], 3)
        self.assertEqual(
            [values for _label, values in tables["3.9"].rows],
            [[1, 0, 0, 1], [1, 0, 1, 0]],
        )


@tagged("post_install", "-at_install")
class TestReturningTour(HttpCase):
    """In the browser: the banner of a new inquiry and its one-click link
    (static/tests/tours/borgerraadgiver_returning_tour.js)."""

    def test_one_click_in_the_form(self):
        advisor = new_test_user(
            self.env,
            login="br_returning_tour",
            groups="borgerraadgiver.group_advisor",
            tz="Europe/Copenhagen",
        )
        citizen = self.env[CITIZEN].create({"name": "Bodil Genhenvendt"})
        earlier = (
            self.env[INQUIRY]
            .with_user(advisor)
            .create(
                {
                    "subject": "Venter på svar om handicapbil",
                    "citizen_id": citizen.id,
                    "centre_id": self.env.ref("borgerraadgiver.centre_so").id,
                    "category_id": self.env.ref("borgerraadgiver.category_2").id,
                }
            )
        )
        earlier.action_open()
        self.start_tour(
            "/odoo/action-borgerraadgiver.borgerraadgiver_inquiry_action/new",
            "borgerraadgiver_returning_citizen",
            login="br_returning_tour",
        )
        inquiry = self.env[INQUIRY].search(
            [("subject", "=", "Ringer igen om handicapbilen")]
        )
        self.assertEqual(inquiry.citizen_id, citizen)
        self.assertEqual(inquiry.previous_inquiry_id, earlier)
        self.assertTrue(inquiry.is_continuation)
        self.assertEqual(inquiry.state, "draft")
