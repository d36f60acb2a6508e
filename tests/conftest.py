"""The plain pytest tests of tests/ run from outside, without an Odoo
database: pytest-odoo's session fixtures (registry, HTTP server) do nothing
here, so that ``pytest tests/`` needs no ``--odoo-database``."""

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http():
    yield


@pytest.fixture(scope="module")
def suite_copy(request):
    """A copy of the suite's database (``--odoo-database``, made by
    scripts/test.sh) and of its filestore, dropped afterwards: a test that
    commits (a server of its own, a restore) leaves the suite's as it was.
    The copy is PostgreSQL's ``createdb --template`` (pytest-odoo's own way
    for pytest-xdist); Odoo in this process has closed its connections to
    the template first.  Yields (name, data directory)."""
    source = request.config.getoption("--odoo-database", None)
    if not source:
        pytest.skip("no database: run through scripts/test.sh (--odoo-database)")
    import odoo

    copy = f"{source}_{request.module.__name__.split('.')[-1]}_{uuid.uuid4().hex[:6]}"
    data_dir = Path(odoo.tools.config["data_dir"])
    odoo.sql_db.close_db(source)
    subprocess.run(["createdb", "--template", source, copy], check=True)
    if (data_dir / "filestore" / source).is_dir():
        shutil.copytree(data_dir / "filestore" / source, data_dir / "filestore" / copy)
    try:
        yield copy, data_dir
    finally:
        drop_database(copy, data_dir)


def drop_database(name, data_dir):
    subprocess.run(["dropdb", "--if-exists", "--force", name], check=True)
    shutil.rmtree(data_dir / "filestore" / name, ignore_errors=True)
