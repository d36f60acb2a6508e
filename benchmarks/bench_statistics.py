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
import contextlib
import datetime as dt
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from zoneinfo import ZoneInfo

import benchlib

# The municipality's day, as the addon counts it (models/municipal_day.py)
MUNICIPAL_TZ = ZoneInfo("Europe/Copenhagen")

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
    # the sheet "Svartider": the centres' answer times of the inquiries
    # forwarded in the period (median and 90th percentile, share in time)
    "SELECT centre_id, GROUPING(centre_id), COUNT(*), COUNT(answered), "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY answered * answer_working_days), "
    "percentile_cont(0.9) WITHIN GROUP (ORDER BY answered * answer_working_days), "
    "percentile_cont(0.5) WITHIN GROUP (ORDER BY answered * answer_days), "
    "percentile_cont(0.9) WITHIN GROUP (ORDER BY answered * answer_days), "
    "AVG(answered * (centre_answer_date <= centre_deadline)::int) "
    "FROM (SELECT *, CASE WHEN centre_answer_date IS NOT NULL THEN 1 END "
    "AS answered FROM borgerraadgiver_inquiry) inquiry "
    "WHERE state != 'cancelled' AND forwarded_date >= %(date_from)s "
    "AND forwarded_date <= %(date_to)s GROUP BY ROLLUP (centre_id)",
    # §1.3's paths
    "SELECT resolution, state, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE} GROUP BY 1, 2",
    # §3.6: the complaint points, an inquiry without any counted as one
    "SELECT CASE WHEN p.id IS NULL THEN i.category_id ELSE p.category_id END, "
    "CASE WHEN p.id IS NULL THEN i.subcategory_id ELSE p.subcategory_id END, "
    "COALESCE(p.centre_id, i.centre_id), p.outcome, p.criticism_id, COUNT(*) "
    "FROM borgerraadgiver_inquiry i "
    "LEFT JOIN borgerraadgiver_inquiry_point p ON p.inquiry_id = i.id "
    f"WHERE i.{WHERE.replace('AND ', 'AND i.')} "
    "AND i.resolution IS DISTINCT FROM 'misdirected' GROUP BY 1, 2, 3, 4, 5",
    # §3.9: the continuations and their reassessment
    "SELECT date_trunc('quarter', received_date)::date, reassessment, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE} AND is_continuation "
    "GROUP BY 1, 2",
    # §3.10: the counted-only contacts
    "SELECT date_trunc('quarter', date)::date, centre_id, category_id, COUNT(*) "
    "FROM borgerraadgiver_contact "
    "WHERE date >= %(date_from)s AND date <= %(date_to)s GROUP BY 1, 2, 3",
]
# "Compared with last year" counts the previous year again: its inquiries
# by quarter and category, paths, answer times and points (indexes in BARE_SQL)
PREVIOUS_YEAR_SQL = [0, 1, 4, 3, 5]


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
    parser.add_argument(
        "--runs", type=int, default=50, help="rounds of bare SQL, then workbook"
    )
    parser.add_argument("--skip-orm", action="store_true")
    parser.add_argument(
        "--db",
        default="bench_borgerraadgiver",
        help="a database of its own (its name starts with bench_): made anew",
    )
    return parser.parse_args()


def ensure_data(db, n, year, years):
    """The database with n inquiries generated by generate.py (received over
    `years` years up to the end of `year`), made anew when it has another
    number."""
    if benchlib.database_exists(db):
        with contextlib.closing(benchlib.psql_connect(db)) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM borgerraadgiver_inquiry")
                if cursor.fetchone()[0] == n:
                    return
        benchlib.drop_database(db)
    print(f"filling with {n:,} inquiries over {years} year(s)", flush=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            f"{benchlib.BENCH_DIR}/generate.py",
            "--db",
            db,
            "--n",
            str(n),
            "--years",
            str(years),
            "--last-day",
            f"{year}-12-31",
            "--no-chatter",
        ],
        check=True,
    )
    print(f"  filled in {time.perf_counter() - start:.1f} s", flush=True)


def side_by_side(floor, measured, runs):
    """`runs` rounds of `floor` then `measured`: their times (s) and the
    ratio of each round."""
    floors, times = [], []
    for _i in range(runs):
        floors.append(benchlib.timed(floor))
        times.append(benchlib.timed(measured))
    return floors, times, [t / f for f, t in zip(floors, times, strict=True)]


def bare_sql(cr, date_from, date_to):
    """Every count of the workbook, written by hand: the year's, then those
    of the previous year that the comparison needs."""
    year = {"date_from": date_from, "date_to": date_to}
    previous = {
        "date_from": date_from.replace(year=date_from.year - 1),
        "date_to": date_to.replace(year=date_to.year - 1),
    }
    queries = [(query, year) for query in BARE_SQL]
    queries += [(BARE_SQL[index], previous) for index in PREVIOUS_YEAR_SQL]
    results = []
    for query, params in queries:
        cr.execute(query, params)
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
    benchlib.check_bench_name(arguments.db)
    ensure_data(arguments.db, arguments.n, arguments.year, arguments.years)

    from odoo.tests.common import new_test_user

    year = arguments.year
    date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
    n = arguments.n
    with benchlib.odoo_env(arguments.db) as env:
        cr = env.cr
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
        floors, times, ratios = side_by_side(
            lambda: bare_sql(cr, date_from, date_to),
            lambda: workbook(report),
            arguments.runs,
        )
        content = workbook(report)
        workbook_peak = peak_memory(lambda: workbook(report))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        orm_time = None
        if not arguments.skip_orm:
            orm_time = benchlib.timings(lambda: orm_count(env, date_from, date_to), 1)[
                0
            ]
        cr.rollback()

    print()
    print(f"machine: {benchlib.machine()}")
    print(f"inquiries in the database        {n:>12,}")
    print(f"counted in {year}                 {counted:>12,}")
    (sql_time, sql_p95), (workbook_time, workbook_p95) = (
        benchlib.median_p95(floors),
        benchlib.median_p95(times),
    )
    print(f"{arguments.runs} rounds, bare SQL then workbook; median / p95")
    print(f"bare SQL GROUP BY (floor)        {sql_time:>10.3f} s {sql_p95:>8.3f} s")
    print(
        f"workbook (report_xlsx render)    {workbook_time:>10.3f} s"
        f" {workbook_p95:>8.3f} s   {workbook_time / sql_time:5.2f} x bare SQL"
        " (ratio of the medians)"
    )
    ratio_median, ratio_p95 = benchlib.median_p95(ratios)
    print(
        f"workbook / SQL of each round     median {ratio_median:.2f} x,"
        f" p95 {ratio_p95:.2f} x, worst {max(ratios):.2f} x"
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
