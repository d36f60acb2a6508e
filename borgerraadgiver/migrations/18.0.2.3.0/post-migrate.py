"""From 18.0.2.3.0: the access log's user_id has no foreign key (PostgreSQL
checked it row by row on every logged read); res_users.py refuses to delete a
user the log names instead."""

from odoo.tools import SQL

TABLE = "borgerraadgiver_access_log"
CONSTRAINT = f"{TABLE}_user_id_fkey"


def migrate(cr, version):
    cr.execute(
        SQL(
            "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
            SQL.identifier(TABLE),
            SQL.identifier(CONSTRAINT),
        )
    )
    cr.execute("DELETE FROM ir_model_constraint WHERE name = %s", [CONSTRAINT])
