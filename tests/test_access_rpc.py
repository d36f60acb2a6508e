"""Access over JSON-RPC (issue 8): a real Odoo server, the demo data, and the
demo centre user `centre` (staff of B&L) logging in with a password.

The test starts Odoo on a free loopback port against a database with
borgerraadgiver and its demo data: a copy of BORGERRAADGIVER_TEMPLATE_DB when
scripts/run-server-tests.sh provides one, else a database it installs itself
(and drops afterwards). Environment, with defaults for a local run:

    ODOO_BIN                 .venv/bin/odoo of the repository
    ODOO_CONF                an odoo.conf; else one is written from
    PGHOST PGPORT PGUSER PGPASSWORD   (127.0.0.1 55432 odoo odoo) and
    ODOO_ADDONS_PATH         (the repository root)
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "borgerraadgiver"
INQUIRY = "borgerraadgiver.inquiry"
ACCESS_ERROR = "odoo.exceptions.AccessError"
# What centre staff see (the record rule borgerraadgiver_inquiry_rule_centre_staff)
SHARED = [
    "|",
    ("state", "=", "forwarded"),
    "&",
    ("state", "=", "closed"),
    ("resolution", "=", "forwarded"),
]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(error.get("data", {}).get("message") or error.get("message"))
        self.name = error.get("data", {}).get("name")


class TestAccessRpc(unittest.TestCase):
    server = None
    tmp = None
    own_db = False

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="br-access-rpc-")
        cls.odoo_bin = os.environ.get("ODOO_BIN") or str(
            ROOT / ".venv" / "bin" / "odoo"
        )
        if not os.path.exists(cls.odoo_bin):
            raise unittest.SkipTest(f"no Odoo at {cls.odoo_bin}")
        cls.conf = os.environ.get("ODOO_CONF") or cls._write_conf()
        template = os.environ.get("BORGERRAADGIVER_TEMPLATE_DB")
        suffix = uuid.uuid4().hex[:8]
        try:
            if template:
                cls.db = f"{template}_access_rpc_{suffix}"
                cls._odoo("db", "-c", cls.conf, "duplicate", template, cls.db)
            else:
                cls.db = f"br_access_rpc_{suffix}"
                cls._odoo(
                    "-c", cls.conf, "-d", cls.db, "-i", MODULE,
                    "--stop-after-init", "--no-http",
                )  # fmt: skip
            cls.own_db = True
            cls._start_server()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.terminate()
            try:
                cls.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                cls.server.kill()
                cls.server.wait()
            cls.server = None
        if cls.own_db:
            subprocess.run(
                [cls.odoo_bin, "db", "-c", cls.conf, "drop", cls.db],
                capture_output=True,
                check=False,
            )
            cls.own_db = False
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)
            cls.tmp = None

    @classmethod
    def _write_conf(cls):
        env = os.environ
        conf = Path(cls.tmp) / "odoo.conf"
        conf.write_text(
            "[options]\n"
            f"addons_path = {env.get('ODOO_ADDONS_PATH', str(ROOT))}\n"
            f"data_dir = {Path(cls.tmp) / 'data'}\n"
            f"db_host = {env.get('PGHOST', '127.0.0.1')}\n"
            f"db_port = {env.get('PGPORT', '55432')}\n"
            f"db_user = {env.get('PGUSER', 'odoo')}\n"
            f"db_password = {env.get('PGPASSWORD', 'odoo')}\n"
            "max_cron_threads = 0\n"
        )
        return str(conf)

    @classmethod
    def _odoo(cls, *args):
        log = Path(cls.tmp) / "setup.log"
        with log.open("ab") as out:
            result = subprocess.run(
                [cls.odoo_bin, *args], stdout=out, stderr=subprocess.STDOUT, check=False
            )
        if result.returncode:
            raise RuntimeError(
                f"odoo {' '.join(args)} failed:\n{log.read_text()[-4000:]}"
            )

    @classmethod
    def _start_server(cls):
        port = free_port()
        cls.url = f"http://127.0.0.1:{port}"
        cls.server_log = Path(cls.tmp) / "server.log"
        with cls.server_log.open("wb") as out:
            cls.server = subprocess.Popen(
                [
                    cls.odoo_bin,
                    "-c",
                    cls.conf,
                    "-d",
                    cls.db,
                    "--db-filter",
                    f"^{cls.db}$",
                    "--http-interface",
                    "127.0.0.1",
                    "--http-port",
                    str(port),
                    "--max-cron-threads",
                    "0",
                    "--workers",
                    "0",
                ],  # fmt: skip
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                raise RuntimeError(
                    f"Odoo exited early:\n{cls.server_log.read_text()[-4000:]}"
                )
            try:
                cls.call("common", "version")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        raise RuntimeError("Odoo did not answer within 120 s")

    # ------------------------------------------------------------------
    # JSON-RPC
    # ------------------------------------------------------------------

    @classmethod
    def call(cls, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": 1,
        }
        request = urllib.request.Request(
            f"{cls.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            reply = json.load(response)
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def login(self, login, password):
        uid = self.call("common", "login", self.db, login, password)
        self.assertTrue(uid, f"{login} cannot log in")

        def execute(model, method, *args, **kwargs):
            return self.call(
                "object", "execute_kw", self.db, uid, password, model, method,
                list(args), kwargs,
            )  # fmt: skip

        return execute

    def assertAccessError(self, func, *args, **kwargs):
        with self.assertRaises(RpcError) as refusal:
            func(*args, **kwargs)
        self.assertEqual(refusal.exception.name, ACCESS_ERROR, str(refusal.exception))

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_centre_user_sees_only_bl_forwarded_inquiries(self):
        advisor = self.login("advisor", "advisor-2026")
        centre = self.login("centre", "centre-2026")
        bl = [("centre_id.code", "=", "B&L")]
        expected = sorted(advisor(INQUIRY, "search", bl + SHARED))
        self.assertTrue(expected, "the demo data has no forwarded B&L inquiry")
        # the advisor has more inquiries at B&L: drafts, open, closed directly
        self.assertGreater(advisor(INQUIRY, "search_count", bl), len(expected))

        rows = centre(INQUIRY, "search_read", [], fields=["centre_id", "state"])
        self.assertEqual(sorted(row["id"] for row in rows), expected)
        self.assertEqual({row["centre_id"][1] for row in rows}, {"Børn & Læring"})
        self.assertEqual(centre(INQUIRY, "search_count", []), len(expected))
        self.assertEqual(
            centre(INQUIRY, "search_count", [("state", "in", ["draft", "open"])]), 0
        )

    def test_centre_user_gets_access_errors(self):
        advisor = self.login("advisor", "advisor-2026")
        centre = self.login("centre", "centre-2026")
        am_ids = advisor(INQUIRY, "search", [("centre_id.code", "=", "AM")], limit=1)
        self.assertTrue(am_ids)
        self.assertAccessError(centre, INQUIRY, "read", am_ids, ["subject"])
        self.assertEqual(centre(INQUIRY, "search", [("id", "in", am_ids)]), [])

        [visible] = centre(INQUIRY, "search", [], limit=1)
        self.assertAccessError(centre, INQUIRY, "read", [visible], ["advisor_notes"])
        self.assertAccessError(
            centre, INQUIRY, "write", [visible], {"subject": "Changed by the centre"}
        )
        self.assertAccessError(centre, INQUIRY, "action_close", [visible])
        self.assertAccessError(centre, INQUIRY, "create", {"subject": "New"})

    def test_other_roles_get_access_errors(self):
        manager = self.login("manager", "manager-2026")
        self.assertAccessError(manager, INQUIRY, "search", [])
        self.assertAccessError(manager, INQUIRY, "read", [1], ["subject"])


if __name__ == "__main__":
    unittest.main()
