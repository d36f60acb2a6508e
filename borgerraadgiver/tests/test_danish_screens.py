"""Danish everywhere a user looks (issue 16, item 1).

The tours of static/tests/tours/borgerraadgiver_danish_tours.js walk each
role's screens in Chromium with the user's language Danish and fail on any
visible English word of their list.  The terms Odoo's own da.po leaves in
English are in i18n_extra/da.po (see code_translations.py); the Python
tests below check the parts of that mechanism one by one.
"""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.translate import code_translations

from ..models.municipal_day import municipal_today

# As in static/tests/tours/borgerraadgiver_danish_tours.js
DANISH_SUBJECT = "Venter på svar om hjemmehjælp"
# Every module whose Danish the screens show, ours last (as Odoo orders
# them: dependencies first)
MODULES = (
    "base",
    "web",
    "mail",
    "bus",
    "resource",
    "auth_signup",
    "spreadsheet_dashboard",
    "borgerraadgiver",
)


def load_danish(env, modules=MODULES):
    """Danish as the test database lacks it (it is installed without
    --load-language): the terms of `modules`, or of every installed module
    as `make demo` loads them (None), in Odoo's order (dependencies first,
    so ours last)."""
    env["res.lang"]._activate_lang("da_DK")
    installed = env["ir.module.module"].search([("state", "=", "installed")])
    if modules is not None:
        installed = installed.filtered(lambda module: module.name in modules)
    installed._update_translations("da_DK", overwrite=True)


