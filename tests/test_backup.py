"""Backup and restore (issue 19, item 6), as the README's "Back up and
restore" does it: ``pg_dump --format=custom`` of the database and ``tar`` of
its filestore, then ``createdb`` + ``pg_restore --no-owner`` and ``tar x``
into another data directory, the filestore's folder renamed to the new
database's name.  The restored database must give back the same inquiries,
the same files (the bytes of each attachment, read by Odoo from the
filestore) and the same workbook (every cell of the xlsx statistics).

A copy of the suite's database (conftest.py, ``suite_copy``) gets files on
some inquiries first: an attachment and a chatter message with one.  Odoo
reads each database through ``odoo shell`` (a process of its own, as after a
restore on another machine).  About 25 s on 2 cores.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "SNAPSHOT "

# Run by `odoo shell`: with BR_ADD_FILES, puts files on three inquiries and
# commits; then prints what must survive a backup.
SNAPSHOT = r"""
import hashlib, io, json, os
from collections import Counter
import openpyxl

Inquiry = env["borgerraadgiver.inquiry"]
if os.environ.get("BR_ADD_FILES"):
    for n, inquiry in enumerate(Inquiry.search([], order="id", limit=3)):
        env["ir.attachment"].create({
            "name": f"brev-{n}.pdf", "raw": b"%PDF-1.4 " + os.urandom(2048),
            "res_model": inquiry._name, "res_id": inquiry.id,
        })
        inquiry.message_post(
            body=f"Scanning {n}", attachments=[(f"scan-{n}.txt", os.urandom(512))])
    env.cr.commit()

inquiries = Inquiry.search_read([], [
    "name", "subject", "state", "received_date", "citizen_id", "centre_id",
    "category_id"], order="id")
attachments = [
    {"name": a.name, "res_model": a.res_model, "res_id": a.res_id,
     "sha256": hashlib.sha256(a.raw or b"").hexdigest(), "size": len(a.raw or b"")}
    for a in env["ir.attachment"].search(
        [("res_model", "in", [Inquiry._name, "mail.message"])], order="id")
]
years = Counter(d.year for d in Inquiry.search([]).mapped("received_date"))
year = years.most_common(1)[0][0]
report = env["borgerraadgiver.annual.report"].create(
    {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"})
content, _kind = env["ir.actions.report"]._render(
    "borgerraadgiver.statistics_xlsx", report.ids, {})
book = openpyxl.load_workbook(io.BytesIO(content))
workbook = {
    s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}
env.cr.rollback()
print("SNAPSHOT " + json.dumps(
    {"inquiries": inquiries, "attachments": attachments, "workbook": workbook},
    default=str))
"""


def run(*cmd, **kwargs):
    proc = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, check=False, **kwargs
    )
    assert proc.returncode == 0, (
        f"{cmd} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    )
    return proc.stdout


def snapshot(db, data_dir, add_files=False):
    odoo = Path(sys.executable).with_name("odoo")
    env = {**os.environ, **({"BR_ADD_FILES": "1"} if add_files else {})}
    out = run(
        odoo, "shell", f"--addons-path={ROOT}", f"--data-dir={data_dir}", "-d", db,
        "--no-http", "--log-level=warn",
        input=SNAPSHOT, env=env,
    )  # fmt: skip
    (line,) = [ln for ln in out.splitlines() if ln.startswith(MARK)]
    return json.loads(line[len(MARK) :])


def test_backup_restores_inquiries_files_and_workbook(suite_copy, tmp_path):
    source, data_dir = suite_copy
    before = snapshot(source, data_dir, add_files=True)

    # the README's backup: the database, then its filestore
    dump, files = (
        tmp_path / "borgerraadgiver.dump",
        tmp_path / "borgerraadgiver-files.tgz",
    )
    run("pg_dump", "--format=custom", f"--file={dump}", source)
    run("tar", "czf", files, "-C", data_dir, f"filestore/{source}")

    # the README's restore, under another name and into another data directory
    restored, new_data = f"{source}_restored", tmp_path / "odoo-data"
    new_data.mkdir()
    run("createdb", restored)
    try:
        run("pg_restore", "--no-owner", "-d", restored, dump)
        run("tar", "xzf", files, "-C", new_data)
        (new_data / "filestore" / source).rename(new_data / "filestore" / restored)
        after = snapshot(restored, new_data)
    finally:
        run("dropdb", "--if-exists", "--force", restored)

    assert len(before["inquiries"]) > 10
    files_of_inquiries = [a for a in before["attachments"] if a["size"]]
    assert len(files_of_inquiries) >= 6, before["attachments"]
    assert any(row for rows in before["workbook"].values() for row in rows)
    assert after == before
