import importlib.util
from pathlib import Path

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import BorgerraadgiverCase

STAFF = "borgerraadgiver.group_centre_staff"
MANAGEMENT = "borgerraadgiver.group_statistics"
ADVISOR = "borgerraadgiver.group_advisor"
ADMIN = "borgerraadgiver.group_admin"
CONFIDENTIAL = (
    "borgerraadgiver.inquiry",
    "borgerraadgiver.citizen",
    "borgerraadgiver.supervision",
)


@tagged("post_install", "-at_install")
class TestRoles(BorgerraadgiverCase):
    """The roles are one choice on the user form (issue 16, item 4): the
    category's groups form a chain by implied_ids, centre staff < management
    < advisor, and what each role sees stays as the access contract says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_group = cls.env.ref(STAFF)
        cls.management_group = cls.env.ref(MANAGEMENT)
        cls.advisor_group = cls.env.ref(ADVISOR)
        cls.admin_group = cls.env.ref(ADMIN)
        cls.roles = cls.staff_group | cls.management_group | cls.advisor_group
        cls.category = cls.env.ref("borgerraadgiver.module_category_borgerraadgiver")
        cls.category_groups = cls.env["res.groups"].search(
            [("category_id", "=", cls.category.id)]
        )
        # the chain up to each role, "—" included
        cls.chains = {
            False: cls.env["res.groups"],
            cls.staff_group: cls.staff_group,
            cls.management_group: cls.staff_group | cls.management_group,
            cls.advisor_group: cls.roles,
        }
        cls.it_admin = cls.env.ref("base.user_admin")
        cls.centre.user_ids = cls.staff = new_test_user(
            cls.env, login="br_roles_staff", groups=STAFF, name="Roles Staff"
        )
        cls.other_centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Other Centre", "code": "TST-RO"}
        )
        cls.other_centre.user_ids = new_test_user(
            cls.env, login="br_roles_other", groups=STAFF, name="Other Staff"
        )
        cls.manager = new_test_user(
            cls.env, login="br_roles_manager", groups=MANAGEMENT, name="Manager"
        )
        cls.citizen = cls.env["borgerraadgiver.citizen"].create(
            {"name": "Karen Testborger", "email": "karen@borger.example"}
        )

    def role_field(self, lang=None):
        """The one selection of res.users whose options are the roles."""
        fields = self.env["res.users"].with_context(lang=lang).fields_get()
        found = {
            name: field
            for name, field in fields.items()
            if name.startswith("sel_groups_")
            and {key for key, _label in field["selection"]} & set(self.roles.ids)
        }
        self.assertEqual(len(found), 1, found)
        return next(iter(found.items()))

    def role_groups(self, user):
        return user.groups_id & self.category_groups

    def referral(self, centre):
        inquiry = self.forwarded_inquiry(
            centre_id=centre.id, citizen_id=self.citizen.id
        )
        self.assertEqual(len(inquiry.referral_ids), 1)
        return inquiry, inquiry.referral_ids

    # ------------------------------------------------------------------
    # The user form
    # ------------------------------------------------------------------

    def test_chain(self):
        self.assertEqual(self.category_groups, self.roles)
        self.assertEqual(
            self.advisor_group.trans_implied_ids & self.roles,
            self.staff_group | self.management_group,
        )
        self.assertEqual(
            self.management_group.trans_implied_ids & self.roles, self.staff_group
        )
        self.assertFalse(self.staff_group.trans_implied_ids & self.roles)
        # the administrator (IT) is no step of the chain: a choice of its own
        self.assertNotEqual(self.admin_group.category_id, self.category)
        self.assertFalse(self.admin_group.trans_implied_ids & self.roles)
        self.assertFalse(self.roles.trans_implied_ids & self.admin_group)

    def test_fields_get_shows_one_selection_of_the_roles(self):
        name, field = self.role_field()
        self.assertEqual(field["type"], "selection")
        self.assertEqual(
            [key for key, _label in field["selection"] if key],
            [self.staff_group.id, self.management_group.id, self.advisor_group.id],
        )
        self.assertEqual(field["string"], "Borgerrådgiver")
        # no box of these groups beside it
        fields = self.env["res.users"].fields_get()
        for group in self.roles:
            self.assertNotIn(f"in_group_{group.id}", fields)
        # and it is on the user form without developer mode: no node of the
        # form's groups view hides it behind base.group_no_one
        # (Odoo puts the boxes of a category that is no chain there), and
        # the IT administrator's field neither
        arch = etree.fromstring(self.env.ref("base.user_groups_view").arch_db)
        admin_field = f"sel_groups_{self.admin_group.id}"
        for field_name in (name, admin_field):
            [node] = arch.xpath(f"//field[@name='{field_name}']")
            self.assertFalse(node.get("invisible"))
            for element in [node, *node.iterancestors()]:
                self.assertNotIn("base.group_no_one", element.get("groups", ""))

    def test_fields_get_in_danish(self):
        self.env["res.lang"]._activate_lang("da_DK")
        self.env["ir.module.module"]._load_module_terms(
            ["borgerraadgiver"], ["da_DK"], overwrite=True
        )
        _name, field = self.role_field(lang="da_DK")
        self.assertEqual(
            [label for key, label in field["selection"] if key],
            ["Centermedarbejder", "Ledelse", "Borgerrådgiver"],
        )
        fields = self.env["res.users"].with_context(lang="da_DK").fields_get()
        admin_fields = [
            field
            for name, field in fields.items()
            if name.startswith("sel_groups_")
            and [key for key, _label in field["selection"] if key]
            == [self.admin_group.id]
        ]
        self.assertEqual(len(admin_fields), 1)
        self.assertEqual(admin_fields[0]["selection"][-1][1], "Administrator")
        self.assertEqual(admin_fields[0]["string"], "Borgerrådgiver: administration")

    def test_user_form_one_role_gives_its_chain(self):
        name, _field = self.role_field()
        Users = self.env["res.users"].with_user(self.it_admin)
        for role, chain in self.chains.items():
            with self.subTest(role=role and role.name):
                form = Form(Users, view="base.view_users_form")
                form.name = f"Role {role and role.name}"
                form.login = f"br_roles_form_{role and role.id}"
                setattr(form, name, role and role.id)
                user = form.save()
                self.assertEqual(self.role_groups(user), chain)
                self.assertTrue(user.has_group("base.group_user"))
                self.assertFalse(user.has_group(ADMIN))

    def test_user_form_changes_the_role(self):
        """Moving a user down the chain takes the higher roles away."""
        name, _field = self.role_field()
        user = new_test_user(self.env, login="br_roles_change", groups=ADVISOR)
        self.assertEqual(self.role_groups(user), self.roles)
        for role in (
            self.staff_group,
            False,
            self.advisor_group,
            self.management_group,
        ):
            with self.subTest(role=role and role.name):
                form = Form(user.with_user(self.it_admin), view="base.view_users_form")
                setattr(form, name, role and role.id)
                form.save()
                self.assertEqual(self.role_groups(user), self.chains[role])

    def test_existing_users_have_one_role(self):
        """The demo's users and the tests' users (groups= one role) read as
        exactly one role on the form."""
        name, _field = self.role_field()
        demo = self.env.ref
        for user, role in (
            (self.advisor, self.advisor_group),
            (self.staff, self.staff_group),
            (self.manager, self.management_group),
            (demo("borgerraadgiver.user_advisor", False), self.advisor_group),
            (demo("borgerraadgiver.user_centre", False), self.staff_group),
            (demo("borgerraadgiver.user_manager", False), self.management_group),
        ):
            if not user:
                continue
            with self.subTest(user=user.login):
                self.assertEqual(self.role_groups(user), self.chains[role])
                self.assertEqual(user.read([name])[0][name], role.id)

    # ------------------------------------------------------------------
    # The centre form
    # ------------------------------------------------------------------

    def test_centre_staff_list_gives_the_role(self):
        it = new_test_user(self.env, login="br_roles_it", groups=ADMIN)
        clerk = new_test_user(
            self.env, login="br_roles_clerk", groups="base.group_user"
        )
        self.assertFalse(self.role_groups(clerk))
        with Form(self.centre.with_user(it)) as form:
            form.user_ids.add(clerk)
            form.user_ids.add(self.manager)
        self.assertEqual(self.role_groups(clerk), self.staff_group)
        # a higher role stays as it was
        self.assertEqual(
            self.role_groups(self.manager), self.chains[self.management_group]
        )
        # a new centre too
        newcomer = new_test_user(
            self.env, login="br_roles_new", groups="base.group_user"
        )
        self.env["borgerraadgiver.centre"].with_user(it).create(
            {
                "name": "New Centre",
                "code": "TST-RN",
                "user_ids": [Command.link(newcomer.id)],
            }
        )
        self.assertEqual(self.role_groups(newcomer), self.staff_group)
        # leaving the centre keeps the role, and shows nothing
        self.centre.with_user(it).user_ids -= clerk
        self.assertEqual(self.role_groups(clerk), self.staff_group)
        _inquiry, referral = self.referral(self.centre)
        self.assertFalse(
            self.env["borgerraadgiver.referral"]
            .with_user(clerk)
            .search([("id", "=", referral.id)])
        )

    def test_centre_staff_list_refuses_portal_users(self):
        portal = new_test_user(
            self.env, login="br_roles_portal", groups="base.group_portal"
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.centre.user_ids |= portal
        self.env.invalidate_all()
        self.assertFalse(self.role_groups(portal))

    # ------------------------------------------------------------------
    # The combinations the chain makes
    # ------------------------------------------------------------------

    def assertNoConfidentialModel(self, user):
        for model in CONFIDENTIAL:
            with self.subTest(user=user.login, model=model):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_manager_not_on_a_staff_list_sees_no_referral(self):
        inquiry, referral = self.referral(self.centre)
        referral.message_post(body="Note of the centre's conversation")
        manager = self.manager
        Referral = self.env["borgerraadgiver.referral"].with_user(manager)
        self.assertFalse(Referral.search([]))
        self.assertFalse(Referral.search_count([]))
        with self.assertRaises(AccessError):
            referral.with_user(manager).read(["description"])
        with self.assertRaises(AccessError):
            referral.with_user(manager).write({"answer": "Mine"})
        with self.assertRaises(AccessError):
            referral.with_user(manager).message_post(body="Mine")
        with self.assertRaises(AccessError):
            self.env["borgerraadgiver.referral.answer"].with_user(manager).create(
                {"referral_id": referral.id, "answer": "Mine"}
            )
        threads = ["borgerraadgiver.referral", "borgerraadgiver.inquiry"]
        for model, domain in (
            ("mail.message", [("model", "in", threads)]),
            ("mail.followers", [("res_model", "in", threads)]),
            ("mail.activity", [("res_model", "in", threads)]),
            ("ir.attachment", [("res_model", "in", threads)]),
            ("mail.notification", [("mail_message_id.model", "in", threads)]),
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(manager).search(domain))
        self.assertNoConfidentialModel(manager)
        # management's own: the statistics
        self.assertTrue(
            self.env["borgerraadgiver.inquiry.analysis"]
            .with_user(manager)
            .search_count([("id", "=", inquiry.id)])
        )

    def test_manager_on_a_staff_list_is_staff_of_that_centre_only(self):
        inquiry, referral = self.referral(self.centre)
        _other_inquiry, other_referral = self.referral(self.other_centre)
        self.centre.user_ids |= self.manager
        Referral = self.env["borgerraadgiver.referral"].with_user(self.manager)
        self.assertEqual(Referral.search([]), referral)
        with self.assertRaises(AccessError):
            other_referral.with_user(self.manager).read(["description"])
        # as staff: no inquiry behind it, nothing but the answer to write
        mine = referral.with_user(self.manager)
        with self.assertRaises(AccessError):
            mine.read(["inquiry_id"])
        with self.assertRaises(AccessError):
            mine.write({"description": "Rewritten"})
        mine.write({"answer_date": self.today, "answer": "Answered by the manager"})
        self.assertEqual(inquiry.centre_answer, "Answered by the manager")
        self.assertNoConfidentialModel(self.manager)
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.manager)
            .search([("model", "=", "borgerraadgiver.inquiry")])
        )

    def test_staff_get_nothing_of_management(self):
        for model in (
            "borgerraadgiver.inquiry.analysis",
            "borgerraadgiver.annual.report",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.staff).search([])
        self.assertNoConfidentialModel(self.staff)

    def test_advisor_through_the_chain_keeps_everything(self):
        """The advisor has the roles below hers: on no staff list, she still
        sees and writes every referral, inquiry and citizen."""
        self.assertTrue(self.advisor.has_group(STAFF))
        self.assertTrue(self.advisor.has_group(MANAGEMENT))
        _inquiry, referral = self.referral(self.centre)
        _other_inquiry, other_referral = self.referral(self.other_centre)
        Referral = self.env["borgerraadgiver.referral"].with_user(self.advisor)
        self.assertEqual(
            Referral.search([("id", "in", (referral | other_referral).ids)]),
            referral | other_referral,
        )
        other_referral.with_user(self.advisor).write(
            {"description": "The advisor's own words"}
        )
        self.assertEqual(other_referral.description, "The advisor's own words")
        self.assertTrue(other_referral.with_user(self.advisor).inquiry_id)
        for model in CONFIDENTIAL:
            self.env[model].with_user(self.advisor).search([])
        self.assertTrue(self.citizen.with_user(self.advisor).read(["email"]))

    # ------------------------------------------------------------------
    # The update of an existing database
    # ------------------------------------------------------------------

    def test_update_makes_each_users_roles_a_chain(self):
        """Before 18.0.2.1.0 the roles were boxes: a manager had only the
        statistics group, an advisor only hers. The update gives each user
        the chain up to her highest role, and management its Danish name."""
        path = Path(__file__).parents[1] / "migrations/18.0.2.1.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("br_post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)

        old = {
            "br_roles_old_manager": (self.management_group, self.management_group),
            "br_roles_old_both": (
                self.management_group | self.staff_group,
                self.management_group,
            ),
            "br_roles_old_advisor": (self.advisor_group, self.advisor_group),
            "br_roles_old_all": (
                self.advisor_group | self.staff_group,
                self.advisor_group,
            ),
        }
        users = {}
        for login, (groups, _role) in old.items():
            user = new_test_user(self.env, login=login, groups="base.group_user")
            # the old state: only these boxes, none of the groups they imply now
            self.env.cr.execute(
                "INSERT INTO res_groups_users_rel (gid, uid) SELECT unnest(%s), %s",
                [groups.ids, user.id],
            )
            users[login] = user
        self.env.invalidate_all()
        self.assertEqual(
            self.role_groups(users["br_roles_old_manager"]), self.management_group
        )
        self.env["res.lang"]._activate_lang("da_DK")
        self.management_group.update_field_translations("name", {"da_DK": "Statistik"})

        migration.migrate(self.env.cr, "18.0.2.0.0")
        self.env.invalidate_all()
        for login, (_groups, role) in old.items():
            with self.subTest(login=login):
                self.assertEqual(self.role_groups(users[login]), self.chains[role])
        self.assertEqual(
            self.management_group.with_context(lang="da_DK").name, "Ledelse"
        )
