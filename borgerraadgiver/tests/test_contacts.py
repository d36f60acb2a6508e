"""Counted-only contacts (issue 18, item 5): the advisor's quick register of
calls that never become an inquiry, without personal data; counted apart
from the inquiries in the yearly report (tables 3.10.1 and 3.10.2) and its
workbook; read by management, never by centre staff or other users."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from ..demo.borgerraadgiver_demo import CURRENT_CONTACTS, REPORT_CONTACTS
from ..models.municipal_day import municipal_today
from .report_common import ReportCase, d, read_table, render_workbook, sheet
from .spec_tables import CENTRES, PERIOD

CONTACT = "borgerraadgiver.contact"


def report_tables(report):
    """The report's tables by key: those of §3 (3.1-3.5) and those of the
    sections after them (findings_report.py: 3.7-3.10.2)."""
    statistics = report._get_report_statistics()
    tables = {table.key: table for table in statistics.tables}
    for section in report._findings_sections(statistics):
        tables.update((table.key, table) for table in section.tables)
    return tables


class ContactCase(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("en_US", "da_DK"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )
        cls.Contact = cls.env[CONTACT].with_user(cls.advisor)
        cls.centres = {
            code: cls.env["borgerraadgiver.centre"].search([("code", "=", code)])
            for code in CENTRES
        }
        cls.category_1 = cls.env.ref("borgerraadgiver.category_1")
        cls.category_3 = cls.env.ref("borgerraadgiver.category_3")
        cls.today = municipal_today(cls.env)

    def contact(self, day, centre="B&L", category=None, **values):
        return self.Contact.create(
            {
                "date": day,
                "centre_id": self.centres[centre].id,
                "category_id": (category or self.category_1).id,
                **values,
            }
        )


@tagged("post_install", "-at_install")
class TestContactRegister(ContactCase):
    def test_fast_entry_defaults(self):
        """The list's new line: the municipality's today, by phone; around
        midnight UTC the day in Copenhagen."""
        advisor = new_test_user(
            self.env,
            login="br_contact_ny",
            groups="borgerraadgiver.group_advisor",
            tz="America/New_York",
        )
        for clock, day in (
            ("2026-03-10 23:30:00", date(2026, 3, 11)),
            ("2026-03-11 00:30:00", date(2026, 3, 11)),
        ):
            with self.subTest(clock=clock), freeze_time(clock):
                form = Form(self.env[CONTACT].with_user(advisor))
                self.assertEqual(form.date, day)
                self.assertEqual(form.channel, "phone")
                form.centre_id = self.centres["S&O"]
                form.category_id = self.category_1
                contact = form.save()
                self.assertEqual(contact.date, day)
                # the next day in Copenhagen is still in the future
                with self.assertRaises(ValidationError):
                    contact.date = day + timedelta(days=1)

    def test_list_is_editable_at_the_top(self):
        arch = self.Contact.get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn('editable="top"', arch)

    def test_no_personal_data(self):
        """Only a day, a channel, a centre and a category: no text field in
        which a name or the citizen's words could be written."""
        texts = [
            name
            for name, field in self.env[CONTACT]._fields.items()
            if field.store and field.type in ("char", "text", "html", "binary")
        ]
        self.assertEqual(texts, [])
        self.assertFalse(
            {"citizen_id", "partner_id", "name"} & set(self.env[CONTACT]._fields)
        )

    def test_bad_input(self):
        with self.assertRaises(ValidationError) as refusal:
            self.contact(self.today + timedelta(days=1))
        self.assertIn(self.field_label("date"), refusal.exception.args[0])
        subcategory = self.env.ref("borgerraadgiver.category_4_1")
        with self.assertRaises(ValidationError) as refusal:
            self.contact(self.today, category=subcategory)
        message = refusal.exception.args[0]
        self.assertIn(self.field_label("category_id"), message)
        self.assertIn(subcategory.display_name, message)
        contact = self.contact(self.today)
        with self.assertRaises(ValidationError):
            contact.category_id = subcategory

    def test_bad_input_in_danish(self):
        with self.assertRaises(ValidationError) as refusal:
            self.Contact.with_context(lang="da_DK").create(
                {
                    "date": date(2026, 12, 31) + timedelta(days=400),
                    "centre_id": self.centres["B&L"].id,
                    "category_id": self.category_1.id,
                }
            )
        message = refusal.exception.args[0]
        self.assertTrue(message.startswith("Kontakt: Dato "), message)
        self.assertIn("ligger i fremtiden", message)

    def field_label(self, name):
        return self.Contact.fields_get([name], ["string"])[name]["string"]


