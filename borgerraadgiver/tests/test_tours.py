"""The advisor's day in a real browser (Chromium, web_tour), in Danish, each
role as its own demo user, and the first day of each demo user.

The tours are in static/tests/tours/borgerraadgiver_tours.js.  They need
Chromium and the Python package websocket-client: without them Odoo skips
every browser test with an INFO line only (CI counts the skip as a failure).
A failing tour keeps a screenshot of the screen: Odoo saves it under
``--screenshots`` (default /tmp/odoo_tests)/<database>/screenshots/ and this
module logs the folder as a WARNING, so that the runner's log shows it.
"""

import io
import logging
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import config

from ..models.municipal_day import municipal_today

_logger = logging.getLogger(__name__)

# As in static/tests/tours/borgerraadgiver_tours.js
SUBJECT = "Otte måneders ventetid på svar om aflastning"
CITIZEN = "Grethe Thomsen"
REFERRAL_TEXT = "Borgeren har ventet otte måneder på svar om aflastning."
CENTRE_ANSWER = "Centret har beklaget ventetiden og truffet afgørelse."

DEMO_LOGINS = ("advisor", "centre", "manager")
PASSWORDS = {login: f"{login}-2026" for login in DEMO_LOGINS}
# Modules whose terms the Danish screens show
DANISH_MODULES = ["base", "web", "mail", "borgerraadgiver"]


