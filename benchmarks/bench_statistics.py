#!/usr/bin/env python3
"""Benchmark of the yearly statistics on PostgreSQL (a benchmark, not a test).

Fills a database with N generated inquiries (COPY, not the ORM) and times, in
one run, for one full calendar year:

- the bare SQL GROUP BY queries of the same counts (the floor),
- the workbook ``borgerraadgiver.statistics_xlsx`` (rendered as a user of the
  statistics group: access checks, the analysis view's read_group, labels,
  xlsxwriter and its charts),
- counting by reading the inquiries through the ORM (what a naive addon does),

and reports the ratios and the peak memory of the workbook.

    PGHOST=127.0.0.1 PGPORT=55432 PGUSER=odoo PGPASSWORD=odoo \\
        .venv/bin/python benchmarks/bench_statistics.py --n 100000

The database (--db, default bench_borgerraadgiver) is created with the addon
installed (no demo data) when it does not exist, and kept for the next run.
"""

# A command-line benchmark: it prints its figures and commits the inquiries it
# generates into its own database.
# pylint: disable=print-used,invalid-commit

import argparse
import datetime as dt
import io
import os
import platform
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from zoneinfo import ZoneInfo

ADDONS_PATH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO = os.path.join(os.path.dirname(sys.executable), "odoo")
# The municipality's day, as the addon counts it (models/municipal_day.py)
MUNICIPAL_TZ = ZoneInfo("Europe/Copenhagen")

RESOLUTIONS = {
    "explained": 30,
    "referred": 25,
    "forwarded": 30,
    "misdirected": 10,
    "rejected": 5,
}
STATES = {"closed": 85, "forwarded": 4, "open": 3, "draft": 3, "cancelled": 5}
CHANNELS = ["phone", "email", "letter", "meeting", "digital_post", "web"]
CENTRES = [
    ("P&B", "Politik & Borger"),
    ("AM", "Arbejdsmarked"),
    ("B&L", "Børn & Læring"),
    ("S&O", "Sund & Omsorg"),
    ("T&M", "Teknik & Miljø"),
    ("ØH&I", "Økonomi, HR & IT"),
]

