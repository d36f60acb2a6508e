#!/usr/bin/env python3
"""What users wait for: the screens' JSON-RPC calls at 10k, 100k and 1M
inquiries (a benchmark, not a test).

For each size a new database is installed and filled by generate.py, Odoo
is started with --workers=2, and each screen's calls are made as the web
client makes them, logged in with the user's password, --runs times after a
warm-up; medians and 95th percentiles are printed, and at the end the
growth from the smallest to the largest size. The plans (EXPLAIN ANALYZE)
of the centre staff's list and of their chatter's checks are printed for
the largest size. Each database is dropped after its size (--keep keeps
them).

    .venv/bin/python benchmarks/bench_screens.py --sizes 10000,100000,1000000
"""

# A command-line benchmark.
# pylint: disable=print-used

import argparse
import datetime as dt
import subprocess
import sys
import time

import benchlib

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
CHATTER = ["activities", "attachments", "followers", "scheduledMessages"]
CHATTER.append("suggestedRecipients")
TARGET_P95 = 0.100
TARGET_GROWTH = 2.0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--db-prefix", default="bench_screens")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    return parser.parse_args()


def specification(fields):
    """The web client's read specification of a view's fields."""
    spec = {}
    for name, field in fields.items():
        if field["type"] in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def view_specs(rpc, model, kinds):
    """The web client's specification of each view: the fields Odoo lists
    for that view alone (asked for several views at once, get_views lists
    the union of their fields, and a list would read the form's too)."""
    specs = {}
    for kind in kinds:
        result = rpc.call(model, "get_views", views=[[False, kind]], options={})
        specs[kind] = specification(result["models"][model]["fields"])
    return specs


class Screens:
    """The calls of each screen, as one user's web client makes them."""

    def __init__(self, url, db):
        self.advisor = benchlib.Rpc(url, db, "bench_advisor")
        self.staff = benchlib.Rpc(url, db, "bench_staff_3")  # the largest centre
        self.inquiry_views = view_specs(
            self.advisor, INQUIRY, ["kanban", "list", "form"]
        )
        self.referral_views = view_specs(self.staff, REFERRAL, ["list", "form"])
        today = dt.date.today()
        self.current = [
            "|",
            ("state", "not in", ["closed", "cancelled"]),
            ("closed_date", ">=", str(today - dt.timedelta(days=30))),
        ]
        last_year = self.advisor.call(
            INQUIRY,
            "search_read",
            [("received_date", "<", f"{today.year}-01-01")],
            ["name", "citizen_id"],
            limit=1,
            order="id desc",
        )[0]
        self.number = last_year["name"]
        self.citizen = (
            last_year["citizen_id"][1] if last_year["citizen_id"] else "Olsen"
        )
        self.inquiry_id = self.advisor.call(
            INQUIRY,
            "search",
            [("resolution", "=", "forwarded"), ("state", "=", "closed")],
            limit=1,
            order="id desc",
        )[0]
        self.referral_id = self.staff.call(REFERRAL, "search", [], limit=1)[0]

    def read_group(self):
        return self.advisor.call(
            INQUIRY, "web_read_group", self.current, [], ["state"], lazy=True
        )["groups"]

    def cards(self, state):
        return self.advisor.call(
            INQUIRY,
            "web_search_read",
            self.current + [("state", "=", state)],
            self.inquiry_views["kanban"],
            limit=40,
        )

    def inquiry_list(self, domain=None):
        return self.advisor.call(
            INQUIRY,
            "web_search_read",
            self.current if domain is None else domain,
            self.inquiry_views["list"],
            limit=80,
            count_limit=10001,
        )

    def form_calls(self, who, rpc, model, record_id, spec):
        """The form's three calls: the record, then its chatter."""
        thread = {"thread_model": model, "thread_id": record_id}
        return {
            f"{who}: form (web_read)": lambda: rpc.call(
                model, "web_read", [record_id], spec
            ),
            f"{who}: form's chatter (/mail/thread/data)": lambda: rpc.route(
                "/mail/thread/data", dict(thread, request_list=CHATTER)
            ),
            f"{who}: form's messages (/mail/thread/messages)": lambda: rpc.route(
                "/mail/thread/messages", dict(thread, limit=30)
            ),
        }

    def calls(self):
        """Each call the web client makes for the screens, one RPC each."""
        return {
            "advisor: kanban (web_read_group)": self.read_group,
            "advisor: kanban, 40 cards of Closed": lambda: self.cards("closed"),
            "advisor: kanban, 40 cards of In Progress": lambda: self.cards("open"),
            "advisor: list, 80 rows + count": self.inquiry_list,
            **self.form_calls(
                "advisor",
                self.advisor,
                INQUIRY,
                self.inquiry_id,
                self.inquiry_views["form"],
            ),
            "advisor: search by citizen name": lambda: self.inquiry_list(
                [("citizen_id", "ilike", self.citizen)]
            ),
            "advisor: search by number": lambda: self.inquiry_list(
                [("display_name", "ilike", self.number)]  # the search view's
            ),
            "staff: referral list, 80 rows + count": lambda: self.staff.call(
                REFERRAL,
                "web_search_read",
                [],
                self.referral_views["list"],
                limit=80,
                count_limit=10001,
            ),
            **self.form_calls(
                "staff",
                self.staff,
                REFERRAL,
                self.referral_id,
                self.referral_views["form"],
            ),
        }


