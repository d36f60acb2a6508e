#!/usr/bin/env python3
"""The cost of the addon to the rest of the ERP (a benchmark, not a test).

Two databases with the same generated contacts and their chatter: one with
the addon's dependencies only (mail, resource, report_xlsx), one with
borgerraadgiver (and its own generated inquiries). One Odoo with
--workers=2 serves both; a plain internal user (bench_user, no role of the
case system) makes the same calls on each,
interleaved, --runs times: a contact search (name_search, as a many2one
field's dropdown), the contacts' list (80 rows and the count), a contact's
form chatter (/mail/thread/data and /mail/thread/messages). Printed: the
medians, the 95th percentiles and the ratio with / without the addon, and
the SQL of each model's search for that user in both databases (what the
addon's record rules add).

    .venv/bin/python benchmarks/bench_erp.py --partners 100000 --messages 1000000
"""

# A command-line benchmark.
# pylint: disable=print-used

import argparse
import subprocess
import sys

import benchlib

TARGET_RATIO = 1.05
MODELS = ["res.partner", "mail.message", "mail.followers", "mail.notification"]
MODELS += ["mail.activity", "ir.attachment"]
CHATTER = ["activities", "attachments", "followers", "scheduledMessages"]
CHATTER.append("suggestedRecipients")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--inquiries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args()


def databases(arguments):
    """(without the addon, with the addon), filled alike."""
    dbs = {
        # the addon's dependencies, standard modules, are in both: what
        # differs is the addon itself
        "bench_erp_without": ("mail,resource,report_xlsx", 0),
        "bench_erp_with": ("borgerraadgiver", arguments.inquiries),
    }
    for db, (modules, inquiries) in dbs.items():
        if not benchlib.database_exists(db):
            subprocess.run(
                [
                    sys.executable,
                    f"{benchlib.BENCH_DIR}/generate.py",
                    "--db",
                    db,
                    "--modules",
                    modules,
                    "--n",
                    str(inquiries),
                    "--partners",
                    str(arguments.partners),
                    "--partner-messages",
                    str(arguments.messages),
                ],
                check=True,
            )
    return list(dbs)


class Calls:
    def __init__(self, url, db):
        self.rpc = benchlib.Rpc(url, db, "bench_user")
        result = self.rpc.call(
            "res.partner", "get_views", views=[[False, "list"]], options={}
        )
        fields = result["models"]["res.partner"]["fields"]
        self.list_spec = {
            name: {"fields": {"display_name": {}}}
            if fields[name]["type"] in ("many2one", "one2many", "many2many")
            else {}
            for name in result["views"]["list"].get("fields") or fields
        }
        self.partner = self.rpc.call(
            "res.partner", "search", [("email", "=", "kontakt1@example.com")]
        )[0]
        self.thread = {"thread_model": "res.partner", "thread_id": self.partner}

    def calls(self):
        return {
            "contact search (name_search 'Hansen')": lambda: self.rpc.call(
                "res.partner", "name_search", "Hansen", limit=8
            ),
            "contacts' list, 80 rows + count": lambda: self.rpc.call(
                "res.partner",
                "web_search_read",
                [],
                self.list_spec,
                limit=80,
                count_limit=10001,
            ),
            "contact's chatter (/mail/thread/data)": lambda: self.rpc.route(
                "/mail/thread/data", dict(self.thread, request_list=CHATTER)
            ),
            "contact's messages (/mail/thread/messages)": lambda: self.rpc.route(
                "/mail/thread/messages", dict(self.thread, limit=30)
            ),
        }


def measure(url, dbs, runs):
    without, with_addon = (Calls(url, db).calls() for db in dbs)
    print(f"{'call (ms)':<44}{'without':>16}{'with addon':>16}   ratio of medians")
    print(f"{'':<44}{'median   p95':>16}{'median   p95':>16}")
    for title in without:
        times = {0: [], 1: []}
        without[title](), with_addon[title]()  # warm-up
        for _i in range(runs):
            for side, call in enumerate((without[title], with_addon[title])):
                times[side].append(benchlib.timed(call))
        (m0, p0), (m1, p1) = (benchlib.median_p95(times[side]) for side in (0, 1))
        ratio = m1 / m0
        print(
            f"{title:<44}{m0 * 1000:8.1f}{p0 * 1000:8.1f}{m1 * 1000:8.1f}"
            f"{p1 * 1000:8.1f}   {ratio:5.2f}x "
            f"{'met' if ratio <= TARGET_RATIO else 'MISSED'}",
            flush=True,
        )


def print_rules_sql(dbs):
    """What the record rules add to each model's searches for the plain
    user, as SQL, in both databases (ir.rule and the addon's rule in code,
    res.partner's _apply_ir_rules): what the addon adds is the difference."""
    for db in dbs:
        print(f"\n--- {db}: the record rules of a plain internal user, as SQL")
        with benchlib.odoo_env(db) as env:
            user = env["res.users"].search([("login", "=", "bench_user")])
            for model in MODELS:
                Model = env[model].with_user(user).with_context(active_test=False)
                query = Model._where_calc([])
                Model._apply_ir_rules(query, "read")
                where = query.where_clause
                sql = where.code and env.cr.mogrify(where.code, where.params).decode()
                print(f"{model}: {sql or 'TRUE'}")


def main():
    arguments = parse_arguments()
    dbs = databases(arguments)
    print(f"machine: {benchlib.machine()}; {arguments.runs} runs a call, interleaved")
    print(
        f"{arguments.partners:,} contacts, {arguments.messages:,} messages on them"
        f"; with the addon also {arguments.inquiries:,} inquiries"
    )
    with benchlib.server(*dbs, workers=2) as url:
        measure(url, dbs, arguments.runs)
    print_rules_sql(dbs)
    if not arguments.keep:
        for db in dbs:
            benchlib.drop_database(db)


if __name__ == "__main__":
    main()