@tagged("post_install", "-at_install")
class TestDanishTerms(TransactionCase):
    """The terms of the core modules, in Danish through i18n_extra/da.po."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_danish(cls.env)
        # Odoo writes an access error in the user's own language
        cls.env.ref("borgerraadgiver.user_centre").lang = "da_DK"

    def web_terms(self, module):
        translations = code_translations.get_web_translations(module, "da_DK")
        return {
            message["id"]: message["string"] for message in translations["messages"]
        }

    def test_web_client_terms(self):
        """JavaScript and OWL template terms, in the module that owns them."""
        mail = self.web_terms("mail")
        self.assertEqual(mail["Following"], "Følger")
        self.assertEqual(mail["Planned Activities"], "Planlagte aktiviteter")
        self.assertEqual(mail["days:"], "dage:")
        self.assertEqual(mail["Today at %(time)s"], "I dag kl. %(time)s")
        self.assertEqual(
            mail["Send a message to followers…"], "Send en besked til følgerne…"
        )
        self.assertEqual(mail["No recipient"], "Ingen modtager")
        web = self.web_terms("web")
        self.assertEqual(web["Group By"], "Gruppér efter")
        self.assertEqual(web["Choose a user"], "Vælg en bruger")
        # the dashboard's quarters, as the reports write them
        spreadsheet = self.web_terms("spreadsheet")
        self.assertEqual(
            spreadsheet["Q%(quarter)s %(year)s"], "%(quarter)s. kvt. %(year)s"
        )
        # mail's own Danish stays where ours has nothing
        self.assertEqual(mail["Follow"], "Følg")

    def test_no_module_shows_the_old_term(self):
        """The web client merges the modules' terms into one table, in no
        fixed order: no module may keep a wrong Danish term."""
        for module in ("web", "mail", "base", "resource", "bus"):
            with self.subTest(module=module):
                terms = self.web_terms(module)
                self.assertNotEqual(terms.get("Group By"), "Sortér efter")

    def test_python_terms(self):
        """The access error is base's Python, in Danish."""
        centre_user = self.env.ref("borgerraadgiver.user_centre")
        other = self.env.ref("borgerraadgiver.centre_am")
        inquiry = (
            self.env["borgerraadgiver.inquiry"]
            .with_user(self.env.ref("borgerraadgiver.user_advisor"))
            .create(
                {
                    "subject": "Svar om fleksjob",
                    "channel": "email",
                    "received_date": municipal_today(self.env) - timedelta(days=2),
                    "centre_id": other.id,
                    "category_id": self.env.ref("borgerraadgiver.category_2").id,
                    "consent_forwarding": True,
                    "consent_contact_details": True,
                }
            )
        )
        inquiry.action_open()
        inquiry.action_forward()
        referral = inquiry.referral_ids.with_user(centre_user).with_context(
            lang="da_DK"
        )
        with self.assertRaises(AccessError) as error:
            referral.read(["subject"])
        message = error.exception.args[0]
        self.assertIn("tophemmelige poster", message)
        self.assertNotIn("Uh-oh", message)

    def test_data_terms(self):
        """Records of the core modules (a mail template of mail) in Danish."""
        view = self.env.ref("mail.message_activity_assigned").with_context(lang="da_DK")
        self.assertIn("har netop tildelt dig følgende aktivitet", view.arch_db)

    def test_activity_assigned_mail(self):
        """The mail of an activity assigned to a Danish user (mail's QWeb
        template and Python subject) is Danish."""
        centre_user = self.env.ref("borgerraadgiver.user_centre")
        referral = self.env["borgerraadgiver.referral"].search([], limit=1)
        self.assertTrue(referral, "the demo data has referrals")
        # mail writes the subject in the language of whoever assigns it, the
        # body in the assignee's
        activity = referral.with_context(lang="da_DK").activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Find sagen frem",
            user_id=centre_user.id,
        )
        message = self.env["mail.message"].search(
            [("model", "=", referral._name), ("res_id", "=", referral.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn("er tildelt dig", message.subject)
        self.assertIn("har netop tildelt dig følgende aktivitet", message.body)
        self.assertNotIn("assigned", message.subject + message.body)
        activity.unlink()

    def test_supervision_kinds(self):
        """Table 3.5's kinds (the PDF's and the workbook's): the analysis
        model's selection has its own translated labels."""
        kinds = self.env["borgerraadgiver.supervision.analysis"]._fields["kind"]
        labels = dict(kinds._description_selection(self.env(context={"lang": "da_DK"})))
        self.assertEqual(labels["teaching"], "Undervisning")
        self.assertEqual(labels["course"], "Kursus")

    def test_inquiry_number_label(self):
        field = (
            self.env["ir.model.fields"]
            .with_context(lang="da_DK")
            ._get("borgerraadgiver.inquiry", "name")
        )
        self.assertEqual(field.field_description, "Nummer")


@tagged("post_install", "-at_install")
class TestDanishTours(HttpCase):
    """Each role's screens in Chromium, with no English word on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_danish(cls.env, modules=None)
        logins = ("advisor", "centre", "manager")
        cls.users = {
            login: cls.env.ref(f"borgerraadgiver.user_{login}") for login in logins
        }
        cls.users["admin"] = cls.env.ref("base.user_admin")
        for user in cls.users.values():
            user.write({"lang": "da_DK", "tz": "Europe/Copenhagen"})
        advisor = cls.users["advisor"]
        today = municipal_today(cls.env)
        Inquiry = cls.env["borgerraadgiver.inquiry"].with_user(advisor)
        cls.inquiry = Inquiry.create(
            {
                "subject": DANISH_SUBJECT,
                "channel": "email",
                "received_date": today - timedelta(days=2),
                "centre_id": cls.env.ref("borgerraadgiver.centre_bl").id,
                "category_id": cls.env.ref("borgerraadgiver.category_2").id,
                "consent_forwarding": True,
                "consent_contact_details": True,
            }
        )
        cls.inquiry.action_open()
        cls.inquiry.action_forward()
        cls.inquiry.message_post(
            body="Borgeren har ringet igen.", message_type="comment"
        )
        cls.inquiry.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today + timedelta(days=14),
            user_id=advisor.id,
            summary="Ring til borgeren",
        )
        cls.referral = cls.inquiry.referral_ids
        cls.referral.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today + timedelta(days=14),
            user_id=cls.users["centre"].id,
            summary="Find sagen frem",
        )
        # A referral of another centre: the access error of centre staff
        other = Inquiry.create(
            {
                "subject": "Svar om fleksjob",
                "channel": "email",
                "received_date": today - timedelta(days=2),
                "centre_id": cls.env.ref("borgerraadgiver.centre_am").id,
                "category_id": cls.env.ref("borgerraadgiver.category_2").id,
                "consent_forwarding": True,
                "consent_contact_details": True,
            }
        )
        other.action_open()
        other.action_forward()
        cls.other_referral = other.referral_ids
        cls.env["borgerraadgiver.annual.report"].with_user(cls.users["manager"]).create(
            {"date_from": "2020-01-01", "date_to": "2020-12-31"}
        )

    def tour(self, login, name, url="/odoo"):
        self.start_tour(url, name, login=login)

    def test_advisor(self):
        self.tour("advisor", "borgerraadgiver_danish_advisor")

    def test_centre(self):
        action = "borgerraadgiver.borgerraadgiver_referral_action"
        self.tour(
            "centre",
            "borgerraadgiver_danish_centre",
            f"/odoo/action-{action}/{self.other_referral.id}",
        )

    def test_manager(self):
        self.tour("manager", "borgerraadgiver_danish_manager")

    def test_admin(self):
        self.tour("admin", "borgerraadgiver_danish_admin", "/odoo/settings")