def explain(db):
    """EXPLAIN ANALYZE of the centre staff's list and of their chatter's
    checks, as the ORM writes the queries for them."""
    from odoo.tools import SQL

    with benchlib.odoo_env(db) as env:
        staff = env["res.users"].search([("login", "=", "bench_staff_3")])
        staff_env = env(user=staff, su=False)
        Referral = staff_env[REFERRAL]
        referral = Referral.search([], limit=1)
        # the smallest centre's staff (P&B, 5 % of the referrals)
        small = env["res.users"].search([("login", "=", "bench_staff_1")])
        SmallReferral = env(user=small, su=False)[REFERRAL]
        by_stage = Referral._search([])
        by_stage.groupby = SQL.identifier(Referral._table, "state")
        queries = {
            "staff of the largest centre: referral list (80 rows)": Referral._search(
                [], limit=80, order=Referral._order
            ).select(),
            "staff of the smallest centre: referral list (80 rows)": (
                SmallReferral._search([], limit=80, order=Referral._order).select()
            ),
            "staff: referral list (count)": Referral._search([]).select("COUNT(*)"),
            "staff: referrals by stage (the counts of a grouped list)": (
                by_stage.select(SQL.identifier(Referral._table, "state"), "COUNT(*)")
            ),
            "staff: followers of one referral": staff_env["mail.followers"]
            ._search([("res_model", "=", REFERRAL), ("res_id", "=", referral.id)])
            .select(),
            "staff: messages of one referral": staff_env["mail.message"]
            ._search([("model", "=", REFERRAL), ("res_id", "=", referral.id)])
            .select(),
        }
        for title, query in queries.items():
            env.cr.execute(SQL("EXPLAIN (ANALYZE, COSTS OFF) %s", query))
            print(f"\n--- EXPLAIN ANALYZE {title}")
            print(env.cr.mogrify(query.code, query.params).decode())
            print("\n".join(row[0] for row in env.cr.fetchall()))
        env.cr.rollback()


def measure(db, size, runs):
    with benchlib.server(db, workers=2) as url:
        screens = Screens(url, db)
        results = {}
        for title, call in screens.calls().items():
            results[title] = benchlib.median_p95(benchlib.timings(call, runs))
            median, p95 = results[title]
            print(
                f"  {title:<46} median {median * 1000:7.1f} ms"
                f"  p95 {p95 * 1000:7.1f} ms"
            )
    return results


def main():
    arguments = parse_arguments()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    print(f"machine: {benchlib.machine()}; {arguments.runs} runs a call")
    results = {}
    for size in sizes:
        db = f"{arguments.db_prefix}_{size}"
        benchlib.check_bench_name(db)
        if not benchlib.database_exists(db):
            start = time.perf_counter()
            generate = [f"{benchlib.BENCH_DIR}/generate.py", "--db", db]
            subprocess.run([sys.executable, *generate, "--n", str(size)], check=True)
            print(f"{db}: ready in {time.perf_counter() - start:.0f} s", flush=True)
        print(f"\n{size:,} inquiries (--workers=2, JSON-RPC as the user)")
        results[size] = measure(db, size, arguments.runs)
        if size == sizes[-1]:
            explain(db)
        if not arguments.keep:
            benchlib.drop_database(db)

    first, last = sizes[0], sizes[-1]
    print(f"\nsummary: p95 in ms; growth = p95 at {last:,} / p95 at {first:,}")
    print(
        f"{'call':<46}"
        + "".join(f"{size:>12,}" for size in sizes)
        + "   growth  targets"
    )
    for title in results[first]:
        p95s = [results[size][title][1] for size in sizes]
        growth = p95s[-1] / p95s[0]
        ok = p95s[-1] < TARGET_P95 and growth < TARGET_GROWTH
        print(
            f"{title:<46}"
            + "".join(f"{p95 * 1000:12.1f}" for p95 in p95s)
            + f"   {growth:5.2f}x  {'met' if ok else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
