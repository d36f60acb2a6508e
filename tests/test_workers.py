"""Many workers, one database (issue 19, item 5): Odoo started as in
production, with ``--workers=2`` and the websocket (gevent) process, on a copy
of the suite's database, used through JSON-RPC and the websocket like the web
client:

- the websocket process starts and stays up: an advisor's websocket gets a
  bus message sent by a request that an HTTP worker served, after some
  seconds and a ping; the log shows no crash and no process started twice
  (with setuptools older than 75.9 the gevent process crash-looped:
  requirements.txt);
- a setting changed through one worker (the centres' deadline, saved in
  *Indstillinger* with ``res.config.settings.execute``) is used by both:
  inquiries forwarded through each worker (told apart by the pid of the log
  line of their request) get the new deadline, after both had used the old
  one (each worker caches system parameters);
- two advisors saving the same inquiry at the same moment
  (borgerraadgiver/tests/test_concurrent_edits.py has the rules): the same
  field, one save is refused with the Danish message naming the other; other
  fields, both are kept.

Run by scripts/test.sh, on a copy of the suite's database (conftest.py,
``suite_copy``).  About 30 s on 2 cores.
"""

import json
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
INQUIRY = "borgerraadgiver.inquiry"
DEADLINE_PARAM_FIELD = "borgerraadgiver_centre_deadline_days"
NEW_DEADLINE_DAYS = 30  # working days: more than 30 calendar days
ADVISOR = ("advisor", "advisor-2026")  # the demo data's advisor
COLLEAGUE = ("br_colleague", "colleague-2026")
ADMIN = ("admin", "admin")
START_TIMEOUT = 90
REQUEST_LINE = re.compile(
    r"^\S+ \S+ (\d+) INFO \S+ werkzeug: .*\"POST /web/dataset/call_kw/(\S+) "
)


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data", {})
        super().__init__(data.get("message") or error.get("message"))
        self.name = data.get("name")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A user's web client: a session cookie, JSON-RPC calls."""

    def __init__(self, server, login, password):
        self.server = server
        self.session = requests.Session()
        self.uid = self.post(
            "/web/session/authenticate",
            {"db": server.db, "login": login, "password": password},
        )["uid"]
        assert self.uid, f"{login} cannot log in"

    def post(self, path, params):
        response = self.session.post(
            self.server.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=60,
        )
        response.raise_for_status()
        reply = response.json()
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply.get("result")  # absent when the method returns None

    def call(self, model, method, *args, tag=None, **kwargs):
        """`tag` (unique) names the request in the server's log line."""
        kwargs.setdefault("context", {"lang": "da_DK", "tz": "Europe/Copenhagen"})
        return self.post(
            f"/web/dataset/call_kw/{tag or f'{model}.{method}'}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Server:
    """`odoo --workers=2` with its gevent port, on database `db`."""

    def __init__(self, db, data_dir, log):
        self.db, self.log = db, log
        self.stderr = log.with_suffix(".stderr")
        self.stderr_file = self.stderr.open("w")  # noqa: SIM115 (closed in stop)
        self.port, self.gevent_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        odoo = Path(sys.executable).with_name("odoo")
        self.process = subprocess.Popen(  # noqa: S603
            [
                odoo,
                f"--addons-path={ROOT}",
                f"--data-dir={data_dir}",
                f"--database={db}",
                f"--db-filter=^{db}$",
                "--workers=2",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={self.port}",
                f"--gevent-port={self.gevent_port}",
                f"--logfile={log}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            # what a process prints before its logging is set up (the
            # gevent process's crash at import was such)
            stderr=self.stderr_file,
        )

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()[-5000:]
            try:
                ok = requests.get(self.url + "/web/login", timeout=5).ok
                with socket.create_connection(
                    ("127.0.0.1", self.gevent_port), timeout=1
                ):
                    pass
            except OSError:
                ok = False  # not listening yet
            if ok:
                return
            time.sleep(0.5)
        pytest.fail(
            f"Odoo did not start in {START_TIMEOUT} s:\n{self.log_text()[-5000:]}"
        )

    def log_text(self):
        """The log file, then what the processes printed on stderr."""
        return "\n".join(p.read_text() for p in (self.log, self.stderr) if p.exists())

    def pid_of(self, tag):
        """The pid of the worker that served the request named `tag`."""
        for _attempt in range(50):  # the line is written after the response
            for line in self.log_text().splitlines():
                match = REQUEST_LINE.match(line)
                if match and match.group(2) == tag:
                    return int(match.group(1))
            time.sleep(0.1)
        pytest.fail(f"no log line for request {tag}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr_file.close()


@pytest.fixture(scope="module")
def server(suite_copy, tmp_path_factory):
    db, data_dir = suite_copy
    server = Server(db, data_dir, tmp_path_factory.mktemp("odoo") / "odoo.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def admin(server):
    return Client(server, *ADMIN)


@pytest.fixture(scope="module")
def advisor(server):
    return Client(server, *ADVISOR)


@pytest.fixture(scope="module")
def colleague(server, admin):
    group = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", "borgerraadgiver"), ("name", "=", "group_advisor")],
        ["res_id"],
    )[0]["res_id"]
    login, password = COLLEAGUE
    admin.call(
        "res.users",
        "create",
        {"name": "Kollega Rådgiver", "login": login, "password": password,
         "groups_id": [(4, group)]},
    )  # fmt: skip
    return Client(server, login, password)


def test_websocket_stays_up_and_gets_bus_messages(server, advisor):
    import websocket

    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.gevent_port}/websocket",
        cookie=f"session_id={advisor.session.cookies['session_id']}",
        origin=server.url,
        timeout=20,
    )
    try:
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        time.sleep(3)
        ws.ping("still there?")
        # a request served by an HTTP worker sends the advisor a bus message
        advisor.call("mail.message", "mark_all_as_read")
        deadline = time.monotonic() + 20
        types = []
        while "mail.message/mark_as_read" not in types:
            assert time.monotonic() < deadline, f"no bus message, got {types}"
            opcode, frame = ws.recv_data(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_TEXT:
                types += [n["message"]["type"] for n in json.loads(frame)]
    finally:
        ws.close()


def forward_inquiries(advisor, server, centre, category, count):
    """`count` new inquiries forwarded at once: {worker pid: deadlines}."""
    ids = [
        advisor.call(
            INQUIRY,
            "create",
            {
                "subject": "Prøve",
                "channel": "phone",
                "centre_id": centre,
                "category_id": category,
                # the citizen consented: forwarding asks nothing
                "consent_forwarding": True,
            },
        )
        for _n in range(count)
    ]

    def forward(inquiry_id):
        tag = f"forward-{uuid.uuid4().hex}"
        advisor.call(INQUIRY, "action_forward", [inquiry_id], tag=tag)
        return server.pid_of(tag), inquiry_id

    with ThreadPoolExecutor(max_workers=count) as pool:
        served = list(pool.map(forward, ids))
    read = advisor.call(INQUIRY, "read", ids, ["forwarded_date", "centre_deadline"])
    days = {
        r["id"]: (
            date.fromisoformat(r["centre_deadline"])
            - date.fromisoformat(r["forwarded_date"])
        )
        for r in read
    }
    by_pid = {}
    for pid, inquiry_id in served:
        by_pid.setdefault(pid, []).append(days[inquiry_id])
    return by_pid


def forward_through_both_workers(advisor, server, centre, category):
    by_pid = {}
    for _batch in range(10):
        for pid, days in forward_inquiries(
            advisor, server, centre, category, 4
        ).items():
            by_pid.setdefault(pid, []).extend(days)
        if len(by_pid) == 2:
            return by_pid
    pytest.fail(f"40 requests, all served by {list(by_pid)}")


def test_setting_changed_through_one_worker_is_used_by_the_other(
    server, admin, advisor
):
    centre = advisor.call(
        "borgerraadgiver.centre", "search", [("deadline_days", "=", 0)], limit=1
    )[0]
    category = advisor.call(
        "borgerraadgiver.category",
        "search",
        [("parent_id", "=", False), ("child_ids", "=", False)],
        limit=1,
    )[0]
    # both workers use (and cache) the old deadline, 10 working days
    before = forward_through_both_workers(advisor, server, centre, category)
    assert all(
        d < timedelta(NEW_DEADLINE_DAYS) for days in before.values() for d in days
    )

    settings = admin.call(
        "res.config.settings", "create", {DEADLINE_PARAM_FIELD: NEW_DEADLINE_DAYS}
    )
    admin.call("res.config.settings", "execute", [settings])

    after = forward_through_both_workers(advisor, server, centre, category)
    assert after.keys() == before.keys()  # the same two workers
    assert all(
        d >= timedelta(NEW_DEADLINE_DAYS) for days in after.values() for d in days
    )


def save_at_once(saves):
    """[(client, inquiry id, vals, loaded)] sent at the same moment:
    [result or RpcError]."""
    barrier = threading.Barrier(len(saves))

    def save(client, inquiry_id, vals, loaded):
        barrier.wait()
        try:
            return client.call(
                INQUIRY,
                "web_save",
                [inquiry_id],
                vals,
                specification={"subject": {}, "description": {}},
                context={"lang": "da_DK", "borgerraadgiver_loaded_values": loaded},
            )
        except RpcError as error:
            return error

    with ThreadPoolExecutor(max_workers=len(saves)) as pool:
        return list(pool.map(lambda args: save(*args), saves))


def test_two_advisors_save_the_same_inquiry_at_once(server, advisor, colleague):
    inquiry = advisor.call(
        INQUIRY, "create", {"subject": "Fælles sag", "channel": "phone"}
    )
    loaded = advisor.call(INQUIRY, "read", [inquiry], ["subject", "description"])[0]

    # different fields: both kept
    subject, description = "Rådgiverens emne", "Kollegaens noter"
    results = save_at_once(
        [
            (advisor, inquiry, {"subject": subject}, {"subject": loaded["subject"]}),
            (colleague, inquiry, {"description": description},
             {"description": loaded["description"]}),
        ]
    )  # fmt: skip
    assert not [r for r in results if isinstance(r, RpcError)], results
    now = advisor.call(INQUIRY, "read", [inquiry], ["subject", "description"])[0]
    assert (now["subject"], now["description"]) == (subject, description)

    # the same field: one is saved, the other refused with who and what
    values = {"advisor": "Rådgiverens nye emne", "colleague": "Kollegaens nye emne"}
    results = save_at_once(
        [
            (
                advisor,
                inquiry,
                {"subject": values["advisor"]},
                {"subject": now["subject"]},
            ),
            (
                colleague,
                inquiry,
                {"subject": values["colleague"]},
                {"subject": now["subject"]},
            ),
        ]
    )
    refused = [r for r in results if isinstance(r, RpcError)]
    assert len(refused) == 1, results
    assert refused[0].name == "odoo.exceptions.UserError"
    winner = "colleague" if results[0] is refused[0] else "advisor"
    winner_name = {"advisor": "Karen Holm", "colleague": "Kollega Rådgiver"}[winner]
    assert f"er ændret af {winner_name}" in str(refused[0]), str(refused[0])
    assert "Genindlæs siden" in str(refused[0])
    subject = advisor.call(INQUIRY, "read", [inquiry], ["subject"])[0]["subject"]
    assert subject == values[winner]


def test_log_shows_no_crash(server, advisor):
    """Last: after the others, the log of the whole run.  Two saves at once
    may collide in PostgreSQL: Odoo logs the query as an error and retries
    the request (INFO "SERIALIZATION_FAILURE … try again"), as designed."""
    lines = server.log_text().splitlines()
    problems = [
        line
        for line, following in zip(lines, [*lines[1:], ""], strict=True)
        if re.search(r" (ERROR|CRITICAL) |Traceback|DistributionNotFound", line)
        and not (
            "odoo.sql_db: bad query" in line
            and following.startswith("ERROR: could not serialize access")
        )
    ]
    assert not problems, "\n".join(problems)
    log = "\n".join(lines)
    assert log.count("Evented Service (longpolling) running on") == 1, log[-3000:]
    assert len(re.findall(r"Worker WorkerHTTP \(\d+\) alive", log)) == 2, log[-3000:]
    assert server.process.poll() is None
