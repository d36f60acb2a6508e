"""Citizens out of the ERP's contact book (issue 14, item 4).

The advisor's citizens live in ``borgerraadgiver.citizen``, which no other
role can read; the addon never hides, flags or changes an ERP contact, not
even one whose address a citizen's mail comes from; a citizen gets a partner
only when the advisor mails them, always the addon's own one, and nobody else
in the ERP sees it.
"""

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from .common import BorgerraadgiverCase
from .test_mail_gateway import ALIAS, raw_mail

CITIZEN = "borgerraadgiver.citizen"
INQUIRY = "borgerraadgiver.inquiry"
# The fields of an ERP contact a citizen's mail must leave as they were
CONTACT_FIELDS = [
    "name",
    "email",
    "phone",
    "function",
    "parent_id",
    "active",
    "company_id",
    "write_date",
]


class CitizenCase(BorgerraadgiverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = new_test_user(
            cls.env,
            login="br_cit_plain",
            groups="base.group_user,base.group_allow_export",
            name="Sales Clerk",
        )
        cls.statistics = new_test_user(
            cls.env,
            login="br_cit_statistics",
            groups="borgerraadgiver.group_statistics,base.group_allow_export",
            name="Director",
        )
        cls.br_admin = new_test_user(
            cls.env,
            login="br_cit_admin",
            groups="borgerraadgiver.group_admin,base.group_allow_export",
            name="Municipal IT",
        )
        cls.Citizen = cls.env[CITIZEN].with_user(cls.advisor)
        cls.citizen = cls.Citizen.create(
            {
                "name": "Vibeke Borgersen",
                "street": "Algade 1",
                "zip": "4660",
                "city": "Store Heddinge",
                "phone": "+45 11 22 33 44",
                "email": "Vibeke.Borgersen@example.net",
            }
        )
        # a supplier's contact person of the ERP with the citizen's address
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Leverandør A/S", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Vibeke B. (indkøb)",
                "parent_id": cls.supplier.id,
                "email": "vibeke.borgersen@example.net",
                "phone": "+45 99 88 77 66",
                "function": "Indkøber",
            }
        )

    def own_partners(self):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("borgerraadgiver_mail_partner", "=", True)])
        )

    def assertContactUntouched(self, contact, before):
        """`contact` is as it was, and a plain user of the ERP still finds it."""
        contact.invalidate_recordset()
        self.assertEqual(contact.read(CONTACT_FIELDS)[0], before)
        Partner = self.env["res.partner"].with_user(self.plain)
        self.assertEqual(Partner.search([("id", "=", contact.id)]), contact)
        self.assertIn(
            contact.id, [id_ for id_, _n in Partner.name_search(contact.name)]
        )
        self.assertEqual(Partner.search([("email", "=", contact.email)]), contact)
        self.assertEqual(contact.with_user(self.plain).name, before["name"])


