# Copyright 2026 Stevns Kommune
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Borgerrådgiver",
    "summary": "Case system of the municipality's independent citizens' advisor",
    "version": "18.0.2.3.0",
    "category": "Services/Borgerrådgiver",
    "website": "https://www.stevns.dk",
    "author": "Stevns Kommune",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "resource", "report_xlsx"],
    # Distribution names, as Odoo 18 checks them (importlib.metadata) and as
    # whool turns them into the wheel's Requires-Dist: holidays gives the
    # Danish public holidays, python-stdnum (an Odoo requirement) checks a
    # CPR number's date. No version here: Odoo parses one only with the
    # package `packaging`, which Odoo does not require; holidays' pin
    # (requirements.txt's) is in pyproject.toml for the wheel.
    "external_dependencies": {"python": ["holidays", "python-docx", "python-stdnum"]},
    "data": [
        "security/borgerraadgiver_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/borgerraadgiver_report_data.xml",
        "data/ir_sequence_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/borgerraadgiver_category_data.xml",
        "data/borgerraadgiver_criticism_data.xml",
        "data/resource_calendar_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/mail_alias_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_access_log_data.xml",
        "data/borgerraadgiver_findings_data.xml",
        "views/borgerraadgiver_referral_views.xml",
        "views/borgerraadgiver_inquiry_views.xml",
        "views/borgerraadgiver_citizen_views.xml",
        "views/borgerraadgiver_centre_views.xml",
        "views/borgerraadgiver_category_views.xml",
        "views/borgerraadgiver_supervision_views.xml",
        "views/res_config_settings_views.xml",
        "views/borgerraadgiver_access_log_views.xml",
        "views/borgerraadgiver_anonymise_views.xml",
        "views/borgerraadgiver_inquiry_analysis_views.xml",
        "views/borgerraadgiver_annual_report_views.xml",
        "views/borgerraadgiver_journal_entry_views.xml",
        "report/borgerraadgiver_annual_report_templates.xml",
        "report/borgerraadgiver_reports.xml",
        "report/borgerraadgiver_access_request_templates.xml",
        "views/borgerraadgiver_menus.xml",
        # issue 18: after the menus, whose root their menus hang under
        "views/borgerraadgiver_recommendation_views.xml",
        "views/borgerraadgiver_investigation_views.xml",
        "report/borgerraadgiver_investigation_templates.xml",
        # complaint points (issue 18): their views and menus, after the
        # menus they hang under
        "views/borgerraadgiver_inquiry_point_views.xml",
        "views/borgerraadgiver_criticism_views.xml",
        "views/borgerraadgiver_inquiry_returning_views.xml",
        "views/borgerraadgiver_contact_views.xml",
    ],
    "demo": [
        "demo/borgerraadgiver_demo.xml",
        "demo/borgerraadgiver_findings_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_backend": [
            "borgerraadgiver/static/src/views/*.js",
            "borgerraadgiver/static/src/mail/*.js",
        ],
        "web.assets_tests": [
            "borgerraadgiver/static/tests/tours/*.js",
        ],
    },
}
