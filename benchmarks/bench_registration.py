#!/usr/bin/env python3
"""Registration under concurrency: 1, 4 and 8 advisors' web clients
registering inquiries at once through JSON-RPC against --workers=2 (a
benchmark, not a test).

Each client loops: save a new inquiry (web_save, as the form does), open it
(action_open), and forward every third (action_forward: a referral, its mail
to the centre, the advisor's follow-up activity). Printed per concurrency:
inquiries a second, the latency of the save (median, p95, max), errors; at
the end the year's numbers are checked: no gap, no duplicate.

    .venv/bin/python benchmarks/bench_registration.py

The database (--db) is installed and filled with --n generated inquiries
when it does not exist, and dropped at the end unless --keep.
"""

# A command-line benchmark.
# pylint: disable=print-used

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import itertools
import re
import subprocess
import sys
import threading
import time

import benchlib

INQUIRY = "borgerraadgiver.inquiry"
TARGET_RATE = 100


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_registration")
    parser.add_argument("--n", type=int, default=10_000, help="inquiries before")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--seconds", type=float, default=20, help="per concurrency")
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args()


class Advisor:
    """One advisor's web client registering inquiries."""

    def __init__(self, url, db, full, centres, categories, spec):
        self.rpc = benchlib.Rpc(url, db, "bench_advisor")
        self.full = full
        self.centres, self.categories, self.spec = centres, categories, spec
        self.saves, self.errors, self.ids = [], [], []

    def register(self, index):
        start = time.perf_counter()
        record = self.rpc.call(
            INQUIRY,
            "web_save",
            [],
            {
                "subject": f"Henvendelse {index} om sagsbehandlingstid",
                "channel": "phone",
                "centre_id": self.centres[index % len(self.centres)],
                "category_id": self.categories[index % len(self.categories)],
                "description": "Borgeren har ventet længe på svar.",
                # the citizen consented: the forward of every third asks nothing
                "consent_forwarding": True,
                "consent_channel": "phone",
            },
            specification=self.spec,
        )[0]
        self.saves.append(time.perf_counter() - start)
        self.ids.append(record["id"])
        if not self.full:
            return
        self.rpc.call(INQUIRY, "action_open", [record["id"]])
        if index % 3 == 0:
            self.rpc.call(INQUIRY, "action_forward", [record["id"]])

    def run(self, stop, counter):
        while not stop.is_set():
            index = next(counter)
            try:
                self.register(index)
            except Exception as error:  # noqa: BLE001 - counted and shown
                self.errors.append(str(error)[:200])


def form_spec(rpc):
    result = rpc.call(INQUIRY, "get_views", views=[[False, "form"]], options={})
    fields = result["models"][INQUIRY]["fields"]
    names = result["views"]["form"].get("fields") or fields
    return {
        name: {"fields": {"display_name": {}}}
        if fields[name]["type"] in ("many2one", "one2many", "many2many")
        else {}
        for name in names
    }


def run_clients(url, db, clients, seconds, full, setup):
    advisors = [Advisor(url, db, full, *setup) for _i in range(clients)]
    # itertools.count hands out each index once, also across threads
    stop, counter = threading.Event(), itertools.count()
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(advisor.run, stop, counter) for advisor in advisors]
        time.sleep(seconds)
        stop.set()
        for future in futures:
            future.result()
    elapsed = time.perf_counter() - start
    saves = [t for advisor in advisors for t in advisor.saves]
    errors = [e for advisor in advisors for e in advisor.errors]
    median, p95 = benchlib.median_p95(saves)
    rate = len(saves) / elapsed
    print(
        f"{'full' if full else 'save':>5} {clients:>7} {len(saves):>8}"
        f" {rate:>10.1f} {median * 1000:>10.0f} "
        f"{p95 * 1000:>8.0f} {max(saves) * 1000:>8.0f} {len(errors):>7}"
        f"   {'met' if rate >= TARGET_RATE and not errors else 'MISSED'}",
        flush=True,
    )
    for error in sorted(set(errors))[:5]:
        print(f"        error: {error}")
    return [i for advisor in advisors for i in advisor.ids]


def check_numbers(db, ids):
    """The numbers of the registered inquiries' years: 1..max, once each."""
    with contextlib.closing(benchlib.psql_connect(db)) as connection:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM borgerraadgiver_inquiry WHERE id = ANY(%s)", [ids]
            )
            years = {name.split("-")[1] for (name,) in cursor.fetchall()}
            for year in sorted(years):
                cursor.execute(
                    "SELECT name FROM borgerraadgiver_inquiry WHERE name LIKE %s",
                    [f"BR-{year}-%"],
                )
                numbers = sorted(
                    int(re.match(r"BR-\d{4}-(\d+)$", name)[1])
                    for (name,) in cursor.fetchall()
                )
                gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
                duplicates = len(numbers) - len(set(numbers))
                print(
                    f"numbers of {year}: 1 to {numbers[-1]:,}, {len(numbers):,} "
                    f"inquiries, {len(gaps)} gaps {gaps[:10]}, "
                    f"{duplicates} duplicates"
                )


def main():
    arguments = parse_arguments()
    benchlib.check_bench_name(arguments.db)
    if not benchlib.database_exists(arguments.db):
        generate = [f"{benchlib.BENCH_DIR}/generate.py", "--db", arguments.db]
        subprocess.run([sys.executable, *generate, "--n", str(arguments.n)], check=True)
    print(f"machine: {benchlib.machine()}; {dt.datetime.now():%Y-%m-%d %H:%M}")
    ids = []
    with benchlib.server(arguments.db, workers=2) as url:
        rpc = benchlib.Rpc(url, arguments.db, "bench_advisor")
        centres = rpc.call("borgerraadgiver.centre", "search", [])
        categories = rpc.call(
            "borgerraadgiver.category",
            "search",
            [("parent_id", "=", False), ("code", "in", ["1", "3", "6"])],
        )
        setup = (centres, categories, form_spec(rpc))
        print(
            f"--workers=2, {arguments.seconds:.0f} s per row; full: save, open and"
            " forward a third; save: the save alone; latency of the save (ms)"
        )
        print(" mode clients    saved  inquiries/s  median      p95      max  errors")
        for full in (True, False):
            for clients in [int(c) for c in arguments.clients.split(",")]:
                ids += run_clients(
                    url, arguments.db, clients, arguments.seconds, full, setup
                )
    check_numbers(arguments.db, ids)
    if not arguments.keep:
        benchlib.drop_database(arguments.db)


if __name__ == "__main__":
    main()