@tagged("post_install", "-at_install")
class TestCitizenRegister(CitizenCase):
    def test_advisor_registers_a_citizen_and_an_inquiry(self):
        partners = self.env["res.partner"].with_context(active_test=False)
        count = partners.search_count([])
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        self.assertEqual(inquiry.citizen_id, self.citizen)
        self.assertEqual(self.citizen.inquiry_ids, inquiry)
        self.assertEqual(self.citizen.inquiry_count, 1)
        self.assertEqual(self.citizen.email_normalized, "vibeke.borgersen@example.net")
        # the quick create of the inquiry form registers a citizen by name
        citizen_id, _name = self.Citizen.name_create("Grethe Hurtig")
        quick = self.create_inquiry(citizen_id=citizen_id)
        self.assertEqual(quick.citizen_id.name, "Grethe Hurtig")
        self.assertEqual(quick.citizen_id._name, CITIZEN)
        # found by name, address and phone; no partner made for any of it
        self.assertEqual(
            self.Citizen.search([("name", "=", "Grethe Hurtig")]).id, citizen_id
        )
        self.assertIn(
            self.citizen.id, [id_ for id_, _n in self.Citizen.name_search("11 22 33")]
        )
        self.assertEqual(partners.search_count([]), count)
        self.assertFalse(self.citizen.partner_id)

    def test_advisor_form_shows_inquiries_not_business_fields(self):
        """The advisor's citizen form lists the citizen's inquiries and has
        none of an ERP contact's business fields (nor has the model)."""
        business = {"vat", "function", "category_id", "company_id", "parent_id"}
        self.assertFalse(business & set(self.Citizen._fields))
        arch = self.Citizen.get_views([(False, "form")])["views"]["form"]["arch"]
        # the form's own fields, not those of its list of inquiries
        names = {
            field.get("name")
            for field in etree.fromstring(arch).xpath("//field[not(ancestor::field)]")
        }
        self.assertIn("inquiry_ids", names)
        self.assertFalse(business & names, sorted(business & names))

    def test_citizen_with_inquiries_is_not_deleted(self):
        self.create_inquiry(citizen_id=self.citizen.id)
        with self.assertRaises(UserError):
            self.citizen.unlink()
        self.assertTrue(self.citizen.exists())
        self.citizen.action_archive()
        self.assertFalse(self.citizen.active)
        other = self.Citizen.create({"name": "Uden Henvendelser"})
        other.unlink()
        self.assertFalse(other.exists())

    def test_advisor_cannot_link_an_erp_contact(self):
        with self.assertRaises(UserError):
            self.citizen.write({"partner_id": self.contact.id})
        with self.assertRaises(UserError):
            self.Citizen.create({"name": "Snyd", "partner_id": self.contact.id})
        self.assertFalse(self.citizen.partner_id)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_other_roles_cannot_read_citizens(self):
        for user in self.plain | self.statistics | self.br_admin:
            Citizen = self.env[CITIZEN].with_user(user)
            citizen = self.citizen.with_user(user)
            calls = {
                "search": lambda C=Citizen: C.search([]),
                "search_count": lambda C=Citizen: C.search_count([]),
                "search_read": lambda C=Citizen: C.search_read([], ["name", "email"]),
                "name_search": lambda C=Citizen: C.name_search("Vibeke"),
                "read_group": lambda C=Citizen: C.read_group([], ["city"], ["city"]),
                "read": lambda c=citizen: c.read(["name"]),
                "field": lambda c=citizen: c.email,
                "export_data": lambda c=citizen: c.export_data(["name", "phone"]),
                "create": lambda C=Citizen: C.create({"name": "Mine"}),
                "write": lambda c=citizen: c.write({"phone": "1"}),
                "unlink": lambda c=citizen: c.unlink(),
            }
            for name, call in calls.items():
                with (
                    self.subTest(user=user.login, call=name),
                    self.assertRaises(AccessError),
                ):
                    call()
        self.assertEqual(self.citizen.phone, "+45 11 22 33 44")

    def test_only_the_advisor_has_access_rights(self):
        accesses = self.env["ir.model.access"].search(
            [("model_id.model", "=", CITIZEN)]
        )
        self.assertEqual(
            accesses.group_id, self.env.ref("borgerraadgiver.group_advisor")
        )

    def test_no_rule_of_the_addon_hides_erp_contacts(self):
        """The rules of the roles issue that hid citizens among the partners
        are gone; the addon puts no ir.rule on res.partner, and its check in
        code hides only the addon's own mail contacts."""
        for xmlid in (
            "res_partner_rule_borgerraadgiver_others",
            "res_partner_rule_borgerraadgiver_advisor",
            "res_partner_rule_borgerraadgiver_centre_staff",
            "res_partner_rule_borgerraadgiver_mail_partner",
        ):
            self.assertFalse(self.env.ref(f"borgerraadgiver.{xmlid}", False))
        rules = self.env["ir.rule"].search([("model_id.model", "=", "res.partner")])
        self.assertFalse(
            rules.filtered(
                lambda rule: rule.get_external_id()[rule.id].startswith(
                    "borgerraadgiver."
                )
            )
        )
        self.assertNotIn("is_borgerraadgiver_citizen", self.env["res.partner"]._fields)
        self.assertNotIn("borgerraadgiver_inquiry_ids", self.env["res.partner"]._fields)
        # what a plain user sees of the contact book, and what the same user
        # sees in superuser mode: only the addon's own partners are missing
        own = self.citizen._get_mail_partner()
        Partner = (
            self.env["res.partner"]
            .with_user(self.plain)
            .with_context(active_test=False)
        )
        self.assertEqual(Partner.sudo().search([]) - Partner.search([]), own.sudo())
        self.assertIn(self.contact, Partner.search([]))
        self.assertIn(self.supplier, Partner.search([]))
        # counted and grouped alike; by id refused; in a batch with ERP
        # contacts, only it is held back
        self.assertEqual(
            Partner.search_count([("id", "in", (own | self.contact).ids)]), 1
        )
        self.assertEqual(
            Partner._read_group(
                [("id", "in", (own | self.contact).ids)], [], ["__count"]
            ),
            [(1,)],
        )
        with self.assertRaises(AccessError):
            Partner.browse(own.id).read(["name"])
        self.assertEqual(
            Partner.browse((own | self.contact).ids)._filtered_access("read"),
            self.contact.with_user(self.plain),
        )
        # the advisor reads it
        self.assertEqual(own.with_user(self.advisor).name, own.sudo().name)

    def test_onchange_names_no_mail_contact_through_a_relation(self):
        """Odoo's onchange reads related and inherited fields as superuser
        and checks no access on the ids it is given: a new user, company or
        follower with a citizen's mail contact as partner_id named it, with
        its e-mail, to any user (an attacker's finding). Refused for all but
        the advisor, in many2one, many2many and nested values alike."""
        own = self.citizen._get_mail_partner()
        portal = new_test_user(
            self.env, login="br_cit_portal", groups="base.group_portal"
        )
        name_email = {"name": {}, "email": {}}
        partners = {"partner_ids": {"fields": {"display_name": {}, "email": {}}}}
        attempts = [
            ("res.users", {"partner_id": own.id}, name_email),
            ("res.company", {"partner_id": own.id}, name_email),
            ("mail.followers", {"partner_id": own.id}, name_email),
            ("mail.followers", {"partner_id": [own.id, "x"]}, name_email),
            ("mail.followers", {"partner_id": {"id": own.id}}, name_email),
            ("mail.message", {"partner_ids": [[6, 0, [own.id]]]}, partners),
            ("mail.message", {"partner_ids": [[4, own.id]]}, partners),
            ("mail.message", {"partner_ids": [own.id]}, partners),
            (
                "res.partner",
                {"bank_ids": [[0, 0, {"partner_id": own.id}]]},
                {"bank_ids": {"fields": {"partner_id": {}}}},
            ),
            (
                "res.partner",
                {"bank_ids": [{"partner_id": own.id}]},
                {"bank_ids": {"fields": {"partner_id": {}}}},
            ),
        ]
        for user in (self.plain, self.statistics, self.br_admin, portal):
            for model, values, spec in attempts:
                with (
                    self.subTest(user=user.login, model=model, values=values),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).onchange(values, [], spec)
            # or among the defaults: the context's, the user's own saved ones
            for model in ("res.users", "res.company", "mail.followers"):
                with (
                    self.subTest(user=user.login, model=model, default=True),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).with_context(
                        default_partner_id=own.id
                    ).onchange({}, [], {"partner_id": {}, **name_email})
        # an ERP contact is named as before; the advisor names her contact
        values = (
            self.env["res.users"]
            .with_user(self.plain)
            .onchange({"partner_id": self.contact.id}, [], {"name": {}})["value"]
        )
        self.assertEqual(values["name"], self.contact.name)
        values = (
            self.env["res.users"]
            .with_user(self.advisor)
            .onchange({"partner_id": own.id}, [], {"name": {}})["value"]
        )
        self.assertEqual(values["name"], own.sudo().name)

    def test_rows_ordered_by_partner_sort_no_mail_contact_by_name(self):
        """Rows of another model ordered by their partner were ordered by the
        partner's name read in a join: a citizen's mail contact among a
        record's followers sorted among the others by its name (an
        attacker's finding, on notifications). For others it sorts last."""
        own = self.citizen._get_mail_partner()
        own.sudo().name = "Aaa Borger"
        others = self.env["res.partner"].create(
            [{"name": "Bbb Kontakt"}, {"name": "Ccc Kontakt"}]
        )
        Followers = self.env["mail.followers"]
        for partner in others | own.sudo():
            Followers.create(
                {
                    "res_model": "res.partner",
                    "res_id": self.contact.id,
                    "partner_id": partner.id,
                }
            )
        domain = [("res_model", "=", "res.partner"), ("res_id", "=", self.contact.id)]
        for order in ("partner_id", "partner_id desc"):
            with self.subTest(order=order):
                followers = Followers.with_user(self.plain).search(domain, order=order)
                self.assertEqual(followers.partner_id.ids[-1], own.id)
        # the advisor sees it by its name
        followers = Followers.with_user(self.advisor).search(domain, order="partner_id")
        self.assertEqual(followers.partner_id.ids, (own.sudo() | others).ids)
        # grouped and ordered by partner alike
        groups = Followers.with_user(self.plain)._read_group(
            domain, ["partner_id"], ["__count"], order="partner_id"
        )
        self.assertEqual(groups[-1][0].id, own.id)

    def test_chatter_names_no_mail_contact_for_others(self):
        """The chatter names a message's recipients as superuser: a citizen's
        mail contact the advisor wrote to from a referral is "Confidential"
        there for the centre's staff, without its e-mail or avatar token (an
        attacker's finding); the advisor sees it."""
        own = self.citizen._get_mail_partner()
        spec = ["name", "email", "avatar_128", "display_name"]
        for user, named in ((self.plain, False), (self.advisor, True)):
            store = Store()
            own.with_user(user).sudo()._to_store(store, fields=list(spec))
            (data,) = store.get_result()["res.partner"]
            with self.subTest(user=user.login):
                if named:
                    self.assertEqual(data["name"], own.sudo().name)
                    self.assertTrue(data["avatar_128_access_token"])
                else:
                    self.assertEqual(data["name"], "Confidential")
                    self.assertEqual(data["displayName"], "Confidential")
                    self.assertFalse(data["email"])
                    self.assertFalse(data["avatar_128_access_token"])


