"""From 18.0.2.2.0 the inquiries' numbers come from a standard sequence (a
PostgreSQL sequence per year) instead of a gapless one, so that concurrent
saves never wait on or fail at the sequence's row (README, "Configure"). The
sequence's data is noupdate: it is switched here. Odoo's ir.sequence.write
creates the PostgreSQL sequence of every yearly range starting at the
sequence's own next number (1), not at the range's: each year is then moved
on past its highest number, or its next save would fail on the unique
number. (A database updated before 18.0.2.3.0 without this step is caught
up by the next update: data/ir_cron_data.xml.)"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequence = env.ref(
        "borgerraadgiver.seq_borgerraadgiver_inquiry", raise_if_not_found=False
    )
    if sequence and sequence.implementation != "standard":
        sequence.implementation = "standard"
        env["borgerraadgiver.inquiry"]._catch_up_numbering(sequence)
