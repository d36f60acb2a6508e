"""From 18.0.2.2.0 the inquiries' numbers come from a standard sequence (a
PostgreSQL sequence per year) instead of a gapless one, so that concurrent
saves never wait on or fail at the sequence's row (README, "Configure"). The
sequence's data is noupdate: it is switched here. Odoo's ir.sequence.write
creates the PostgreSQL sequence of every yearly range, starting at the
range's next number, so that numbering goes on where it was."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequence = env.ref(
        "borgerraadgiver.seq_borgerraadgiver_inquiry", raise_if_not_found=False
    )
    if sequence and sequence.implementation != "standard":
        sequence.implementation = "standard"
