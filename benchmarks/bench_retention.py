#!/usr/bin/env python3
"""Benchmark of the retention run (a benchmark, not a test).

Fills a database of its own with N closed inquiries past their retention
period (COPY, not the ORM): their citizens, a share of them with a referral,
chatter messages with tracking values, a mail contact, a file in the
filestore. Then times, in one run:

- the bare SQL UPDATE that blanks the same inquiries' texts and citizen
  (rolled back): the floor;
- the bare SQL of the whole erasure (that UPDATE, the referrals' UPDATE and
  the DELETEs of their messages, followers and attachments, rolled back);
- the retention run itself: the daily scheduled action's method
  ``_cron_anonymise_expired`` called and committed batch after batch until
  nothing remains, as Odoo's scheduler does (files removed from the
  filestore after each commit, citizens and their mail contacts deleted);

and reports inquiries per second and the ratios.

    PGHOST=127.0.0.1 PGPORT=55432 PGUSER=odoo PGPASSWORD=odoo \\
        .venv/bin/python benchmarks/bench_retention.py --n 100000

The database (--db, default bench_retention) is created with the addon
installed (no demo data) when it does not exist; every run empties and
fills it again (the run anonymises what it filled).
"""

# A command-line benchmark: it prints its figures and commits into its own
# database. pylint: disable=print-used,invalid-commit

