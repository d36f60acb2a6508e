"""A production-safe set-up (issue 16, item 6): what the addon itself
enforces.  Odoo's auth_signup, installed by itself with mail, turns free
sign-up on (``auth_signup.invitation_scope`` = ``b2c``); the addon turns it
off at install, so that an anonymous visitor cannot make an account at
``/web/signup``.  The rest of the README's *Production* section (no database
manager, proxy mode, one database) is the server's configuration.
"""

import re

from odoo.tests import HttpCase, tagged

SCOPE = "auth_signup.invitation_scope"
LOGIN = "stranger@example.com"


@tagged("post_install", "-at_install")
class TestProductionSignup(HttpCase):
    def setUp(self):
        super().setUp()
        self.Users = self.env["res.users"].with_context(active_test=False)

    def _signup(self):
        """An anonymous visitor's sign-up form, sent with a valid CSRF token
        of their own session (from the login page); the test has not
        authenticated, so the visitor is anonymous."""
        page = self.url_open("/web/login")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/signup",
            data={
                "csrf_token": token,
                "login": LOGIN,
                "name": "Stranger",
                "password": "a-long-Passw0rd-2026",
                "confirm_password": "a-long-Passw0rd-2026",
            },
            allow_redirects=False,
        )

    def test_free_signup_off_after_install(self):
        self.assertTrue(
            self.env["ir.module.module"].search(
                [("name", "=", "auth_signup"), ("state", "=", "installed")]
            ),
            "auth_signup comes with mail: the test needs it",
        )
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(SCOPE), "b2b")
        self.assertNotEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2c")

    def test_anonymous_signup_refused(self):
        self.assertEqual(self.url_open("/web/signup").status_code, 404)
        self.assertNotIn('href="/web/signup', self.url_open("/web/login").text)
        response = self._signup()
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Users.search([("login", "=", LOGIN)]))

    def test_signup_works_when_turned_on(self):
        """The same request does make an account once an administrator turns
        free sign-up on: the refusal above is the setting's doing."""
        self.env["ir.config_parameter"].sudo().set_param(SCOPE, "b2c")
        response = self._signup()
        self.assertIn(response.status_code, (200, 303))
        user = self.Users.search([("login", "=", LOGIN)])
        self.assertTrue(user)
        self.assertTrue(user.share, "a signed-up account is a portal user")