# The same counts written by hand: the floor the workbook is measured against
WHERE = (
    "state != 'cancelled' AND received_date >= %(date_from)s "
    "AND received_date <= %(date_to)s"
)
BARE_SQL = [
    "SELECT date_trunc('quarter', received_date)::date, "
    "resolution IS DISTINCT FROM 'misdirected', centre_id, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE} GROUP BY 1, 2, 3",
    "SELECT category_id, subcategory_id, centre_id, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE} "
    "AND resolution IS DISTINCT FROM 'misdirected' GROUP BY 1, 2, 3",
    "SELECT kind, centre_id, COUNT(*), SUM(hours), SUM(participants) "
    "FROM borgerraadgiver_supervision "
    "WHERE date >= %(date_from)s AND date <= %(date_to)s GROUP BY 1, 2",
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="inquiries")
    parser.add_argument(
        "--year",
        type=int,
        default=dt.datetime.now(MUNICIPAL_TZ).year - 1,
        help="counted year",
    )
    parser.add_argument(
        "--years",
        type=int,
        default=1,
        help="spread the inquiries over this many years ending with --year",
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of")
    parser.add_argument("--skip-orm", action="store_true")
    parser.add_argument(
        "--db",
        default="bench_borgerraadgiver",
        help="a database of its own (its name starts with bench_): it is emptied",
    )
    parser.add_argument("--seed", type=int, default=2021)
    return parser.parse_args()


def db_options():
    options = []
    for env, option in [
        ("PGHOST", "--db_host"),
        ("PGPORT", "--db_port"),
        ("PGUSER", "--db_user"),
        ("PGPASSWORD", "--db_password"),
    ]:
        if os.environ.get(env):
            options += [option, os.environ[env]]
    return options


def ensure_database(db):
    """Create the database with the addon installed (no demo) if needed."""
    import psycopg2

    connection = psycopg2.connect(dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        exists = cursor.fetchone()
    connection.close()
    if not exists:
        print(f"database {db}: installing borgerraadgiver", flush=True)
        subprocess.run(
            [
                ODOO,
                f"--addons-path={ADDONS_PATH}",
                *db_options(),
                "-d",
                db,
                "-i",
                "borgerraadgiver",
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ],
            check=True,
        )


def weighted(choices, k, rng):
    return rng.choices(list(choices), weights=list(choices.values()), k=k)


def fill(env, n, first_year, last_year, seed):
    """Replace the inquiries by n generated ones, with COPY."""
    Centre = env["borgerraadgiver.centre"]
    for sequence, (code, name) in enumerate(CENTRES, 1):
        if not Centre.search([("code", "=", code)]):
            Centre.create({"code": code, "name": name, "sequence": sequence * 10})
    centres = Centre.search([]).ids
    categories = env["borgerraadgiver.category"].search([("parent_id", "=", False)])
    by_code = {c.code: c for c in categories}
    ordinary = [c for c in categories if c.code != "7"]
    children_of = {c.id: c.child_ids.ids for c in categories}
    rng = random.Random(seed)
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    resolutions = weighted(RESOLUTIONS, n, rng)
    states = weighted(STATES, n, rng)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    cr = env.cr
    cr.execute("DELETE FROM borgerraadgiver_inquiry")
    buffer = io.StringIO()
    for i in range(n):
        if i and not i % 100_000:
            copy(cr, buffer)
            buffer = io.StringIO()
        received = dt.date.fromordinal(rng.randint(start, end))
        resolution, state = resolutions[i], states[i]
        category = by_code["7"] if resolution == "rejected" else rng.choice(ordinary)
        children = children_of[category.id]
        if state in {"draft", "open"}:
            resolution = None
        row = [
            f"BR-{received.year}-{i:07d}",
            received.isoformat(),
            rng.choice(CHANNELS),
            "Generated inquiry",
            str(rng.choice(centres)),
            str(category.id),
            str(rng.choice(children)) if children else r"\N",
            resolution or r"\N",
            "service_level" if resolution == "rejected" else r"\N",
            "t" if rng.random() < 0.5 else "f",
            state,
            "1",
            now,
            "1",
            now,
        ]
        buffer.write("\t".join(row) + "\n")
    copy(cr, buffer)
    cr.execute("ANALYZE borgerraadgiver_inquiry")
    cr.commit()


COLUMNS = [
    "name",
    "received_date",
    "channel",
    "subject",
    "centre_id",
    "category_id",
    "subcategory_id",
    "resolution",
    "out_of_scope_reason",
    "formal_contact",
    "state",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
]


def copy(cr, buffer):
    """COPY the rows of buffer: 100,000 at a time, to keep the memory low."""
    buffer.seek(0)
    cr.copy_from(buffer, "borgerraadgiver_inquiry", columns=COLUMNS)


def best_time(function, repeat):
    times, result = [], None
    for _i in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def bare_sql(cr, date_from, date_to):
    results = []
    for query in BARE_SQL:
        cr.execute(query, {"date_from": date_from, "date_to": date_to})
        results.append(cr.fetchall())
    return results


def workbook(report):
    env = report.env
    env.invalidate_all()
    content, kind = env["ir.actions.report"]._render_xlsx(
        "borgerraadgiver.statistics_xlsx", report.ids, {}
    )
    assert kind == "xlsx"
    return content


def orm_count(env, date_from, date_to):
    """Count as §3 does by reading the inquiries through the ORM."""
    Inquiry = env["borgerraadgiver.inquiry"]
    env.invalidate_all()
    ids = Inquiry.search(
        [
            ("received_date", ">=", date_from),
            ("received_date", "<=", date_to),
            ("state", "!=", "cancelled"),
        ],
        order="id",
    ).ids
    quarters, centres, categories = Counter(), Counter(), Counter()
    fields = ["received_date", "resolution", "centre_id", "category_id"]
    fields.append("subcategory_id")
    for index in range(0, len(ids), 1000):
        for inquiry in Inquiry.browse(ids[index : index + 1000]).read(
            fields, load=None
        ):
            received = inquiry["received_date"]
            quarter = received.year, (received.month - 1) // 3 + 1
            misdirected = inquiry["resolution"] == "misdirected"
            quarters[quarter, misdirected] += 1
            if not misdirected:
                centres[quarter, inquiry["centre_id"]] += 1
                categories[
                    inquiry["category_id"],
                    inquiry["subcategory_id"],
                    inquiry["centre_id"],
                ] += 1
        env.invalidate_all()
    return quarters, centres, categories


def peak_memory(function):
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main():
    arguments = parse_arguments()
    if not arguments.db.startswith("bench_"):
        # fill() empties the database's inquiries: never point it at real data
        raise SystemExit(f"statistics: --db must start with bench_: {arguments.db!r}")
    ensure_database(arguments.db)

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.tests.common import new_test_user

    odoo.tools.config.parse_config(
        [f"--addons-path={ADDONS_PATH}", *db_options(), "-d", arguments.db]
    )
    registry = odoo.modules.registry.Registry(arguments.db)
    year = arguments.year
    date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
    n = arguments.n
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("SELECT COUNT(*) FROM borgerraadgiver_inquiry")
        if cr.fetchone()[0] != n:
            print(f"filling with {n:,} inquiries over {arguments.years} year(s)")
            start = time.perf_counter()
            fill(env, n, year - arguments.years + 1, year, arguments.seed)
            print(f"  filled in {time.perf_counter() - start:.1f} s", flush=True)
        user = env["res.users"].search([("login", "=", "bench_statistics")])
        if not user:
            user = new_test_user(
                env,
                login="bench_statistics",
                groups="borgerraadgiver.group_statistics",
            )
        Report = env["borgerraadgiver.annual.report"].with_user(user)
        report = Report.search(
            [("date_from", "=", date_from), ("date_to", "=", date_to)], limit=1
        ) or Report.create({"date_from": date_from, "date_to": date_to})
        cr.commit()

        counted = sum(row[3] for row in bare_sql(cr, date_from, date_to)[0])
        print(f"year {year}: {counted:,} inquiries counted", flush=True)
        # warm PostgreSQL's and Odoo's caches once
        workbook(report)
        sql_time, _result = best_time(
            lambda: bare_sql(cr, date_from, date_to), arguments.repeat
        )
        workbook_time, content = best_time(lambda: workbook(report), arguments.repeat)
        workbook_peak = peak_memory(lambda: workbook(report))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        orm_time = None
        if not arguments.skip_orm:
            orm_time, _result = best_time(lambda: orm_count(env, date_from, date_to), 1)
        cr.rollback()

    print()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"inquiries in the database        {n:>12,}")
    print(f"counted in {year}                 {counted:>12,}")
    print(f"bare SQL GROUP BY (floor)        {sql_time:>10.3f} s")
    print(
        f"workbook (report_xlsx render)    {workbook_time:>10.3f} s"
        f"   {workbook_time / sql_time:5.2f} x bare SQL"
    )
    if orm_time is not None:
        print(
            f"ORM: read the records and count  {orm_time:>10.3f} s"
            f"   {orm_time / sql_time:5.0f} x bare SQL"
            f"   {orm_time / workbook_time:5.0f} x workbook"
        )
    print(f"workbook peak Python memory      {workbook_peak:>10.1f} MB (tracemalloc)")
    print(f"process peak RSS before the ORM  {rss:>10.1f} MB (getrusage)")
    print(f"workbook size                    {len(content):>10,} bytes")


if __name__ == "__main__":
    main()
