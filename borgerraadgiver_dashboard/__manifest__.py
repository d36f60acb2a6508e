# Copyright 2026 Stevns Kommune
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Borgerrådgiver Dashboard",
    "summary": "The citizens' advisor's live figures in the Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://www.stevns.dk",
    "author": "Stevns Kommune",
    "license": "AGPL-3",
    "depends": ["borgerraadgiver", "spreadsheet_dashboard"],
    "data": ["data/borgerraadgiver_dashboard_data.xml"],
    "installable": True,
    "auto_install": True,
}
