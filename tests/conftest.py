"""The plain pytest tests of tests/ run from outside, without an Odoo
database: pytest-odoo's session fixtures (registry, HTTP server) do nothing
here, so that ``pytest tests/`` needs no ``--odoo-database``."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http():
    yield
