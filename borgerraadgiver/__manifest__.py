# Copyright 2026 Stevns Kommune
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Borgerrådgiver",
    "summary": "Case system of the municipality's independent citizens' advisor",
    "version": "18.0.1.0.0",
    "category": "Services/Borgerrådgiver",
    "website": "https://www.stevns.dk",
    "author": "Stevns Kommune",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail"],
    "data": [
        "security/borgerraadgiver_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/borgerraadgiver_category_data.xml",
        "views/borgerraadgiver_inquiry_views.xml",
        "views/borgerraadgiver_centre_views.xml",
        "views/borgerraadgiver_category_views.xml",
        "views/borgerraadgiver_supervision_views.xml",
        "views/res_config_settings_views.xml",
        "views/borgerraadgiver_menus.xml",
    ],
    "demo": [
        "demo/borgerraadgiver_demo.xml",
    ],
}
