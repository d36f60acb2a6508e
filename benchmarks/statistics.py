#!/usr/bin/env python3
# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
"""Benchmark of the yearly statistics on PostgreSQL.

Fills a database with N generated inquiries (bulk COPY, not the ORM) and
times, in one run, for a full year:

- the workbook ``borgerraadgiver.statistics.xlsx`` (Report.execute),
- the bare SQL GROUP BY queries of the same counts (the floor),
- counting by reading the records through the ORM,

and reports the ratios and the peak memory of the workbook.

    scripts/with-postgres.sh .venv/bin/python benchmarks/statistics.py
    scripts/with-postgres.sh .venv/bin/python benchmarks/statistics.py \\
        --n 1000000

It uses TRYTOND_DATABASE__URI (a PostgreSQL URI) and creates the database
DB_NAME (default bench_borgerraadgiver), dropped at the end unless --keep.
"""
import os
import sys

# Named statistics.py, this script would hide the standard library's
# statistics module (imported by random) from the modules it imports.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _here]

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections import Counter  # noqa: E402

os.environ.setdefault('DB_NAME', 'bench_borgerraadgiver')

# resolution: weight
RESOLUTIONS = {
    'explained': 30, 'referred': 25, 'forwarded': 30, 'misdirected': 10,
    'rejected': 5}
# state: weight
STATES = {'closed': 85, 'forwarded': 4, 'open': 3, 'draft': 3, 'cancelled': 5}
CHANNELS = ['phone', 'email', 'letter', 'meeting', 'digital_post', 'web']

# The bare SQL of the counts, as one would write it by hand
QUARTER = (
    "CASE WHEN EXTRACT(MONTH FROM received_date) <= 3 THEN 1 "
    "WHEN EXTRACT(MONTH FROM received_date) <= 6 THEN 2 "
    "WHEN EXTRACT(MONTH FROM received_date) <= 9 THEN 3 ELSE 4 END")
WHERE = (
    "state != 'cancelled' AND received_date >= %(from_date)s "
    "AND received_date <= %(to_date)s")
HANDLED = " AND COALESCE(resolution, '') != 'misdirected'"
BARE_SQL = [
    f"SELECT EXTRACT(YEAR FROM received_date)::integer, {QUARTER}, "
    "COUNT(*), "
    "SUM(CASE WHEN resolution = 'misdirected' THEN 1 ELSE 0 END) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE} GROUP BY 1, 2",
    f"SELECT EXTRACT(YEAR FROM received_date)::integer, {QUARTER}, centre, "
    "COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE}{HANDLED} GROUP BY 1, 2, 3",
    "SELECT category, centre, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE}{HANDLED} GROUP BY 1, 2",
    "SELECT category, subcategory, centre, COUNT(*) "
    f"FROM borgerraadgiver_inquiry WHERE {WHERE}{HANDLED} "
    "AND subcategory IS NOT NULL GROUP BY 1, 2, 3",
    ]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument(
        '--n', type=int, default=100_000,
        help="how many inquiries to generate (default 100000)")
    parser.add_argument(
        '--year', type=int, default=dt.date.today().year - 1,
        help="the year the inquiries are received and counted "
        "(default last year)")
    parser.add_argument(
        '--years', type=int, default=1,
        help="spread the inquiries over this many years ending with --year, "
        "so that the counted year holds N/years of them (default 1)")
    parser.add_argument(
        '--repeat', type=int, default=3,
        help="runs of each measure, the best is kept (default 3)")
    parser.add_argument(
        '--skip-orm', action='store_true',
        help="do not count through the ORM (slow with many inquiries)")
    parser.add_argument(
        '--keep', action='store_true',
        help="keep the database (and reuse it if it has N inquiries)")
    parser.add_argument('--seed', type=int, default=2021)
    return parser.parse_args()


def weighted(choices, k, rng):
    return rng.choices(list(choices), weights=list(choices.values()), k=k)


def fill(n, first_year, last_year, seed):
    "Insert n inquiries with COPY"
    from trytond.modules.borgerraadgiver.demo import load_centres
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    pool = Pool()
    Category = pool.get('borgerraadgiver.category')
    centres = [c.id for c in load_centres().values()]
    categories = Category.search([('parent', '=', None)])
    by_code = {c.code: c for c in categories}
    subcategories = {
        c.id: [s.id for s in c.children] for c in categories}

    rng = random.Random(seed)
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    resolutions = weighted(RESOLUTIONS, n, rng)
    states = weighted(STATES, n, rng)
    now = dt.datetime.now()
    columns = [
        'number', 'received_date', 'channel', 'subject', 'centre',
        'category', 'subcategory', 'resolution', 'out_of_scope_reason',
        'formal_contact', 'state', 'create_uid', 'create_date']
    cursor = Transaction().connection.cursor()
    with cursor.copy(
            'COPY borgerraadgiver_inquiry (%s) FROM STDIN'
            % ', '.join(columns)) as copy:
        for i in range(n):
            received = dt.date.fromordinal(rng.randint(start, end))
            resolution = resolutions[i]
            state = states[i]
            if resolution == 'rejected':
                category = by_code['7']
            else:
                category = categories[rng.randrange(len(categories) - 1)]
            children = subcategories[category.id]
            if state in {'draft', 'open'}:
                resolution = None
            copy.write_row((
                    f'BR-{received.year}-{i:07d}',
                    received,
                    rng.choice(CHANNELS),
                    "Generated inquiry",
                    rng.choice(centres),
                    category.id,
                    rng.choice(children) if children else None,
                    resolution,
                    'service_level' if resolution == 'rejected' else None,
                    rng.random() < 0.5,
                    state,
                    0,
                    now,
                    ))
    cursor.execute('ANALYZE borgerraadgiver_inquiry')


