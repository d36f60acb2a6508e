from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalWizard(TransactionCase):
    """Found by an attacker: a user with Contact Creation opened *Grant
    portal access* on a citizen's mail contact by its id and read the
    citizen's e-mail back from the wizard's line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="br_portal_clerk",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.hidden = (
            cls.env["borgerraadgiver.citizen"]
            .create({"name": "Pia Portalborger", "email": "pia@borger.example"})
            ._get_mail_partner()
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Customer", "email": "customer@erp.example"}
        )

    def test_no_portal_wizard_line_for_a_citizens_mail_contact(self):
        Wizard = self.env["portal.wizard"].with_user(self.clerk)
        # as the web client saves and reads it back (web_save)
        with self.assertRaises(AccessError):
            Wizard.create({"partner_ids": [(6, 0, self.hidden.ids)]}).web_read(
                {"user_ids": {"fields": {"email": {}}}}
            )
        # an ERP contact is offered portal access as before
        wizard = Wizard.create({"partner_ids": [(6, 0, self.customer.ids)]})
        self.assertEqual(wizard.user_ids.email, "customer@erp.example")
