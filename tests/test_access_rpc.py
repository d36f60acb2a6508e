"""Access over JSON-RPC (issue 8, referrals issue): a real Odoo server, the
demo data, and each centre's demo staff logging in with a password.

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
REFERRAL = "borgerraadgiver.referral"
# Each centre's demo staff (password centre-2026) and their centre's code
DEMO_STAFF = {
    "centre": "B&L",
    "centre-pb": "P&B",
    "centre-am": "AM",
    "centre-so": "S&O",
    "centre-tm": "T&M",
    "centre-ohi": "ØH&I",
}


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

    def test_each_centre_sees_and_answers_its_referrals(self):
        advisor = self.login("advisor", "advisor-2026")
        forwarded = advisor(
            INQUIRY, "search_read", [("referral_ids", "!=", False)], fields=["id"]
        )
        self.assertTrue(forwarded, "the demo data has no referral")
        seen = set()
        for login, code in DEMO_STAFF.items():
            staff = self.login(login, "centre-2026")
            expected = sorted(
                advisor(REFERRAL, "search", [("centre_id.code", "=", code)])
            )
            rows = staff(REFERRAL, "search_read", [], fields=["centre_id", "state"])
            self.assertEqual(sorted(row["id"] for row in rows), expected, login)
            seen.update(expected)
            open_ones = [row["id"] for row in rows if row["state"] == "sent"]
            if open_ones:
                staff(
                    REFERRAL,
                    "write",
                    open_ones[:1],
                    {"answer_date": time.strftime("%Y-%m-%d"), "answer": "Svaret"},
                )
                [row] = staff(REFERRAL, "read", open_ones[:1], ["state"])
                self.assertEqual(row["state"], "answered", login)
        self.assertEqual(seen, set(advisor(REFERRAL, "search", [])))

    def test_centre_user_gets_access_errors(self):
        advisor = self.login("advisor", "advisor-2026")
        centre = self.login("centre", "centre-2026")
        inquiry_ids = advisor(INQUIRY, "search", [], limit=3)
        # no access to inquiries at all
        self.assertAccessError(centre, INQUIRY, "search", [])
        self.assertAccessError(centre, INQUIRY, "read", inquiry_ids, ["subject"])
        self.assertAccessError(
            centre, INQUIRY, "write", inquiry_ids[:1], {"subject": "Changed"}
        )
        self.assertAccessError(centre, INQUIRY, "action_close", inquiry_ids[:1])
        self.assertAccessError(centre, INQUIRY, "create", {"subject": "New"})
        # another centre's referral
        am_ids = advisor(REFERRAL, "search", [("centre_id.code", "=", "AM")], limit=1)
        self.assertTrue(am_ids)
        self.assertAccessError(centre, REFERRAL, "read", am_ids, ["description"])
        self.assertEqual(centre(REFERRAL, "search", [("id", "in", am_ids)]), [])
        # their own: no inquiry behind it, nothing but the answer to write
        [mine] = centre(REFERRAL, "search", [], limit=1)
        self.assertAccessError(centre, REFERRAL, "read", [mine], ["inquiry_id"])
        self.assertAccessError(
            centre, REFERRAL, "write", [mine], {"description": "Rewritten"}
        )

    def test_other_roles_get_access_errors(self):
        manager = self.login("manager", "manager-2026")
        self.assertAccessError(manager, INQUIRY, "search", [])
        self.assertAccessError(manager, INQUIRY, "read", [1], ["subject"])
        self.assertAccessError(manager, REFERRAL, "search", [])


if __name__ == "__main__":
    unittest.main()
