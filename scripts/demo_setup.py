"""Settings of the demo database; run by scripts/demo.sh inside `odoo shell`.

    DEMO_ADMIN_PASSWORD=... odoo shell -c var/odoo.conf -d DB --no-http \
        < scripts/demo_setup.py

`odoo shell` runs this file with `env` (superuser) in its namespace and rolls
back at the end, hence the commit.  Environment:

- DEMO_ADMIN_PASSWORD: the new password of the user admin (required);
- DEMO_LANG: the language of every user and partner (default da_DK);
- DEMO_TZ: the time zone of every user (default Europe/Copenhagen);
- DEMO_BASE_URL: web.base.url (default http://localhost:8069).
"""

import os

# Created by the addon's demo data; printed by scripts/demo.sh.
DEMO_LOGINS = (
    "advisor",
    "centre",
    "centre-pb",
    "centre-am",
    "centre-so",
    "centre-tm",
    "centre-ohi",
    "manager",
)


def setup(env):
    lang_code = os.environ.get("DEMO_LANG", "da_DK")
    tz = os.environ.get("DEMO_TZ", "Europe/Copenhagen")
    password = os.environ["DEMO_ADMIN_PASSWORD"]
    if not password or password == "admin":
        raise SystemExit("demo_setup: refusing an empty or 'admin' password")

    env["res.lang"]._activate_lang(lang_code)

    users = env["res.users"].with_context(active_test=False).search([])
    users.write({"lang": lang_code, "tz": tz})
    partners = (
        env["res.partner"]
        .with_context(active_test=False)
        .search([("lang", "!=", lang_code)])
    )
    partners.write({"lang": lang_code})
    env["res.company"].search([]).partner_id.write({"lang": lang_code})
    # New partners (the citizens' mail contacts, centres) default to Danish too.
    env["ir.default"].set("res.partner", "lang", lang_code)

    env.ref("base.user_admin").password = password
    env["ir.config_parameter"].set_param(
        "web.base.url", os.environ.get("DEMO_BASE_URL", "http://localhost:8069")
    )
    env.cr.commit()

    found = set(
        env["res.users"]
        .with_context(active_test=False)
        .search([("login", "in", DEMO_LOGINS)])
        .mapped("login")
    )
    print(
        f"demo_setup: language {lang_code} for {len(users)} users"
        f" and {len(partners)} partners; admin password set"
    )
    for login in DEMO_LOGINS:
        if login not in found:
            print(f"demo_setup: warning: no user {login!r} in this database")


setup(env)  # noqa: F821 (env: given by odoo shell)
