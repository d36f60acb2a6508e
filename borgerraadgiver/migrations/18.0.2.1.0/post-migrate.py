"""From 18.0.2.1.0 what a category means is data (complaint_kind,
is_out_of_scope, is_handling_time), no longer a comparison of codes in the
code. The categories' data is noupdate: the shipped categories get their
meaning here, found by their XML id, so that a municipality that renamed or
renumbered them keeps its names and codes.

From 18.0.2.1.0 the roles are a chain (centre staff < management < advisor)
and one choice on the user form. The update of security/ gives every user
of a role the roles below it (res.groups.write with implied_ids); this step
does it once more, from the top, so that it does not depend on that. The
role Statistics is called Management (Ledelse): its Danish name is changed
unless the municipality renamed it."""

from odoo import SUPERUSER_ID, Command, api

MEANINGS = {
    "borgerraadgiver.category_4": {"complaint_kind": "case_handling"},
    "borgerraadgiver.category_5": {"complaint_kind": "decision"},
    "borgerraadgiver.category_7": {"is_out_of_scope": True},
    "borgerraadgiver.category_4_1": {"is_handling_time": True},
}

# the roles from the top of the chain down
ROLES = (
    "borgerraadgiver.group_advisor",
    "borgerraadgiver.group_statistics",
    "borgerraadgiver.group_centre_staff",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, values in MEANINGS.items():
        category = env.ref(xmlid, raise_if_not_found=False)
        if category:
            category.write(values)
    # free sign-up off, as a new install has it (data/ir_config_parameter_data.xml)
    env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2b")
    for xmlid in ROLES:
        group = env.ref(xmlid).with_context(active_test=False)
        if group.users:
            # res.groups.write adds the users to every group implied
            group.write({"users": [Command.link(user.id) for user in group.users]})
    statistics = env.ref("borgerraadgiver.group_statistics")
    danish = "da_DK" in dict(env["res.lang"].get_installed())
    if danish and statistics.with_context(lang="da_DK").name in (
        "Statistik",
        "Statistics",
    ):
        statistics.update_field_translations("name", {"da_DK": "Ledelse"})
