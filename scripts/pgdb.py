#!/usr/bin/env python3
"""Small database questions for the shell scripts (psycopg2, from the venv).

    pgdb.py state DB MODULE...   absent | empty | installed | partial
    pgdb.py drop DB...           drop the databases (if they exist)

Connection: the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD.
"state" answers "absent" when there is no database DB, "empty" when it holds
no Odoo, "installed" when every MODULE is installed, "partial" otherwise.
"""

import sys

import psycopg2
from psycopg2 import sql


def connect(dbname):
    return psycopg2.connect(dbname=dbname)


def state(db, modules):
    with connect("postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
        if not cr.fetchone():
            return "absent"
    conn.close()
    conn = connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cr.fetchone()[0]:
                return "empty"
            cr.execute(
                "SELECT count(*) FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                (list(modules),),
            )
            return "installed" if cr.fetchone()[0] == len(set(modules)) else "partial"
    finally:
        conn.close()


def drop(dbs):
    conn = connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            for db in dbs:
                cr.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(db)
                    )
                )
    finally:
        conn.close()


def main(argv):
    if len(argv) >= 3 and argv[1] == "state":
        print(state(argv[2], argv[3:]))
    elif len(argv) >= 2 and argv[1] == "drop":
        drop(argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
