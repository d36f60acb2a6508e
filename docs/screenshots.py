#!/usr/bin/env python3
"""Screenshots of the demo database for the README and the user guide.

Drives a headless Chromium over the DevTools protocol (the Python package
``websocket-client``, which the venv has) and logs in as the demo users with a
session cookie from ``/web/session/authenticate``; no HttpCase, no Odoo import.
Serve the demo database first (``make demo`` or ``make serve``; any database
with the addon's demo data, in Danish, does), then:

    .venv/bin/python docs/screenshots.py                  # http://localhost:8069
    .venv/bin/python docs/screenshots.py --url http://127.0.0.1:18570 \\
        --db tour_1 --out docs/screenshots

It writes into ``--out`` (default ``docs/screenshots/``), at 1366×768:

- ``kanban.png``: the advisor's inquiries by stage (her home action);
- ``form.png``: an inquiry forwarded to a centre, as the advisor sees it;
- ``centre.png``: the centre's view: the B&L staff member's referrals;
- ``centre-form.png``: a referral, as the centre staff see it;
- ``pivot.png``: the statistics of 2020-21 (pivot), as a manager sees them;
- ``annual-report.png``: the yearly report of 2020-21 (form with the downloads);
- ``dashboard.png``: the live figures in the Dashboards app, as a manager sees
  them (when ``borgerraadgiver_dashboard`` is installed);
- ``list.png``: the advisor's inquiries as a list;
- ``citizen.png``: a citizen, as the advisor sees them (with their inquiries);
- ``annual-report-pdf.png``: pages of the yearly report's PDF (wkhtmltopdf),
  rendered by poppler's ``pdftoppm``;
- ``annual-report-docx.png``: pages of its Word export as LibreOffice shows it
  (``soffice --convert-to pdf``; skipped without LibreOffice:
  ``apt-get install libreoffice-writer-nogui``);
- ``user-roles.png``: a user's form with the one role choice, as the
  administrator sees it (with ``--password admin=…``, or the demo's
  ``var/demo-admin-password``).

The yearly report of 1 January 2020 - 15 March 2021 is created (as the
manager) when the database has none.  Logins and passwords are the demo's
(``--password login=secret`` overrides one); ``--chromium`` names the browser
(default: ``chromium`` on the PATH).  PNGs stay small (about 100-200 KB): the
page is shot at device scale 1.
"""

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websocket
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = {
    "advisor": "advisor-2026",
    "centre": "centre-2026",
    "manager": "manager-2026",
}
WIDTH, HEIGHT = 1366, 768
REPORT_PERIOD = ("2020-01-01", "2021-03-15")
INQUIRY_ACTION = "borgerraadgiver.borgerraadgiver_inquiry_action"
REPORT_ACTION = "borgerraadgiver.borgerraadgiver_annual_report_action"
REFERRAL_ACTION = "borgerraadgiver.borgerraadgiver_referral_action"
CITIZEN_ACTION = "borgerraadgiver.borgerraadgiver_citizen_action"
REPORT_PDF = "borgerraadgiver.annual_report_pdf"
# the yearly report's pages shown: its first three
PDF_PAGES = 3
ADMIN_PASSWORD_FILE = ROOT / "var" / "demo-admin-password"