import argparse
import datetime as dt
import io
import os
import platform
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ADDONS_PATH, db_options, ensure_database  # noqa: E402
from generate import CENTRES  # noqa: E402

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
# The floor: the same inquiries blanked by one UPDATE
BARE_UPDATE = """
    UPDATE borgerraadgiver_inquiry
       SET subject = 'Anonymiseret', description = NULL, advisor_notes = NULL,
           centre_answer = NULL, citizen_id = NULL, anonymised = TRUE,
           anonymised_date = CURRENT_DATE, anonymised_reason = 'bench'
     WHERE state = 'closed' AND NOT anonymised AND closed_date < %(cutoff)s
"""
# The whole erasure by hand (what the ORM does, without its checks, the
# chatter note, the citizens and the files on disk)
BARE_ERASURE = [
    BARE_UPDATE,
    """UPDATE borgerraadgiver_referral SET subject = 'Anonymiseret',
           description = NULL, citizen_name = NULL, citizen_email = NULL,
           citizen_phone = NULL, citizen_address = NULL, answer = NULL,
           anonymised = TRUE""",
    """DELETE FROM mail_message WHERE model IN %(models)s""",
    """DELETE FROM mail_followers WHERE res_model IN %(models)s""",
    """DELETE FROM ir_attachment WHERE res_model IN %(models)s""",
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="inquiries")
    parser.add_argument(
        "--messages", type=float, default=0.2, help="share with 3 messages"
    )
    parser.add_argument("--files", type=float, default=0.05, help="share with a file")
    parser.add_argument(
        "--referrals", type=float, default=0.3, help="share with a referral"
    )
    parser.add_argument(
        "--partners", type=float, default=0.01, help="share of citizens with one"
    )
    parser.add_argument("--batch", type=int, default=1000, help="inquiries per batch")
    parser.add_argument(
        "--db",
        default="bench_retention",
        help="a database of its own (its name starts with bench_): it is emptied",
    )
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def copy(cr, table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(r"\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    cr.copy_from(buffer, table, columns=columns)


def next_ids(cr, table, count):
    cr.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cr.fetchall()]


def empty(cr):
    cr.execute(
        "DELETE FROM mail_message WHERE model IN %s; "
        "DELETE FROM mail_followers WHERE res_model IN %s; "
        "DELETE FROM ir_attachment WHERE res_model IN %s; "
        "DELETE FROM borgerraadgiver_referral; DELETE FROM borgerraadgiver_inquiry; "
        "UPDATE borgerraadgiver_citizen SET partner_id = NULL; "
        "DELETE FROM borgerraadgiver_citizen; "
        "DELETE FROM res_partner WHERE borgerraadgiver_mail_partner",
        [(INQUIRY, REFERRAL)] * 3,
    )


def fill(env, arguments):
    """N closed inquiries, closed 6 to 10 years ago, with what they hold."""
    cr, n, rng = env.cr, arguments.n, random.Random(arguments.seed)
    empty(cr)
    Centre = env["borgerraadgiver.centre"]
    for sequence, (code, name, _share) in enumerate(CENTRES, 1):
        if not Centre.search([("code", "=", code)]):
            Centre.create({"code": code, "name": name, "sequence": sequence * 10})
    centres = Centre.search([]).ids
    categories = env["borgerraadgiver.category"].search([("parent_id", "=", False)])
    ordinary = [c for c in categories if not c.child_ids and c.code != "7"]
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    today = dt.date.today()

    citizens = next_ids(cr, "borgerraadgiver_citizen", n // 2)
    copy(
        cr,
        "borgerraadgiver_citizen",
        ["id", "name", "street", "phone", "email", "email_normalized", "active"],
        (
            (cid, f"Borger {cid}", f"Gade {cid}", f"2{cid:07d}", f"b{cid}@example.dk",
             f"b{cid}@example.dk", "t")
            for cid in citizens
        ),
    )  # fmt: skip
    inquiries = next_ids(cr, "borgerraadgiver_inquiry", n)
    rows = []
    for index, iid in enumerate(inquiries):
        closed = today - dt.timedelta(days=rng.randint(6 * 365, 10 * 365))
        received = closed - dt.timedelta(days=rng.randint(1, 60))
        rows.append(
            (iid, f"BR-B-{index:07d}", received, "phone", rng.choice(citizens),
             "Klage over sagsbehandlingstid", "Borgeren fortæller om sin sag.",
             "Noter om borgeren.", rng.choice(centres), rng.choice(ordinary).id,
             "explained", closed, "closed", "f", 1, now, 1, now)
        )  # fmt: skip
    copy(
        cr,
        "borgerraadgiver_inquiry",
        ["id", "name", "received_date", "channel", "citizen_id", "subject",
         "description", "advisor_notes", "centre_id", "category_id", "resolution",
         "closed_date", "state", "anonymised", "create_uid", "create_date",
         "write_uid", "write_date"],
        rows,
    )  # fmt: skip
    with_referral = rng.sample(rows, int(n * arguments.referrals))
    referrals = next_ids(cr, "borgerraadgiver_referral", len(with_referral))
    copy(
        cr,
        "borgerraadgiver_referral",
        ["id", "name", "inquiry_id", "centre_id", "subject", "description",
         "citizen_name", "citizen_email", "date", "answer_date", "answer", "state",
         "anonymised"],
        (
            (rid, f"{row[1]}/1", row[0], row[8], row[5], row[6], "Borger",
             "borger@example.dk", row[2], row[11], "Centrets svar.", "answered", "f")
            for rid, row in zip(referrals, with_referral, strict=True)
        ),
    )  # fmt: skip
    # three messages on a share of the inquiries, one with a tracking value
    talked = rng.sample(inquiries, int(n * arguments.messages))
    messages = next_ids(cr, "mail_message", 3 * len(talked))
    copy(
        cr,
        "mail_message",
        ["id", "model", "res_id", "body", "message_type", "email_from", "date"],
        (
            (mid, INQUIRY, talked[i // 3], "<p>Borgeren skriver om sin sag.</p>",
             "comment", "borger@example.dk", now)
            for i, mid in enumerate(messages)
        ),
    )  # fmt: skip
    field = env["ir.model.fields"]._get(INQUIRY, "user_id").id
    copy(
        cr,
        "mail_tracking_value",
        ["field_id", "old_value_char", "new_value_char", "mail_message_id"],
        ((field, "Borger", "Rådgiver", mid) for mid in messages[::3]),
    )
    env.invalidate_all()
    # a file on a share of the inquiries, written into the filestore
    filed = rng.sample(inquiries, int(n * arguments.files))
    env["ir.attachment"].create(
        [
            {
                "name": f"bilag-{iid}.txt",
                "raw": f"Bilag til henvendelse {iid}".encode(),
                "res_model": INQUIRY,
                "res_id": iid,
            }
            for iid in filed
        ]
    )
    # the citizen's own mail contact for a share of the citizens
    mailed = env["borgerraadgiver.citizen"].browse(
        rng.sample(citizens, int(len(citizens) * arguments.partners))
    )
    for citizen in mailed:
        citizen._get_mail_partner()
    cr.execute("ANALYZE")
    cr.commit()
    return {
        "referrals": len(referrals),
        "messages": len(messages),
        "files": len(filed),
        "partners": len(mailed),
    }


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def bare_sql(cr, queries, cutoff):
    for query in queries:
        cr.execute(query, {"cutoff": cutoff, "models": (INQUIRY, REFERRAL)})
    cr.rollback()


def retention_run(env, batch_size):
    """The scheduled action as Odoo's scheduler runs it: a batch per call,
    a commit after each (which removes the files)."""
    Inquiry = env[INQUIRY]
    batches = 0
    while True:
        remaining = Inquiry._cron_anonymise_expired(batch_size=batch_size)
        env.cr.commit()
        env.invalidate_all()
        batches += 1
        if not remaining:
            return batches


def main():
    arguments = parse_arguments()
    if not arguments.db.startswith("bench_"):
        raise SystemExit(f"retention: --db must start with bench_: {arguments.db!r}")
    ensure_database(arguments.db)

    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(
        [f"--addons-path={ADDONS_PATH}", *db_options(), "-d", arguments.db]
    )
    registry = odoo.modules.registry.Registry(arguments.db)
    n = arguments.n
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        print(f"filling with {n:,} closed inquiries", flush=True)
        fill_time, filled = timed(lambda: fill(env, arguments))
        print(f"  filled in {fill_time:.1f} s: {filled}", flush=True)
        cutoff = dt.date.today() - dt.timedelta(days=5 * 366)
        update_time, _result = timed(lambda: bare_sql(cr, [BARE_UPDATE], cutoff))
        erasure_time, _result = timed(lambda: bare_sql(cr, BARE_ERASURE, cutoff))
        filestore = env["ir.attachment"]._full_path("")
        files_before = sum(len(files) for _d, _s, files in os.walk(filestore))
        env.invalidate_all()
        run_time, batches = timed(lambda: retention_run(env, arguments.batch))
        files_after = sum(len(files) for _d, _s, files in os.walk(filestore))
        cr.execute(
            "SELECT COUNT(*) FILTER (WHERE anonymised), COUNT(*) "
            "FROM borgerraadgiver_inquiry"
        )
        anonymised, total = cr.fetchone()
        cr.execute("SELECT COUNT(*) FROM borgerraadgiver_citizen")
        citizens_left = cr.fetchone()[0]
        cr.execute(
            "SELECT COUNT(*) FROM mail_message WHERE model = %s "
            "AND message_type != 'notification'",
            [INQUIRY],
        )
        messages_left = cr.fetchone()[0]

    print()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"inquiries anonymised             {anonymised:>10,} of {total:,}")
    print(f"citizens left / messages left    {citizens_left:>10,} / {messages_left:,}")
    print(f"files in the filestore           {files_before:>10,} -> {files_after:,}")
    print(f"bare SQL UPDATE (floor)          {update_time:>10.2f} s")
    print(
        f"bare SQL whole erasure           {erasure_time:>10.2f} s"
        f"   {erasure_time / update_time:6.1f} x UPDATE"
    )
    print(
        f"retention run ({batches} batches)      {run_time:>10.2f} s"
        f"   {run_time / update_time:6.1f} x UPDATE"
        f"   {run_time / erasure_time:6.1f} x whole erasure"
    )
    print(f"inquiries per second             {anonymised / run_time:>10,.0f}")


if __name__ == "__main__":
    main()