@tagged("post_install", "-at_install")
class TestContactAccess(ContactCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="br_contact_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.centres["B&L"].user_ids |= cls.staff
        cls.it_admin = new_test_user(
            cls.env,
            login="br_contact_admin",
            groups="base.group_user,borgerraadgiver.group_admin",
        )
        cls.plain = new_test_user(
            cls.env, login="br_contact_plain", groups="base.group_user"
        )

    def test_advisor_writes(self):
        contact = self.contact(self.today)
        contact.channel = "email"
        self.assertEqual(contact.channel, "email")
        contact.unlink()
        self.assertFalse(contact.exists())

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_management_reads_only(self):
        contact = self.contact(self.today)
        Contact = self.env[CONTACT].with_user(self.statistician)
        self.assertEqual(
            Contact.search_read([("id", "=", contact.id)], ["centre_id"])[0]["id"],
            contact.id,
        )
        self.assertTrue(Contact.read_group([], ["centre_id"], ["centre_id"]))
        with self.assertRaises(AccessError):
            Contact.create({"centre_id": self.centres["AM"].id})
        with self.assertRaises(AccessError):
            Contact.browse(contact.ids).write({"channel": "email"})
        with self.assertRaises(AccessError):
            Contact.browse(contact.ids).unlink()

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_else(self):
        """Centre staff (even of the contact's centre), the addon's IT
        administrator and every other user of the ERP: nothing."""
        contact = self.contact(self.today)
        for user in (self.staff, self.it_admin, self.plain):
            Contact = self.env[CONTACT].with_user(user)
            with self.subTest(user=user.login):
                for call in (
                    lambda model=Contact: model.search_read([], ["date", "centre_id"]),
                    lambda model=Contact: model.browse(contact.ids).web_read(
                        {"date": {}}
                    ),
                    lambda model=Contact: model.read_group(
                        [], ["centre_id"], ["centre_id"]
                    ),
                    lambda model=Contact: model.create(
                        {
                            "centre_id": self.centres["B&L"].id,
                            "category_id": self.category_1.id,
                        }
                    ),
                ):
                    with self.assertRaises(AccessError):
                        call()


@tagged("post_install", "-at_install")
class TestContactStatistics(ContactCase):
    """Counted apart from the inquiries, by quarter and centre (3.10.1) and by
    category and centre (3.10.2), in the statistics and the workbook."""

    def test_counted_separately(self):
        self.contact(d("2019-01-07"), "B&L")
        self.contact(d("2019-02-07"), "B&L", channel="email")
        self.contact(d("2019-03-29"), "S&O", self.category_3)
        self.contact(d("2019-05-02"), "AM")
        self.contact(d("2019-07-01"), "AM")  # after the period
        self.inquiry(d("2019-02-01"))
        report = self.create_report(d("2019-01-01"), d("2019-06-30"))
        tables = report_tables(report)
        # the inquiry counts once in 3.1; the contacts in none of 3.1-3.5
        self.assertEqual(tables["3.1"].totals, [1, 0, 1])
        self.assertEqual(tables["3.2"].totals[0], 1)
        self.assertEqual(tables["3.3"].totals[0], 1)
        self.assertEqual(
            [table.key for table in report._get_report_statistics().tables],
            ["3.1", "3.2", "3.3", "3.4", "3.5"],
        )
        by_centre = tables["3.10.1"]
        self.assertEqual(by_centre.columns, ["I alt", *CENTRES])
        self.assertEqual(
            [values for _label, values in by_centre.rows],
            [[3, 0, 0, 2, 1, 0, 0], [1, 0, 1, 0, 0, 0, 0]],
        )
        by_category = {
            label.split()[0]: values for label, values in tables["3.10.2"].rows
        }
        self.assertEqual(by_category["1"], [3, 0, 1, 2, 0, 0, 0])
        self.assertEqual(by_category["3"], [1, 0, 0, 0, 1, 0, 0])
        self.assertEqual(tables["3.10.2"].totals[0], 4)

        # the workbook, as management downloads it: a sheet each, after the
        # recommendations (3.8) and the returning citizens (3.9)
        book = render_workbook(report)
        titles = [s.title.split()[0] for s in book.worksheets]
        self.assertLess(titles.index("3.9"), titles.index("3.10.1"))
        self.assertLess(titles.index("3.10.1"), titles.index("3.10.2"))
        self.assertLess(titles.index("3.10.2"), titles.index("4.1"))
        header, body = read_table(sheet(book, "3.10.1"))
        self.assertEqual(header[1:], ["I alt", *CENTRES])
        self.assertEqual(body[0][1], [3, 0, 0, 2, 1, 0, 0])
        self.assertEqual(body[-1], ("I alt", [4, 0, 1, 2, 1, 0, 0]))
        header, body = read_table(sheet(book, "3.10.2"))
        self.assertEqual(body[-1][1][0], 4)
        self.assertTrue(sheet(book, "3.10.1")._charts)

    def test_demo_contacts(self):
        """The demo's contacts of 2020-21, drawn deterministically, by
        quarter: table 3.10.1 of the demo's report."""
        report = self.create_report(*PERIOD)
        tables = report_tables(report)
        self.assertEqual(
            [values[0] for _label, values in tables["3.10.1"].rows],
            [count for _start, _end, count in REPORT_CONTACTS],
        )
        self.assertEqual(tables["3.10.2"].totals[0], 296)
        # the inquiries of the demo as before
        self.assertEqual(tables["3.1"].totals, [33, 3, 30])
        recent = self.env[CONTACT].search_count(
            [("date", ">", PERIOD[1] + timedelta(days=400))]
        )
        self.assertEqual(recent, CURRENT_CONTACTS)
        # on working days only
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        days = set(self.env[CONTACT].search([]).mapped("date"))
        working = set(calendar._borgerraadgiver_working_dates(min(days), max(days)))
        self.assertLessEqual(days, working)
