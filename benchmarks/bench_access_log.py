#!/usr/bin/env python3
"""Benchmark of the access log's overhead (a benchmark, not a test).

Times, side by side in one run, what the web client asks for when the advisor
opens

- the first page of inquiries: ``web_search_read`` of 80 rows with the list
  view's fields, and
- one inquiry's form: ``web_read`` with the form's fields (its referrals'
  list included) plus the chatter's first 30 messages as
  ``/mail/thread/messages`` reads them,

each in a transaction of its own that commits (the log's INSERT and the
commit are what logging adds), with the log on and with it off. Off means
``BorgerraadgiverAccessLogged._log_read`` patched to do nothing in this
process only: the addon has no switch a user could turn. The two alternate
run by run; the medians and their ratio are printed.

    PGHOST=127.0.0.1 PGPORT=55432 PGUSER=odoo PGPASSWORD=odoo \\
        .venv/bin/python benchmarks/bench_access_log.py --runs 60

The database (--db, default bench_borgerraadgiver_log) is created with the
addon installed (no demo data) when it does not exist, filled once with
--n inquiries, and kept.
"""

# A command-line benchmark: it prints its figures and commits what it
# generates into its own database.
# pylint: disable=print-used,invalid-commit

import argparse
import os
import platform
import statistics
import time
from functools import partial
from unittest import mock

import benchlib
from benchlib import ADDONS_PATH, db_options, ensure_database
from lxml import etree

MESSAGES = 25


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="inquiries")
    parser.add_argument("--runs", type=int, default=60, help="runs of each")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--db", default="bench_borgerraadgiver_log")
    parser.add_argument(
        "--no-http",
        action="store_true",
        help="only the ORM's side, not the web client's requests to two servers",
    )
    return parser.parse_args()


def fields_of(node):
    """The field nodes of a view, not those of its fields' sub-views."""
    for child in node:
        if child.tag == "field":
            yield child
        else:
            yield from fields_of(child)


def spec_of(model, node):
    """The web client's specification of the fields of a view's node."""
    spec = {}
    for field_node in fields_of(node):
        name = field_node.get("name")
        field = model._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub_view = field_node.find("list")
            spec[name] = (
                {"fields": spec_of(model.env[field.comodel_name], sub_view)}
                if sub_view is not None
                else {}
            )
        else:
            spec[name] = {}
    return spec


def view_spec(model, view_type):
    arch = model.get_views([(False, view_type)])["views"][view_type]["arch"]
    return spec_of(model, etree.fromstring(arch))