def load_danish(env):
    """The test database is installed without --load-language: activate
    Danish and load the terms of the modules on the screen."""
    env["res.lang"]._activate_lang("da_DK")
    env["ir.module.module"]._load_module_terms(
        DANISH_MODULES, ["da_DK"], overwrite=True
    )


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """Each role's work in the browser.  The demo users (demo data) work
    in Danish; the records the tours look for are created here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_danish(cls.env)
        cls.users = {
            login: cls.env.ref(f"borgerraadgiver.user_{login}") for login in DEMO_LOGINS
        }
        for login, user in cls.users.items():
            user.write(
                {
                    "lang": "da_DK",
                    "tz": "Europe/Copenhagen",
                    "password": PASSWORDS[login],
                }
            )
        cls.advisor = cls.users["advisor"]
        cls.centre_bl = cls.env.ref("borgerraadgiver.centre_bl")
        cls.centre_am = cls.env.ref("borgerraadgiver.centre_am")
        cls.Inquiry = cls.env["borgerraadgiver.inquiry"].with_user(cls.advisor)
        cls.today = municipal_today(cls.env)

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        """Say where the screenshot of a failing tour is."""
        try:
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)
        except Exception:
            folder = Path(config["screenshots"]) / self.env.cr.dbname / "screenshots"
            _logger.warning(
                "Tour %s failed: its screenshot is in %s", tour_name, folder
            )
            raise

    def inquiry(self, subject, centre, state):
        inquiry = self.Inquiry.create(
            {
                "subject": subject,
                "channel": "email",
                "received_date": self.today - timedelta(days=2),
                "centre_id": centre.id,
                "category_id": self.env.ref("borgerraadgiver.category_2").id,
                "consent_forwarding": True,
                "consent_contact_details": True,
            }
        )
        if state in ("open", "forwarded"):
            inquiry.action_open()
        if state == "forwarded":
            inquiry.action_forward()
        return inquiry

    def test_inquiry_path_advisor_centre_advisor(self):
        """(a) the advisor registers and forwards; (b) B&L answers; the advisor
        sees it and closes."""
        # What the centre must not see: a draft and an inquiry in progress of
        # its own centre, an inquiry forwarded to another centre
        others = (
            self.inquiry("Kladde om skolebus", self.centre_bl, "draft")
            | self.inquiry("Under behandling om PPR", self.centre_bl, "open")
            | self.inquiry("Svar om fleksjob", self.centre_am, "forwarded")
        )

        self.start_tour("/odoo", "borgerraadgiver_advisor_forwards", login="advisor")
        inquiry = self.env["borgerraadgiver.inquiry"].search(
            [("subject", "=", SUBJECT)]
        )
        self.assertEqual(len(inquiry), 1)
        self.assertRecordValues(
            inquiry,
            [
                {
                    "state": "forwarded",
                    "channel": "phone",
                    "centre_id": self.centre_bl.id,
                    "category_id": self.env.ref("borgerraadgiver.category_4").id,
                    "subcategory_id": self.env.ref("borgerraadgiver.category_4_1").id,
                    "forwarded_date": self.today,
                    "user_id": self.advisor.id,
                }
            ],
        )
        eight_months_back = self.today - relativedelta(months=8)
        self.assertLessEqual(abs((inquiry.event_date - eight_months_back).days), 1)
        self.assertEqual(inquiry.citizen_id.name, CITIZEN)
        self.assertEqual(inquiry.citizen_id._name, "borgerraadgiver.citizen")
        self.assertTrue(inquiry.complaint_age_warning)
        self.assertTrue(inquiry.centre_deadline > self.today)
        referral = inquiry.referral_ids
        self.assertEqual(referral.description, REFERRAL_TEXT)
        self.assertEqual(
            self.env["borgerraadgiver.referral"]
            .with_user(self.users["centre"])
            .search([("id", "in", (inquiry | others).referral_ids.ids)]),
            referral,
        )

        self.start_tour("/odoo", "borgerraadgiver_centre_answers", login="centre")
        self.assertEqual(referral.state, "answered")
        self.assertEqual(inquiry.centre_answer, CENTRE_ANSWER)
        self.assertEqual(inquiry.centre_answer_date, self.today)
        self.assertEqual(inquiry.state, "forwarded")
        self.assertEqual(inquiry.activity_ids.user_id, self.advisor)

        self.start_tour("/odoo", "borgerraadgiver_advisor_closes", login="advisor")
        self.assertRecordValues(
            inquiry,
            [{"state": "closed", "resolution": "forwarded", "closed_date": self.today}],
        )

    def test_manager_statistics_workbook(self):
        """(c) a manager opens the statistics and downloads the workbook,
        which opens with openpyxl."""
        import openpyxl

        manager = self.users["manager"]
        # This year's statistics show B&L (the pivot's default is this year)
        self.inquiry("Årets henvendelse om skolebus", self.centre_bl, "forwarded")
        report = (
            self.env["borgerraadgiver.annual.report"]
            .with_user(manager)
            .create({"date_from": "2020-01-01", "date_to": "2020-12-31"})
        )
        report_model = type(self.env["ir.actions.report"])
        render_xlsx = report_model._render_xlsx
        workbooks = []

        def capture(reports, report_ref, docids, data):
            content, kind = render_xlsx(reports, report_ref, docids, data)
            workbooks.append((reports.env.uid, docids, content))
            return content, kind

        with patch.object(report_model, "_render_xlsx", capture):
            self.start_tour(
                "/odoo", "borgerraadgiver_manager_statistics", login="manager"
            )
        self.assertEqual(len(workbooks), 1, "the tour downloaded no workbook")
        uid, docids, content = workbooks[0]
        self.assertEqual(uid, manager.id)
        self.assertEqual(list(docids), report.ids)
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertTrue(workbook.sheetnames[0].startswith("3.1"), workbook.sheetnames)


@tagged("post_install", "-at_install")
class TestFirstDay(TransactionCase):
    """After `make demo` each demo user lands in the Borgerrådgiver app, in
    Danish, and sees only the menus of their role."""

    MENUS = {
        "advisor": {
            "borgerraadgiver_menu_root",
            "borgerraadgiver_inquiry_menu",
            "borgerraadgiver_referral_menu",
            "borgerraadgiver_recommendation_menu",
            "borgerraadgiver_investigation_menu",
            "borgerraadgiver_citizen_menu",
            "borgerraadgiver_supervision_menu",
            "borgerraadgiver_reporting_menu",
            "borgerraadgiver_annual_report_menu",
            "borgerraadgiver_inquiry_analysis_menu",
            "borgerraadgiver_answer_time_menu",
            "borgerraadgiver_supervision_analysis_menu",
            # counted-only contacts (issue 18)
            "borgerraadgiver_contact_menu",
            "borgerraadgiver_contact_analysis_menu",
            "borgerraadgiver_configuration_menu",
            "borgerraadgiver_centre_menu",
            "borgerraadgiver_category_menu",
            # complaint points (issue 18)
            "borgerraadgiver_inquiry_point_menu",
            "borgerraadgiver_inquiry_point_analysis_menu",
            "borgerraadgiver_criticism_menu",
        },
        "centre": {
            "borgerraadgiver_menu_root",
            "borgerraadgiver_referral_menu",
            "borgerraadgiver_recommendation_menu",
        },
        "manager": {
            "borgerraadgiver_menu_root",
            # management has centre staff's rights (the roles are a chain):
            # the list shows a manager only the referrals of a centre whose
            # staff list she is on, none in the demo
            "borgerraadgiver_referral_menu",
            # likewise the recommendations (issue 18)
            "borgerraadgiver_recommendation_menu",
            "borgerraadgiver_reporting_menu",
            "borgerraadgiver_annual_report_menu",
            "borgerraadgiver_inquiry_analysis_menu",
            "borgerraadgiver_answer_time_menu",
            "borgerraadgiver_supervision_analysis_menu",
            # the counts of the complaint points (issue 18)
            "borgerraadgiver_inquiry_point_analysis_menu",
            # counted-only contacts (issue 18): their counts, no personal data
            "borgerraadgiver_contact_analysis_menu",
        },
    }
    HOME = {
        "advisor": "borgerraadgiver.borgerraadgiver_inquiry_action",
        "centre": "borgerraadgiver.borgerraadgiver_referral_action",
        "manager": "borgerraadgiver.borgerraadgiver_inquiry_analysis_action",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            login: cls.env.ref(f"borgerraadgiver.user_{login}") for login in DEMO_LOGINS
        }
        cls.root = cls.env.ref("borgerraadgiver.borgerraadgiver_menu_root")

    def _app_menus(self, user):
        """The xml ids of the Borgerrådgiver menus `user` sees: visible, and
        so are all the menus above it (the web client shows a tree)."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        app = self._app_menu_records().filtered(
            lambda menu: all(
                int(menu_id) in visible for menu_id in menu.parent_path.split("/")[:-1]
            )
        )
        return {xmlid.split(".", 1)[1] for xmlid in app.get_external_id().values()}

    def _app_menu_records(self):
        return (
            self.env["ir.ui.menu"]
            .with_context(**{"ir.ui.menu.full_list": True})
            .search([("id", "child_of", self.root.id)])
        )

    def test_home_action(self):
        for login, xmlid in self.HOME.items():
            with self.subTest(login=login):
                self.assertEqual(self.users[login].action_id.id, self.env.ref(xmlid).id)

    def test_home_action_is_in_the_app(self):
        """The home action is the action of a menu of the app the user sees."""
        for login, user in self.users.items():
            with self.subTest(login=login):
                menus = [
                    self.env.ref(f"borgerraadgiver.{xmlid}")
                    for xmlid in self._app_menus(user)
                ]
                self.assertTrue(
                    any(
                        menu.action and menu.action.id == user.action_id.id
                        for menu in menus
                    ),
                    f"{login}: no menu of the home action",
                )

    def test_menus_of_each_role(self):
        for login, expected in self.MENUS.items():
            with self.subTest(login=login):
                self.assertEqual(self._app_menus(self.users[login]), expected)

    def test_everyone_else_sees_no_app(self):
        clerk = self.env["res.users"].create(
            {
                "name": "Finance Clerk",
                "login": "br_finance_clerk",
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        self.assertEqual(self._app_menus(clerk), set())

    def test_danish(self):
        """Danish is what the demo users read: the app's menus and the home
        action in Danish (`make demo` sets every user's lang to da_DK)."""
        load_danish(self.env)
        env = self.env(context=dict(self.env.context, lang="da_DK"))
        self.assertEqual(
            env.ref("borgerraadgiver.borgerraadgiver_inquiry_menu").name,
            "Henvendelser",
        )
        self.assertEqual(
            env.ref("borgerraadgiver.borgerraadgiver_inquiry_action").name,
            "Henvendelser",
        )
        for login, user in self.users.items():
            with self.subTest(login=login):
                english = [
                    menu.with_context(lang="en_US").name
                    for menu in (
                        env.ref(f"borgerraadgiver.{xmlid}")
                        for xmlid in sorted(self._app_menus(user))
                    )
                    if menu.name == menu.with_context(lang="en_US").name
                    and menu.name != "Borgerrådgiver"
                ]
                self.assertEqual(english, [], "menus without a Danish name")
