"""What the benchmarks share: the database, the users, a server with
workers, JSON-RPC as a user, and the statistics of timings.

Not a test and not part of the addon: the scripts of this folder import it.
"""

# A command-line helper: prints progress, commits into its own databases.
# pylint: disable=print-used,invalid-commit

import contextlib
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import requests

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
# the addons measured: this repository's, or another checkout's
ADDONS_PATH = os.environ.get("BENCH_ADDONS_PATH") or os.path.dirname(BENCH_DIR)
# Odoo's console script, run by the Python that runs the benchmark
ODOO = (
    os.environ.get("BENCH_ODOO")
    or shutil.which("odoo", path=os.path.dirname(sys.executable))
    or os.path.join(os.path.dirname(BENCH_DIR), ".venv", "bin", "odoo")
)


# whether this process has parsed Odoo's configuration
CONFIGURED = []


def db_options():
    """Odoo's options for the server libpq's variables name."""
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


def check_bench_name(db):
    # the benchmarks fill and drop their databases: never point them at real data
    if not db.startswith("bench_"):
        raise SystemExit(f"--db must start with bench_: {db!r}")


def psql_connect(db="postgres"):
    import psycopg2

    connection = psycopg2.connect(dbname=db)
    connection.autocommit = True
    return connection


def database_exists(db):
    with contextlib.closing(psql_connect()) as connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            return bool(cursor.fetchone())


def drop_database(db):
    """Drop `db`; a warning, not a failure, while another role's session
    (which FORCE may not end) holds it."""
    import psycopg2

    check_bench_name(db)
    with contextlib.closing(psql_connect()) as connection:
        with connection.cursor() as cursor:
            try:
                cursor.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            except psycopg2.errors.InsufficientPrivilege as error:
                print(f"database {db} not dropped: {error}".strip(), flush=True)


def install(db, modules="borgerraadgiver"):
    """A new database with `modules` installed, no demo data."""
    check_bench_name(db)
    print(f"database {db}: installing {modules}", flush=True)
    subprocess.run(
        [
            sys.executable,
            ODOO,
            f"--addons-path={ADDONS_PATH}",
            *db_options(),
            "-d",
            db,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        check=True,
    )


def ensure_database(db):
    """`db` with the addon installed (no demo data), created if missing."""
    if not database_exists(db):
        install(db)


@contextlib.contextmanager
def odoo_env(db):
    """An environment as superuser on `db`; committed when the block ends."""
    import odoo
    from odoo import SUPERUSER_ID, api

    if not CONFIGURED:
        # once a process: Odoo's configuration cannot be parsed twice
        CONFIGURED.append(True)
        odoo.tools.config.parse_config(
            [f"--addons-path={ADDONS_PATH}", *db_options(), "--log-level=warn"]
        )
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(*dbs, workers=2, odoo=ODOO):
    """Odoo with `workers` HTTP workers serving `dbs` (no cron), for the
    block; `odoo` is the script that starts it."""
    port, gevent_port = free_port(), free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-odoo-", suffix=".log")
    process = subprocess.Popen(
        [
            sys.executable,
            odoo,
            f"--addons-path={ADDONS_PATH}",
            *db_options(),
            "-d",
            ",".join(dbs),
            f"--db-filter=^({'|'.join(dbs)})$",
            f"--http-port={port}",
            f"--gevent-port={gevent_port}",
            "--http-interface=127.0.0.1",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
            "--log-level=warn",
            f"--logfile={log.name}",
        ],
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _i in range(120):
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{url}/web/login", timeout=10).ok:
                    break
            time.sleep(0.5)
        else:
            raise SystemExit(f"Odoo did not answer on {url}; see {log.name}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


class Rpc:
    """A user's web session: JSON-RPC as the web client sends it."""

    def __init__(self, url, db, login, password=None):
        self.url = url
        self.session = requests.Session()
        result = self.route(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password or login},
        )
        self.uid = result["uid"]

    def route(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=600,
        )
        response.raise_for_status()
        payload = response.json()
        if "error" in payload:
            data = payload["error"]["data"]
            raise RuntimeError(f"{data['name']}: {data['message']}")
        return payload["result"]

    def call(self, model, method, *args, **kwargs):
        return self.route(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def timed(function):
    """The time (s) of one call of `function`."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def timings(function, runs):
    """The times (s) of `runs` calls of `function`, after one warm-up."""
    function()
    return [timed(function) for _i in range(runs)]


def median_p95(times):
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def machine():
    return (
        f"{platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
