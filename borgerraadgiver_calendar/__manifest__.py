# Copyright 2026 Stevns Kommune
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Borgerrådgiver Calendar",
    "summary": "Meetings planned from the citizens' advisor's inquiries are private",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://www.stevns.dk",
    "author": "Stevns Kommune",
    "license": "AGPL-3",
    "depends": ["borgerraadgiver", "calendar"],
    "data": ["security/borgerraadgiver_calendar_security.xml"],
    "installable": True,
    "auto_install": True,
}