class Session:
    """A logged-in web session of one user (JSON-RPC over HTTP)."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )
        result = self.rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        if not result or not result.get("uid"):
            raise SystemExit(f"screenshots: cannot log in as {login}")
        self.session_id = next(c.value for c in self.cookies if c.name == "session_id")

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            answer = json.load(response)
        if answer.get("error"):
            message = answer["error"].get("data", {}).get("message") or answer["error"]
            raise SystemExit(f"screenshots: {path}: {message}")
        return answer["result"]

    def get(self, path):
        """The body of a GET of `path` in this session (a download)."""
        with self.opener.open(self.url + path, timeout=120) as response:
            return response.read()

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Browser:
    """A headless Chromium and one page, over the DevTools protocol."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="br-screenshots-")
        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "--lang=da-DK",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            page = next(t for t in json.load(response) if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.next_id = 0
        self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _port(self):
        active = Path(self.profile) / "DevToolsActivePort"
        for _ in range(200):
            if active.exists() and active.read_text().strip():
                return int(active.read_text().split()[0])
            time.sleep(0.1)
        raise SystemExit("screenshots: Chromium did not start")

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"screenshots: {method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result.get("result", {}).get("value")

    def login(self, session):
        self.send("Network.clearBrowserCookies")
        host = session.url.split("://", 1)[1].split("/", 1)[0].split(":")[0]
        self.send(
            "Network.setCookie",
            name="session_id",
            value=session.session_id,
            domain=host,
            path="/",
        )

    def open(self, url, selector):
        self.send("Page.navigate", url=url)
        self.wait_for(selector)

    def wait_for(self, selector, timeout=60):
        check = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(check):
                # let the client finish rendering (fonts, avatars, animations)
                self.evaluate("new Promise(r => setTimeout(r, 800))")
                return
            time.sleep(0.2)
        raise SystemExit(f"screenshots: {selector!r} never appeared")

    def click(self, selector, then):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_for(then)

    def shot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        wrote(path)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


def annual_report(manager):
    date_from, date_to = REPORT_PERIOD
    domain = [("date_from", "=", date_from), ("date_to", "=", date_to)]
    ids = manager.call("borgerraadgiver.annual.report", "search", domain, limit=1)
    if ids:
        return ids[0]
    return manager.call(
        "borgerraadgiver.annual.report",
        "create",
        {"date_from": date_from, "date_to": date_to},
    )


def pages_png(pdf, path, pages):
    """The first `pages` pages of the PDF file `pdf` side by side in one PNG
    (poppler's pdftoppm draws them; Pillow, which Odoo requires, joins them)."""
    gap = 12
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "56", "-l", str(pages), str(pdf), f"{tmp}/page"],
            check=True,
        )
        images = [Image.open(page) for page in sorted(Path(tmp).glob("page*.png"))]
        width = sum(image.width for image in images) + gap * (len(images) + 1)
        height = max(image.height for image in images) + 2 * gap
        sheet = Image.new("RGB", (width, height), "#d8dadd")
        x = gap
        for image in images:
            sheet.paste(image, (x, gap))
            x += image.width + gap
    sheet.save(path, optimize=True)
    wrote(path)


def wrote(path):  # a command-line tool: it prints what it wrote
    print(f"screenshots: {path} ({path.stat().st_size // 1024} KB)")  # pylint: disable=print-used


