"""From 18.0.2.1.0 what a category means is data (complaint_kind,
is_out_of_scope, is_handling_time), no longer a comparison of codes in the
code. The categories' data is noupdate: the shipped categories get their
meaning here, found by their XML id, so that a municipality that renamed or
renumbered them keeps its names and codes."""

from odoo import SUPERUSER_ID, api

MEANINGS = {
    "borgerraadgiver.category_4": {"complaint_kind": "case_handling"},
    "borgerraadgiver.category_5": {"complaint_kind": "decision"},
    "borgerraadgiver.category_7": {"is_out_of_scope": True},
    "borgerraadgiver.category_4_1": {"is_handling_time": True},
}


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
