# Copyright 2026 Stevns Kommune
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Borgerrådgiver Portal",
    "summary": "The portal access wizard shows no citizen of the citizens' advisor",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://www.stevns.dk",
    "author": "Stevns Kommune",
    "license": "AGPL-3",
    "depends": ["borgerraadgiver", "portal"],
    "installable": True,
    "auto_install": True,
}
