"""The municipality's day (issue 14, item 6): "today" is the day in the time
zone of the working-day calendar (Europe/Copenhagen) for every date rule,
whoever runs the code: an advisor in UTC or in New York, the scheduled
action, the mail gateway with no time zone, the demo.

Every test runs at a fixed clock around midnight: at 23:30 UTC Copenhagen is
already on the next day (CET, UTC+1, in winter; CEST, UTC+2, in summer, from
22:00 UTC), at 00:30 UTC New York is still on the day before.
"""

from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from ..demo.borgerraadgiver_demo import CURRENT_INQUIRIES, SUPERVISIONS
from ..models.municipal_day import municipal_now, municipal_today
from .common import BorgerraadgiverCase
from .test_mail_gateway import ALIAS, raw_mail

# (the clock in UTC, the day in Copenhagen)
CLOCKS = (
    ("2026-01-14 23:30:00", date(2026, 1, 15)),  # winter: the 15th already
    ("2026-01-15 00:30:00", date(2026, 1, 15)),  # New York: still the 14th
    ("2026-06-16 22:30:00", date(2026, 6, 17)),  # summer: from 22:00 UTC
    ("2026-06-16 23:30:00", date(2026, 6, 17)),
    ("2026-06-17 00:30:00", date(2026, 6, 17)),
)
# The acting user's time zone: none (UTC, as the superuser of a scheduled
# action or the mail gateway in production), UTC, and behind UTC
USER_TZS = (False, "UTC", "America/New_York")
REMINDER_HEADER = "X-Borgerraadgiver-Reminder"