@tagged("post_install", "-at_install")
class TestCitizenMailGateway(CitizenCase):
    """A citizen's mail to the alias: the advisor's citizen, never the ERP
    contact Odoo's gateway finds for the address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].search(
            [("name", "=", "stevns.example")]
        ) or cls.env["mail.alias.domain"].create({"name": "stevns.example"})
        cls.env.company.alias_domain_id = domain
        cls.env.ref("borgerraadgiver.mail_alias_inquiry").write(
            {
                "alias_domain_id": domain.id,
                "alias_defaults": repr({"user_id": cls.advisor.id}),
            }
        )

    def process(self, sender, subject="Spørgsmål om min sag", **kwargs):
        thread_id = self.env["mail.thread"].message_process(
            None, raw_mail(sender, ALIAS, subject, "Kan I hjælpe mig?", **kwargs)
        )
        return self.env[INQUIRY].browse(thread_id)

    def test_mail_from_a_supplier_contacts_address(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Jens Kontakt",
                "parent_id": self.supplier.id,
                "email": "jens.kontakt@example.org",
                "phone": "+45 55 44 33 22",
                "function": "Sælger",
            }
        )
        before = contact.read(CONTACT_FIELDS)[0]
        citizens = self.env[CITIZEN].search_count([])
        inquiry = self.process("Jens K. <jens.kontakt@example.org>")
        citizen = inquiry.citizen_id
        self.assertEqual(citizen._name, CITIZEN)
        self.assertEqual(citizen.email, "jens.kontakt@example.org")
        self.assertEqual(citizen.name, "Jens K.")
        self.assertFalse(citizen.partner_id)
        self.assertEqual(self.env[CITIZEN].search_count([]), citizens + 1)
        mail = inquiry.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(mail), 1)
        self.assertNotEqual(mail.author_id, contact)
        self.assertFalse(mail.author_id)
        self.assertIn("jens.kontakt@example.org", mail.email_from)
        self.assertNotIn(contact, inquiry.message_partner_ids)
        self.assertFalse(self.own_partners())
        self.assertContactUntouched(contact, before)
        # the next mail from the address finds the same citizen
        again = self.process("JENS.KONTAKT@example.org", subject="Og en ting mere")
        self.assertEqual(again.citizen_id, citizen)
        self.assertEqual(self.env[CITIZEN].search_count([]), citizens + 1)
        self.assertContactUntouched(contact, before)

    def test_mail_from_a_known_citizen(self):
        before = self.contact.read(CONTACT_FIELDS)[0]
        inquiry = self.process("Vibeke <VIBEKE.BORGERSEN@example.net>")
        self.assertEqual(inquiry.citizen_id, self.citizen)
        self.assertNotIn(self.contact, inquiry.message_ids.author_id)
        self.assertNotIn(self.contact, inquiry.message_partner_ids)
        self.assertContactUntouched(self.contact, before)

    def test_mail_from_a_mailed_citizen_is_authored_by_their_partner(self):
        own = self.citizen._get_mail_partner()
        inquiry = self.process("vibeke.borgersen@example.net")
        self.assertEqual(inquiry.citizen_id, self.citizen)
        mail = inquiry.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(mail.author_id, own)

    def test_citizens_reply_is_not_the_erp_contacts(self):
        before = self.contact.read(CONTACT_FIELDS)[0]
        inquiry = self.forwarded_inquiry(citizen_id=self.citizen.id)
        message = inquiry.message_post(
            body="Kære Vibeke, jeg har sendt din sag videre.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        reply = self.process(
            "vibeke.borgersen@example.net",
            subject="Re: " + inquiry.subject,
            in_reply_to=message.message_id,
        )
        self.assertEqual(reply, inquiry)
        answer = inquiry.message_ids[0]
        self.assertEqual(answer.message_type, "email")
        self.assertNotEqual(answer.author_id, self.contact)
        self.assertNotIn(self.contact, inquiry.message_partner_ids)
        self.assertContactUntouched(self.contact, before)

    def test_mail_from_a_user_has_no_citizen(self):
        citizens = self.env[CITIZEN].search_count([])
        inquiry = self.process(f"Test Advisor <{self.advisor.email}>")
        self.assertFalse(inquiry.citizen_id)
        self.assertEqual(self.env[CITIZEN].search_count([]), citizens)


@tagged("post_install", "-at_install")
class TestCitizenMailPartner(CitizenCase):
    """The addon's own partner for a citizen: made once, when the advisor
    mails the citizen, never an ERP contact, seen by the advisor only."""

    def test_own_partner_is_created_once_and_hidden(self):
        before = self.contact.read(CONTACT_FIELDS)[0]
        self.assertFalse(self.own_partners())
        partner = self.citizen._get_mail_partner()
        self.assertEqual(partner, self.own_partners())
        self.assertNotEqual(partner, self.contact)
        self.assertEqual(partner.name, "Vibeke Borgersen")
        self.assertEqual(partner.email, "Vibeke.Borgersen@example.net")
        self.assertTrue(partner.active)
        self.assertEqual(self.citizen.partner_id, partner)
        self.assertEqual(self.citizen._get_mail_partner(), partner)
        self.assertEqual(self.own_partners(), partner)
        # the register's changes follow
        self.citizen.write({"name": "Vibeke Nyt-Navn", "email": "vibeke@example.dk"})
        self.assertEqual(partner.name, "Vibeke Nyt-Navn")
        self.assertEqual(partner.email, "vibeke@example.dk")
        # the advisor sees it, nobody else in the ERP
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.advisor)
            .search([("id", "=", partner.id)]),
            partner,
        )
        for user in self.plain | self.statistics | self.br_admin:
            Partner = self.env["res.partner"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(
                    Partner.with_context(active_test=False).search(
                        [("id", "=", partner.id)]
                    )
                )
                self.assertFalse(Partner.name_search("Vibeke Nyt-Navn"))
                self.assertFalse(Partner.search([("email", "=", "vibeke@example.dk")]))
                with (
                    self.assertRaises(AccessError),
                    mute_logger("odoo.addons.base.models.ir_rule"),
                ):
                    partner.with_user(user).read(["name"])
        # nobody but the system marks a contact as the addon's
        manager = new_test_user(
            self.env,
            login="br_cit_contacts",
            groups="base.group_user,base.group_partner_manager",
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.contact.with_user(manager).write(
                {"borgerraadgiver_mail_partner": True}
            )
        self.assertContactUntouched(self.contact, before)
        # the citizen's partner goes with the citizen
        self.citizen.unlink()
        self.assertFalse(partner.exists())

    def test_suggested_recipient_makes_no_partner(self):
        inquiry = self.create_inquiry(citizen_id=self.citizen.id)
        recipients = inquiry._message_get_suggested_recipients()
        citizen = [
            r for r in recipients if r.get("email") == self.citizen.email_normalized
        ]
        self.assertEqual(len(citizen), 1)
        self.assertFalse(citizen[0].get("partner_id"))
        self.assertEqual(citizen[0]["name"], "Vibeke Borgersen")
        self.assertEqual(
            citizen[0]["create_values"], {"borgerraadgiver_citizen_id": self.citizen.id}
        )
        self.assertNotIn(self.contact.id, [r.get("partner_id") for r in recipients])
        self.assertFalse(self.own_partners())
        # once made, the partner itself is suggested
        partner = self.citizen._get_mail_partner()
        recipients = inquiry._message_get_suggested_recipients()
        self.assertIn(partner.id, [r.get("partner_id") for r in recipients])
        # centre staff are not offered the citizen
        staff = new_test_user(
            self.env, login="br_cit_staff", groups="borgerraadgiver.group_centre_staff"
        )
        recipients = inquiry.with_user(staff)._message_get_suggested_recipients()
        self.assertNotIn(partner.id, [r.get("partner_id") for r in recipients])
        self.assertNotIn(
            self.citizen.email_normalized, [r.get("email") for r in recipients]
        )

    def test_others_cannot_make_a_citizens_partner(self):
        values = {self.citizen.email: {"borgerraadgiver_citizen_id": self.citizen.id}}
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env[CITIZEN].with_user(self.plain)._mail_partners_from_emails(
                [self.citizen.email], values
            )
        self.assertFalse(self.own_partners())
        # an address that is not the citizen's is left to Odoo
        partners, others, rest = self.Citizen._mail_partners_from_emails(
            ["someone@example.org"],
            {"someone@example.org": {"borgerraadgiver_citizen_id": self.citizen.id}},
        )
        self.assertEqual(partners, {})
        self.assertEqual(others, ["someone@example.org"])
        self.assertEqual(rest, {"someone@example.org": {}})
        self.assertFalse(self.own_partners())


@tagged("post_install", "-at_install")
class TestCitizenMailFromChatter(HttpCase):
    """The advisor mails the citizen from the inquiry's chatter, through the
    routes of Odoo's web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="br_chat_advisor",
            groups="borgerraadgiver.group_advisor",
            name="Chatter Advisor",
        )
        cls.plain = new_test_user(
            cls.env,
            login="br_chat_plain",
            groups="base.group_user",
            name="Sales Clerk",
            email="sales.clerk@example.org",
        )
        cls.citizen = (
            cls.env[CITIZEN]
            .with_user(cls.advisor)
            .create({"name": "Mads Modtager", "email": "mads.modtager@example.net"})
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Mads (lager)",
                "parent_id": cls.env["res.partner"]
                .create({"name": "Lager ApS", "is_company": True})
                .id,
                "email": "mads.modtager@example.net",
            }
        )
        cls.inquiry = (
            cls.env[INQUIRY]
            .with_user(cls.advisor)
            .create({"subject": "Svar på brev", "citizen_id": cls.citizen.id})
        )

    def own_partners(self):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("borgerraadgiver_mail_partner", "=", True)])
        )

    def suggested(self):
        result = self.make_jsonrpc_request(
            "/mail/thread/data",
            {
                "thread_model": INQUIRY,
                "thread_id": self.inquiry.id,
                "request_list": ["suggestedRecipients"],
            },
        )
        threads = [
            thread
            for records in result.values()
            if isinstance(records, list)
            for thread in records
            if isinstance(thread, dict) and "suggestedRecipients" in thread
        ]
        self.assertEqual(len(threads), 1)
        return threads[0]["suggestedRecipients"]

    def test_advisor_mails_the_citizen(self):
        self.authenticate("br_chat_advisor", "br_chat_advisor")
        recipients = self.suggested()
        citizen = [
            r for r in recipients if r.get("email") == "mads.modtager@example.net"
        ]
        self.assertEqual(len(citizen), 1, recipients)
        self.assertFalse(citizen[0].get("partner_id"))
        self.assertFalse(self.own_partners(), "opening the chatter makes no partner")
        # the quick composer sends the ticked address and its create values
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": INQUIRY,
                "thread_id": self.inquiry.id,
                "post_data": {
                    "body": "Kære Mads, her er svaret.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "context": {"mail_post_autofollow": True},
                "partner_emails": [citizen[0]["email"]],
                "partner_additional_values": {
                    citizen[0]["email"]: citizen[0]["create_values"]
                },
            },
        )
        partner = self.own_partners()
        self.assertEqual(len(partner), 1)
        self.assertEqual(self.citizen.partner_id, partner)
        self.assertNotEqual(partner, self.contact)
        message = self.inquiry.message_ids.filtered(
            lambda m: "her er svaret" in (m.body or "")
        )
        self.assertEqual(message.partner_ids, partner)
        self.assertEqual(message.author_id, self.advisor.partner_id)
        self.assertIn(partner, self.inquiry.message_partner_ids)
        self.assertNotIn(self.contact, self.inquiry.message_partner_ids)
        notified = message.notification_ids.res_partner_id
        self.assertIn(partner, notified)
        self.assertNotIn(self.contact, notified)
        self.assertEqual(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == partner
            ).notification_type,
            "email",
        )
        # the full composer asks for the partners first: the same one, and
        # Odoo's own search for any other address
        found = self.make_jsonrpc_request(
            "/mail/partner/from_email",
            {
                "emails": [self.plain.email, citizen[0]["email"]],
                "additional_values": {
                    citizen[0]["email"]: citizen[0]["create_values"],
                    self.plain.email: {},
                },
            },
        )
        self.assertEqual(found[0]["id"], self.plain.partner_id.id)
        self.assertEqual(found[1]["id"], partner.id)
        self.assertEqual(self.own_partners(), partner)
        # a plain user of the ERP does not see it; the contact stays theirs
        Partner = self.env["res.partner"].with_user(self.plain)
        self.assertEqual(
            Partner.search([("email", "=", "mads.modtager@example.net")]), self.contact
        )
        self.assertFalse(Partner.name_search("Mads Modtager"))
