"""The demo database's users; run by scripts/demo.sh in `odoo shell` (which
gives `env` and rolls back unless committed).  Environment: DEMO_ADMIN_PASSWORD
(required, never "admin"), DEMO_LANG (da_DK), DEMO_TZ (Europe/Copenhagen),
DEMO_BASE_URL (http://localhost:8069)."""

# It reports to the terminal of make demo:
# pylint: disable=print-used
import os

# The demo data's users, printed by scripts/demo.sh
DEMO_LOGINS = {"advisor", "manager", "centre"} | {
    f"centre-{code}" for code in ("pb", "am", "so", "tm", "ohi")
}


def setup(env):
    lang = os.environ.get("DEMO_LANG", "da_DK")
    password = os.environ["DEMO_ADMIN_PASSWORD"]
    if password in ("", "admin"):
        raise SystemExit("demo_setup: refusing an empty or 'admin' password")
    env["res.lang"]._activate_lang(lang)
    # Odoo writes the user form's access rights anew in English after each
    # install (res.groups._update_user_groups_view): what Settings >
    # Languages > Update does puts the Danish back (and changes no other term)
    env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
        lang
    )
    Users = env["res.users"].with_context(active_test=False)
    users = Users.search([])
    users.write({"lang": lang, "tz": os.environ.get("DEMO_TZ", "Europe/Copenhagen")})
    partners = env["res.partner"].with_context(active_test=False)
    partners.search([("lang", "!=", lang)]).write({"lang": lang})
    # New partners (the citizens' mail contacts, centres) in Danish too
    env["ir.default"].set("res.partner", "lang", lang)
    env.ref("base.user_admin").password = password
    params = env["ir.config_parameter"]
    params.set_param(
        "web.base.url", os.environ.get("DEMO_BASE_URL", "http://localhost:8069")
    )
    # No free sign-up, also in a demo database made before the addon said so
    params.set_param("auth_signup.invitation_scope", "b2b")
    env.cr.commit()
    missing = DEMO_LOGINS - set(Users.search([]).mapped("login"))
    print(f"demo_setup: {lang} for {len(users)} users; admin's password set")
    if missing:
        print(f"demo_setup: no demo user {', '.join(sorted(missing))}")


setup(env)  # noqa: F821 (env: given by odoo shell)