def report_documents(session, report_id, out):
    """The yearly report's PDF and its Word export, as pictures of pages."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "report.pdf")
        pdf.write_bytes(session.get(f"/report/pdf/{REPORT_PDF}/{report_id}"))
        pages_png(pdf, out / "annual-report-pdf.png", PDF_PAGES)
        soffice = shutil.which("soffice")
        if not soffice:
            print("screenshots: no LibreOffice (soffice), no annual-report-docx.png")  # pylint: disable=print-used
            return
        docx = Path(tmp, "report.docx")
        docx.write_bytes(
            session.get(f"/borgerraadgiver/annual_report/{report_id}/document.docx")
        )
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless"]
            + ["--convert-to", "pdf", "--outdir", f"{tmp}/docx", str(docx)],
            check=True,
            capture_output=True,
        )
        pages_png(
            Path(tmp, "docx", "report.pdf"), out / "annual-report-docx.png", PDF_PAGES
        )


def has_dashboards(session):
    """Whether the database has the Dashboards app with a dashboard for the
    user (borgerraadgiver_dashboard installed)."""
    try:
        return session.call("spreadsheet.dashboard", "search_count", [])
    except SystemExit:  # no such model: the Dashboards app is not installed
        return 0


def take(args):
    out = (ROOT / args.out) if not Path(args.out).is_absolute() else Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    passwords = dict(PASSWORDS)
    if ADMIN_PASSWORD_FILE.exists():
        passwords["admin"] = ADMIN_PASSWORD_FILE.read_text().strip()
    passwords.update(p.split("=", 1) for p in args.password)
    sessions = {
        login: Session(args.url, args.db, login, password)
        for login, password in passwords.items()
    }
    url = args.url.rstrip("/")
    advisor, centre, manager = (sessions[k] for k in ("advisor", "centre", "manager"))
    forwarded = advisor.call(
        "borgerraadgiver.inquiry",
        "search",
        [("state", "=", "forwarded"), ("centre_id.code", "=", "B&L")],
        order="centre_deadline desc",
        limit=1,
    )
    report_id = annual_report(manager)

    browser = Browser(args.chromium)
    try:
        browser.login(advisor)
        browser.open(f"{url}/odoo/action-{INQUIRY_ACTION}", ".o_kanban_record")
        browser.shot(out / "kanban.png")
        browser.open(
            f"{url}/odoo/action-{INQUIRY_ACTION}?view_type=list",
            ".o_list_view .o_data_row",
        )
        browser.shot(out / "list.png")
        citizen = advisor.call(
            "borgerraadgiver.inquiry",
            "search_read",
            [("citizen_id", "!=", False)],
            ["citizen_id"],
            limit=1,
        )
        if citizen:
            browser.open(
                f"{url}/odoo/action-{CITIZEN_ACTION}/{citizen[0]['citizen_id'][0]}",
                ".o_form_view .o_field_widget",
            )
            browser.shot(out / "citizen.png")
        if forwarded:
            browser.open(
                f"{url}/odoo/action-{INQUIRY_ACTION}/{forwarded[0]}",
                ".o_form_view .o_field_widget[name=subject]",
            )
            browser.shot(out / "form.png")

        browser.login(centre)
        browser.open(f"{url}/odoo/action-{REFERRAL_ACTION}", ".o_kanban_record")
        browser.shot(out / "centre.png")
        referral = centre.call(
            "borgerraadgiver.referral",
            "search",
            [("state", "=", "sent")],
            order="deadline",
            limit=1,
        )
        if referral:
            browser.open(
                f"{url}/odoo/action-{REFERRAL_ACTION}/{referral[0]}",
                ".o_form_view button[name=action_register_answer]",
            )
            browser.shot(out / "centre-form.png")

        browser.login(manager)
        browser.open(
            f"{url}/odoo/action-{REPORT_ACTION}/{report_id}",
            ".o_form_view button[name=action_open_analysis]",
        )
        browser.shot(out / "annual-report.png")
        browser.click(
            ".o_form_view button[name=action_open_analysis]",
            ".o_pivot_view .o_pivot table",
        )
        browser.shot(out / "pivot.png")
        # the Dashboards app (borgerraadgiver_dashboard), when installed: the
        # spreadsheet draws on a canvas, so give its pivots time to load
        if has_dashboards(manager):
            browser.open(
                f"{url}/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
                ".o_spreadsheet_dashboard_action .o-spreadsheet",
            )
            time.sleep(5)
            browser.shot(out / "dashboard.png")
        report_documents(manager, report_id, out)

        if "admin" in sessions:
            admin = sessions["admin"]
            user = admin.call("res.users", "search", [("login", "=", "centre")])
            browser.login(admin)
            browser.open(
                f"{url}/odoo/action-base.action_res_users/{user[0]}",
                ".o_form_view .o_field_widget[name=login]",
            )
            browser.shot(out / "user-roles.png")
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="borgerraadgiver")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument(
        "--password",
        action="append",
        default=[],
        metavar="LOGIN=PASSWORD",
        help="the password of a demo user, if not the demo's",
    )
    take(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