def fill(env, n):
    Citizen = env["borgerraadgiver.citizen"]
    Inquiry = env["borgerraadgiver.inquiry"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )
    centre = env["borgerraadgiver.centre"].search([], limit=1) or env[
        "borgerraadgiver.centre"
    ].create({"name": "Børn & Læring", "code": "B&L"})
    category = env.ref("borgerraadgiver.category_2")
    citizens = Citizen.create(
        [
            {
                "name": f"Borger {i}",
                "email": f"borger{i}@example.dk",
                "phone": "12345678",
            }
            for i in range(n // 2)
        ]
    )
    inquiries = Inquiry.create(
        [
            {
                "subject": f"Henvendelse {i} om boligstøtte",
                "description": "Borgeren har ventet i fire måneder. " * 5,
                "channel": "phone",
                "centre_id": centre.id,
                "category_id": category.id,
                "citizen_id": citizens[i % len(citizens)].id,
            }
            for i in range(n)
        ]
    )
    for i in range(MESSAGES):
        note = f"Notat {i}: ringede til borgeren."
        inquiries[0].message_post(body=note)


def open_list(env, spec):
    return env["borgerraadgiver.inquiry"].web_search_read([], spec, limit=80)


def open_form(env, spec, inquiry_id):
    """The form's read and the chatter's messages, as the controller reads
    them (controllers/access_log.py logs them)."""
    from odoo.addons.mail.tools.discuss import Store

    inquiry = env["borgerraadgiver.inquiry"].browse(inquiry_id)
    inquiry.web_read(spec)
    domain = [("res_id", "=", inquiry_id), ("model", "=", inquiry._name)]
    messages = env["mail.message"]._message_fetch(domain, limit=30)["messages"]
    Store(messages, for_current_user=True).get_result()
    inquiry._log_read(["message_ids"], "messages")


def timed(registry, uid, function, *args):
    """One request's work in a transaction of its own, committed."""
    from odoo import api

    start = time.perf_counter()
    with registry.cursor() as cr:
        function(api.Environment(cr, uid, {"lang": "da_DK"}), *args)
    return time.perf_counter() - start


def main():
    arguments = parse_arguments()
    if not arguments.db.startswith("bench_"):
        raise SystemExit(f"access log: --db must start with bench_: {arguments.db!r}")
    ensure_database(arguments.db)

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.tests.common import new_test_user

    odoo.tools.config.parse_config(
        [f"--addons-path={ADDONS_PATH}", *db_options(), "-d", arguments.db]
    )
    # importable once the addons path is set
    from odoo.addons.borgerraadgiver.models.borgerraadgiver_access_logged import (
        BorgerraadgiverAccessLogged,
    )

    registry = odoo.modules.registry.Registry(arguments.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if env["borgerraadgiver.inquiry"].search_count([]) < arguments.n:
            print(f"filling with {arguments.n} inquiries", flush=True)
            fill(env, arguments.n)
        advisor = env["res.users"].search([("login", "=", "bench_advisor")])
        if not advisor:
            advisor = new_test_user(
                env, login="bench_advisor", groups="borgerraadgiver.group_advisor"
            )
        # the web client's side logs in with it
        advisor.password = "bench_advisor"
        Inquiry = env["borgerraadgiver.inquiry"].with_user(advisor)
        list_spec = view_spec(Inquiry, "list")
        form_spec = view_spec(Inquiry, "form")
        inquiry_id = (
            env["mail.message"]
            .search([("model", "=", Inquiry._name)], order="id desc", limit=1)
            .res_id
        )

    lines_before, _seconds = spread_queue(registry)
    cases = {
        "list (80 rows)": (open_list, list_spec),
        "form + chatter": (open_form, form_spec, inquiry_id),
    }
    off = mock.patch.object(
        BorgerraadgiverAccessLogged, "_log_read", lambda self, fnames, method: None
    )
    times = {(case, mode): [] for case in cases for mode in ("on", "off")}
    for run in range(arguments.warmup + arguments.runs):
        for case, (function, *args) in cases.items():
            # alternate which goes first, so that neither gets the warmer cache
            for mode in ("on", "off") if run % 2 else ("off", "on"):
                if mode == "off":
                    with off:
                        elapsed = timed(registry, advisor.id, function, *args)
                else:
                    elapsed = timed(registry, advisor.id, function, *args)
                if run >= arguments.warmup:
                    times[case, mode].append(elapsed)

    lines, spread_seconds = spread_queue(registry)
    lines -= lines_before
    print(
        f"{platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, {arguments.runs} runs of each "
        f"(after {arguments.warmup} warm-up runs)"
    )
    print(f"{'':16} {'log off':>10} {'log on':>10} {'overhead':>9}")
    for case in cases:
        median_off = statistics.median(times[case, "off"])
        median_on = statistics.median(times[case, "on"])
        overhead = (median_on / median_off - 1) * 100
        print(
            f"{case:16} {median_off * 1000:8.1f}ms {median_on * 1000:8.1f}ms "
            f"{overhead:8.1f}%"
        )
    per_run = lines / (arguments.warmup + arguments.runs)
    print(f"log lines written: {lines:,} ({per_run:.0f} a run)")
    per_line = spread_seconds * 1e6 / max(lines, 1)
    print(
        f"spreading the run's queue into those lines afterwards: "
        f"{spread_seconds * 1000:.1f} ms ({per_line:.1f} µs a line)"
    )
    if not arguments.no_http:
        http_side_by_side(arguments, list_spec, form_spec, inquiry_id)


def spread_queue(registry):
    """Spread the log's queue into lines, as its searches and its scheduled
    action do: (lines in the log then, seconds the spreading took)."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        start = time.perf_counter()
        env["borgerraadgiver.access.log"]._spread_queue()
        cr.commit()
        elapsed = time.perf_counter() - start
        cr.execute("SELECT count(*) FROM borgerraadgiver_access_log")
        return cr.fetchone()[0], elapsed


def http_side_by_side(arguments, list_spec, form_spec, inquiry_id):
    """What the advisor waits for: the same list and form as the web client
    requests them (JSON-RPC with her session) from two servers on the same
    database, each with --workers=2: one as shipped, one started by
    odoo_without_access_log.py. Requests alternate between the two."""
    model = "borgerraadgiver.inquiry"

    def open_list(rpc):
        rpc.call(model, "web_search_read", [], list_spec, limit=80)

    def open_form(rpc):
        rpc.call(model, "web_read", [inquiry_id], form_spec)
        rpc.route(
            "/mail/thread/messages",
            {"thread_model": model, "thread_id": inquiry_id, "limit": 30},
        )

    launcher = os.path.join(benchlib.BENCH_DIR, "odoo_without_access_log.py")
    with (
        benchlib.server(arguments.db) as url_on,
        benchlib.server(arguments.db, odoo=launcher) as url_off,
    ):
        rpcs = {
            mode: benchlib.Rpc(url, arguments.db, "bench_advisor")
            for mode, url in (("on", url_on), ("off", url_off))
        }
        times = {}
        for case, function in (("list", open_list), ("form", open_form)):
            for run in range(arguments.warmup + arguments.runs):
                for mode in ("on", "off") if run % 2 else ("off", "on"):
                    elapsed = benchlib.timed(partial(function, rpcs[mode]))
                    if run >= arguments.warmup:
                        times.setdefault((case, mode), []).append(elapsed)
    print("through HTTP (JSON-RPC, two servers with --workers=2, same database):")
    print(f"{'':16} {'log off':>10} {'log on':>10} {'overhead':>9}")
    for case in ("list", "form"):
        median_off = statistics.median(times[case, "off"])
        median_on = statistics.median(times[case, "on"])
        overhead = (median_on / median_off - 1) * 100
        print(
            f"{case:16} {median_off * 1000:8.1f}ms {median_on * 1000:8.1f}ms "
            f"{overhead:8.1f}%"
        )


if __name__ == "__main__":
    main()
