"""From 18.0.2.2.0 every document received or sent on an inquiry or a
referral is journalised (borgerraadgiver.journal.entry). The documents of the
inquiries and referrals made before get their entries here, numbered per
inquiry in the order of their dates, as if the journal had always been kept."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["borgerraadgiver.journal.entry"]._journalise_existing()