@tagged("post_install", "-at_install")
class TestMunicipalDay(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"]._borgerraadgiver_calendar()
        cls.calendar._borgerraadgiver_sync_holidays([2026])
        cls.ICP.set_param("borgerraadgiver.centre_deadline_days", "10")
        cls.ICP.set_param("borgerraadgiver.deadline_notice_days", "2")
        cls.centre.email = "centre@stevns.example"
        cls.advisors = {
            tz: new_test_user(
                cls.env,
                login=f"br_day_advisor_{tz or 'none'}".replace("/", "_"),
                groups="borgerraadgiver.group_advisor",
                name=f"Advisor in {tz or 'no time zone'}",
                email=f"advisor.{tz or 'none'}@test.example".replace("/", "."),
                tz=tz or False,
            )
            for tz in USER_TZS
        }

    def around_midnight(self, body, clocks=CLOCKS, tzs=USER_TZS):
        """Call `body(day, advisor)` for each clock, frozen, and each time
        zone of the acting user: `day` is the municipality's day, `advisor`
        an advisor in that time zone; the superuser (a scheduled action, the
        mail gateway) gets that time zone too. Each call's changes are rolled
        back."""
        for clock, day in clocks:
            for tz in tzs:
                with (
                    self.subTest(clock=clock, tz=tz),
                    freeze_time(clock),
                    self.env.cr.savepoint() as savepoint,
                ):
                    try:
                        self.env.user.tz = tz
                        body(day, self.advisors[tz])
                    finally:
                        savepoint.close(rollback=True)

    def inquiry_as(self, user, day, **values):
        vals = {
            "subject": "Inquiry around midnight",
            "channel": "phone",
            "received_date": day,
            "centre_id": self.centre.id,
            "category_id": self.category_2.id,
            "consent_forwarding": True,
            "consent_contact_details": True,
        }
        vals.update(values)
        return self.env["borgerraadgiver.inquiry"].with_user(user).create(vals)

    # ------------------------------------------------------------------
    # The day itself
    # ------------------------------------------------------------------

    def test_municipal_today_is_the_calendar_s_day(self):
        """The calendar's time zone decides, whatever the user's; without a
        calendar, Copenhagen's."""
        with freeze_time("2026-01-15 11:30:00"):
            self.assertEqual(municipal_today(self.env), date(2026, 1, 15))
            self.assertEqual(municipal_now(self.env).hour, 12)
            # a municipality on the other side of the world: already the 16th
            self.calendar.tz = "Pacific/Auckland"
            advisor = self.advisors["America/New_York"]
            self.assertEqual(municipal_today(self.env), date(2026, 1, 16))
            received = self.env["borgerraadgiver.inquiry"].with_user(advisor)
            self.assertEqual(
                fields.Date.to_date(
                    received.default_get(["received_date"])["received_date"]
                ),
                date(2026, 1, 16),
            )
            self.calendar.tz = "Europe/Copenhagen"
        with (
            freeze_time("2026-01-14 23:30:00"),
            patch.object(
                type(self.env["resource.calendar"]),
                "_borgerraadgiver_calendar",
                lambda model: model.browse(),
            ),
        ):
            self.assertEqual(municipal_today(self.env), date(2026, 1, 15))

    # ------------------------------------------------------------------
    # Defaults and date rules
    # ------------------------------------------------------------------

    def test_defaults_are_the_municipal_day(self):
        """A new inquiry is received, a new supervision held, on the
        municipality's day, also in the web client (tz in the context)."""

        def body(day, advisor):
            # the web client sends the user's time zone in the context
            for context in ({}, {"tz": advisor.tz or "UTC"}):
                Inquiry = self.env["borgerraadgiver.inquiry"].with_user(advisor)
                received = Inquiry.with_context(**context).default_get(
                    ["received_date"]
                )
                self.assertEqual(fields.Date.to_date(received["received_date"]), day)
                Supervision = self.env["borgerraadgiver.supervision"].with_user(advisor)
                held = Supervision.with_context(**context).default_get(["date"])
                self.assertEqual(fields.Date.to_date(held["date"]), day)
            inquiry = (
                self.env["borgerraadgiver.inquiry"]
                .with_user(advisor)
                .create({"subject": "No date given", "channel": "phone"})
            )
            self.assertEqual(inquiry.received_date, day)
            self.assertTrue(inquiry.name.startswith(f"BR-{day.year}-"))

        self.around_midnight(body)

    def test_received_today_is_not_in_the_future(self):
        """Received on the municipality's day is accepted, the day after is
        refused, whoever registers it."""

        def body(day, advisor):
            inquiry = self.inquiry_as(advisor, day)
            self.assertEqual(inquiry.received_date, day)
            with self.assertRaises(ValidationError):
                self.inquiry_as(advisor, day + timedelta(days=1))

        self.around_midnight(body)

    # ------------------------------------------------------------------
    # Forwarding, closing, overdue
    # ------------------------------------------------------------------

    def test_forward_and_close_on_the_municipal_day(self):
        """Forwarding dates the inquiry and counts the deadline from the
        municipality's day; so does the follow-up activity; closing too."""

        def body(day, advisor):
            inquiry = self.inquiry_as(advisor, day)
            inquiry.action_open()
            inquiry.action_forward()
            deadline = self.working_days_after(day, 10)
            self.assertEqual(inquiry.forwarded_date, day)
            self.assertEqual(inquiry.centre_deadline, deadline)
            self.assertEqual(
                inquiry.sudo().activity_ids.mapped("date_deadline"), [deadline]
            )
            self.assertFalse(inquiry.overdue)
            inquiry.centre_answer_date = day
            inquiry.action_close()
            self.assertEqual(inquiry.closed_date, day)

        self.around_midnight(body)

    def test_overdue_compute_and_search_agree(self):
        """A deadline of yesterday is overdue, one of today is not, in the
        record, in a search and in the analysis view the statistics read."""

        def body(day, advisor):
            late = self.inquiry_as(advisor, day - timedelta(days=5))
            due = self.inquiry_as(advisor, day - timedelta(days=5))
            (late | due).action_open()
            (late | due).action_forward()
            late.centre_deadline = day - timedelta(days=1)
            due.centre_deadline = day
            inquiries = late | due
            inquiries.invalidate_recordset(["overdue"])
            self.assertEqual(inquiries.mapped("overdue"), [True, False])
            Inquiry = self.env["borgerraadgiver.inquiry"].with_user(advisor)
            self.assertEqual(
                Inquiry.search([("id", "in", inquiries.ids), ("overdue", "=", True)]),
                late,
            )
            self.assertEqual(
                Inquiry.search([("id", "in", inquiries.ids), ("overdue", "=", False)]),
                due,
            )
            self.env.flush_all()
            Analysis = self.env["borgerraadgiver.inquiry.analysis"].with_user(advisor)
            rows = Analysis.browse([late.id, due.id])
            self.assertEqual(rows.mapped("overdue"), [True, False])
            self.assertEqual(
                Analysis.search(
                    [("id", "in", inquiries.ids), ("overdue", "=", True)]
                ).ids,
                late.ids,
            )
            referrals = (late | due).referral_ids.with_user(advisor)
            referrals.invalidate_recordset(["overdue"])
            self.assertEqual(referrals.mapped("overdue"), [True, False])
            self.assertEqual(
                referrals.search([("id", "in", referrals.ids), ("overdue", "=", True)]),
                late.referral_ids,
            )
            self.assertEqual(late.referral_ids.with_user(advisor)._days_overdue(), 1)
            self.assertEqual(due.referral_ids.with_user(advisor)._days_overdue(), 0)

        self.around_midnight(body)

    # ------------------------------------------------------------------
    # The daily reminders
    # ------------------------------------------------------------------

    def test_reminder_cron_runs_on_the_municipal_day(self):
        """The scheduled action sees the municipality's day: yesterday's
        deadline is overdue by one day, the deadline two working days away
        gets its notice, and the run is remembered for that day."""
        MailTemplate = type(self.env["mail.template"])
        send_mail = MailTemplate.send_mail

        def body(day, advisor):
            self.ICP.set_param("borgerraadgiver.reminder_date", "")
            late = self.inquiry_as(advisor, day - timedelta(days=20))
            coming = self.inquiry_as(advisor, day - timedelta(days=20))
            (late | coming).action_open()
            (late | coming).action_forward()
            late.centre_deadline = day - timedelta(days=1)
            coming.centre_deadline = self.working_days_after(day, 2)
            sent = {}

            def capture(template, res_id, *args, **kwargs):
                if template.model == "borgerraadgiver.centre":
                    sent[res_id] = dict(template.env.context)
                return send_mail(template, res_id, *args, **kwargs)

            with patch.object(MailTemplate, "send_mail", capture):
                self.env["borgerraadgiver.centre"].with_user(
                    advisor
                )._cron_send_reminders()
            context = sent[self.centre.id]
            self.assertEqual(
                context["borgerraadgiver_overdue_ids"], late.referral_ids.ids
            )
            self.assertEqual(
                context["borgerraadgiver_notice_ids"], coming.referral_ids.ids
            )
            self.assertEqual(
                self.ICP.get_param("borgerraadgiver.reminder_date"),
                fields.Date.to_string(day),
            )
            mail = self.env["mail.mail"].search(
                [
                    ("headers", "ilike", REMINDER_HEADER),
                    ("email_to", "=", self.centre.email),
                ],
                order="id desc",
                limit=1,
            )
            self.assertRegex(
                str(mail.body_html),
                rf"(?s){late.name}.*?>\s*1\s*</td>",
                "one day overdue",
            )

        self.around_midnight(body)

    # ------------------------------------------------------------------
    # Mail through the gateway
    # ------------------------------------------------------------------

    def test_mail_to_the_alias_around_midnight(self):
        """A citizen's mail to the advisor's alias makes an inquiry received
        on the municipality's day; the gateway runs as the superuser with no
        time zone (or another one)."""
        domain = self.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or self.env["mail.alias.domain"].create({"name": "stevns.example"})
        self.env.company.alias_domain_id = domain
        self.env.ref("borgerraadgiver.mail_alias_inquiry").write(
            {
                "alias_domain_id": domain.id,
                "alias_defaults": repr({"user_id": self.advisor.id}),
            }
        )

        bounced = []

        def bounce(alias, message, message_dict, set_invalid=True):
            # Odoo marks the alias invalid and bounces the mail to the citizen
            # on a new cursor, which would wait for this test's transaction
            bounced.append(message_dict["subject"])

        def body(day, advisor):
            raw = raw_mail(
                "Jens Borger <jens.borger@example.net>",
                ALIAS,
                "Klage sendt lige efter midnat",
                "Jeg har ventet et halvt år på en afgørelse.",
            )
            with patch.object(
                type(self.env["mail.alias"]), "_alias_bounce_incoming_email", bounce
            ):
                thread_id = self.env["mail.thread"].message_process(None, raw)
            self.assertFalse(bounced, "the citizen's mail bounced")
            inquiry = self.env["borgerraadgiver.inquiry"].browse(thread_id)
            self.assertEqual(inquiry.subject, "Klage sendt lige efter midnat")
            self.assertEqual(inquiry.received_date, day)

        self.around_midnight(body)

    # ------------------------------------------------------------------
    # The yearly report, the holidays
    # ------------------------------------------------------------------

    def test_new_year_in_copenhagen(self):
        """At 23:30 UTC on 31 December it is the new year in Copenhagen: the
        new report covers it, and the yearly holiday update generates it and
        the next one."""
        Leaves = self.env["resource.calendar.leaves"]

        def holidays_of(year):
            return Leaves.search_count(
                [
                    ("calendar_id", "=", self.calendar.id),
                    ("borgerraadgiver_holiday_date", ">=", date(year, 1, 1)),
                    ("borgerraadgiver_holiday_date", "<=", date(year, 12, 31)),
                ]
            )

        clocks = [("2030-12-31 23:30:00", date(2031, 1, 1))]

        def body(day, advisor):
            Report = self.env["borgerraadgiver.annual.report"].with_user(advisor)
            period = Report.default_get(["date_from", "date_to"])
            self.assertEqual(
                [fields.Date.to_date(period[k]) for k in ("date_from", "date_to")],
                [date(2031, 1, 1), date(2031, 12, 31)],
            )
            self.env["resource.calendar"]._cron_borgerraadgiver_update_holidays()
            self.assertTrue(holidays_of(2031))
            self.assertTrue(holidays_of(2032))

        self.around_midnight(body, clocks)

    def test_settings_saved_on_new_year_s_night(self):
        """Saving the settings generates this year's and next year's holidays
        of the municipality's year."""
        with freeze_time("2032-12-31 23:30:00"):
            self.env.user.tz = False
            settings = self.env["res.config.settings"].create(
                {"borgerraadgiver_resource_calendar_id": self.calendar.id}
            )
            settings.execute()
        years = {
            day.year
            for day in self.env["resource.calendar.leaves"]
            .search(
                [
                    ("calendar_id", "=", self.calendar.id),
                    ("borgerraadgiver_holiday_date", ">=", date(2032, 1, 1)),
                ]
            )
            .mapped("borgerraadgiver_holiday_date")
        }
        self.assertEqual(years, {2033, 2034})

    # ------------------------------------------------------------------
    # The demo
    # ------------------------------------------------------------------

    def test_demo_around_midnight(self):
        """The demo loads at any hour: the installer (the superuser, Europe/
        Brussels in Odoo's own demo data) and the demo advisor (no time zone
        until `make demo` sets one) agree on the day, and the current
        inquiries are dated from the municipality's day."""
        demo_advisor = self.env.ref("borgerraadgiver.user_advisor")
        clocks = [CLOCKS[0], CLOCKS[1], CLOCKS[3]]
        users = [("Europe/Brussels", False), (False, "America/New_York")]
        for clock, day in clocks:
            for root_tz, advisor_tz in users:
                with (
                    self.subTest(clock=clock, root=root_tz, advisor=advisor_tz),
                    freeze_time(clock),
                    self.env.cr.savepoint() as savepoint,
                ):
                    try:
                        self.load_demo(day, root_tz, demo_advisor, advisor_tz)
                    finally:
                        savepoint.close(rollback=True)

    def load_demo(self, day, root_tz, demo_advisor, advisor_tz):
        """Load the demo again as its installer does, and check the dates of
        the current inquiries it made."""
        subjects = [row[5] for row in CURRENT_INQUIRIES]
        self.env.user.tz = root_tz
        demo_advisor.tz = advisor_tz
        self.env["borgerraadgiver.supervision"].search(
            [("topic", "=", SUPERVISIONS[0][3])]
        ).unlink()
        last = self.env["borgerraadgiver.inquiry"].search([], order="id desc", limit=1)
        self.env["borgerraadgiver.demo"]._load()
        current = self.env["borgerraadgiver.inquiry"].search(
            [("id", ">", last.id), ("subject", "in", subjects)]
        )
        self.assertEqual(len(current), len(CURRENT_INQUIRIES))
        # the demo's dates are working days: the day itself or the one before
        working_day = self.env["borgerraadgiver.demo"]._working_day
        for row in CURRENT_INQUIRIES:
            days, state, deadline = row[0], row[4], row[6]
            inquiry = current.filtered(lambda i, s=row[5]: i.subject == s)
            received = working_day(day - timedelta(days=days))
            self.assertLessEqual(day - received, timedelta(days=days + 4), row[5])
            self.assertEqual(inquiry.received_date, received, row[5])
            self.assertEqual(inquiry.state, state, row[5])
            if state == "closed":
                # explained on the next working day
                self.assertEqual(
                    inquiry.closed_date,
                    min(
                        self.calendar._borgerraadgiver_add_working_days(received, 1),
                        day,
                    ),
                )
            if state == "forwarded":
                self.assertEqual(
                    inquiry.forwarded_date, working_day(received + timedelta(days=1))
                )
                self.assertEqual(
                    inquiry.centre_deadline, working_day(day + timedelta(days=deadline))
                )
                self.assertEqual(inquiry.overdue, deadline < 0)


@tagged("post_install", "-at_install")
class TestMunicipalTimeZone(BorgerraadgiverCase):
    """The municipality's time zone is its calendar's, kept in the registry's
    cache: a change of the calendar's time zone, or of the settings'
    calendar, is the next "today"."""

    @freeze_time("2026-01-14 23:30:00")
    def test_today_follows_the_calendars_time_zone(self):
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        self.assertEqual(municipal_today(self.env), date(2026, 1, 15))
        calendar.tz = "America/New_York"
        self.assertEqual(municipal_today(self.env), date(2026, 1, 14))
        calendar.tz = "Europe/Copenhagen"
        self.assertEqual(municipal_today(self.env), date(2026, 1, 15))
        other = calendar.copy({"name": "Anden kalender", "tz": "UTC"})
        self.ICP.set_param("borgerraadgiver.resource_calendar_id", str(other.id))
        self.assertEqual(municipal_today(self.env), date(2026, 1, 14))
        # the settings' calendar deleted: the addon's own again
        self.ICP.set_param("borgerraadgiver.resource_calendar_id", str(other.id + 1000))
        self.assertEqual(municipal_today(self.env), date(2026, 1, 15))

    @freeze_time("2026-06-17 00:30:00")
    def test_half_past_midnight_utc(self):
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        self.assertEqual(municipal_today(self.env), date(2026, 6, 17))
        calendar.tz = "America/New_York"
        self.assertEqual(municipal_today(self.env), date(2026, 6, 16))