def count_inquiries():
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    cursor.execute('SELECT COUNT(*) FROM borgerraadgiver_inquiry')
    return cursor.fetchone()[0]


def best_time(function, repeat):
    "Return the best time of function and its last result"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def workbook(from_date, to_date):
    from trytond.pool import Pool
    Workbook = Pool().get('borgerraadgiver.statistics.xlsx', type='report')
    extension, content, _, _ = Workbook.execute(
        [], {'from_date': from_date, 'to_date': to_date})
    assert extension == 'xlsx'
    return content


def bare_sql(from_date, to_date):
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    results = []
    for query in BARE_SQL:
        cursor.execute(query, {'from_date': from_date, 'to_date': to_date})
        results.append(cursor.fetchall())
    return results


def orm_count(from_date, to_date):
    """Count as §3 does by reading the inquiries through the ORM, in slices
    as Tryton code reads many records"""
    from trytond.pool import Pool
    from trytond.tools import grouped_slice
    from trytond.transaction import Transaction
    Inquiry = Pool().get('borgerraadgiver.inquiry')
    # The ids from the query of the search, as browsing a million records
    # costs Tryton's assertions a time quadratic in their number
    query = Inquiry.search([
            ('received_date', '>=', from_date),
            ('received_date', '<=', to_date),
            ('state', '!=', 'cancelled'),
            ], order=[], query=True)
    cursor = Transaction().connection.cursor()
    cursor.execute(*query)
    ids = [i for i, in cursor]
    quarters, centres, categories = Counter(), Counter(), Counter()
    fields = [
        'received_date', 'resolution', 'centre', 'category', 'subcategory']
    for sub_ids in grouped_slice(ids, 1000):
        for inquiry in Inquiry.read(list(sub_ids), fields):
            received = inquiry['received_date']
            quarter = received.year, (received.month - 1) // 3 + 1
            misdirected = inquiry['resolution'] == 'misdirected'
            quarters[quarter, misdirected] += 1
            if not misdirected:
                centre = inquiry['centre']
                centres[quarter, centre] += 1
                categories[
                    inquiry['category'], inquiry['subcategory'], centre] += 1
    return quarters, centres, categories


def peak_memory(function):
    "Return the peak of Python allocations in MB while function runs"
    tracemalloc.start()
    try:
        function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def main():
    arguments = parse_arguments()
    uri = os.environ.get('TRYTOND_DATABASE__URI', '')
    if not uri.startswith('postgresql'):
        sys.exit(
            "TRYTOND_DATABASE__URI must be a PostgreSQL URI, "
            "e.g. run: scripts/with-postgres.sh "
            ".venv/bin/python benchmarks/statistics.py")

    from trytond.tests.test_tryton import DB_NAME, activate_module, drop_db
    from trytond.transaction import Transaction

    n, year = arguments.n, arguments.year
    from_date, to_date = dt.date(year, 1, 1), dt.date(year, 12, 31)
    print(f"database {DB_NAME}: activating the module", flush=True)
    activate_module('borgerraadgiver')
    try:
        with Transaction().start(DB_NAME, 0) as transaction:
            if count_inquiries() != n:
                print(f"filling with {n:,} inquiries over {arguments.years} "
                    f"year(s)", flush=True)
                start = time.perf_counter()
                cursor = transaction.connection.cursor()
                cursor.execute('DELETE FROM borgerraadgiver_inquiry')
                fill(n, year - arguments.years + 1, year, arguments.seed)
                transaction.commit()
                print(f"  filled in {time.perf_counter() - start:.1f} s")

        with Transaction().start(DB_NAME, 1, readonly=True):
            counted = bare_sql(from_date, to_date)
            print(f"year {year}: {sum(r[2] for r in counted[0]):,} "
                f"inquiries counted")

            # Warm the caches of PostgreSQL and of Tryton once
            workbook(from_date, to_date)
            sql_time, _ = best_time(
                lambda: bare_sql(from_date, to_date), arguments.repeat)
            workbook_time, content = best_time(
                lambda: workbook(from_date, to_date), arguments.repeat)
            workbook_peak = peak_memory(lambda: workbook(from_date, to_date))
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if not arguments.skip_orm:
                orm_time, _ = best_time(
                    lambda: orm_count(from_date, to_date), 1)

        print()
        print(f"inquiries in the database        {n:>12,}")
        print(f"bare SQL GROUP BY (floor)        {sql_time:>10.3f} s")
        print(f"workbook (Report.execute)        {workbook_time:>10.3f} s"
            f"   {workbook_time / sql_time:5.2f} x bare SQL")
        if not arguments.skip_orm:
            print(f"ORM: read the records and count  {orm_time:>10.3f} s"
                f"   {orm_time / sql_time:5.0f} x bare SQL"
                f"   {orm_time / workbook_time:5.0f} x workbook")
        print(f"workbook peak Python memory      {workbook_peak:>10.1f} MB"
            " (tracemalloc)")
        print(f"process peak RSS before the ORM  {rss:>10.1f} MB"
            " (getrusage)")
        print(f"workbook size                    {len(content):>10,} bytes")
        return workbook_time / sql_time, workbook_peak
    finally:
        if not arguments.keep:
            drop_db()


if __name__ == '__main__':
    main()
