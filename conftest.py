"""pytest settings of the repository (with pytest-odoo, see pytest.ini).

- ``--odoo-database`` defaults to libpq's ``PGDATABASE``.
- Odoo 18's test runner sets ``odoo.modules.module.current_test`` to the
  test being run; code under test reads it (mail is not sent, test cursors
  are checked).  pytest-odoo 2.3 does so only for Odoo 19: done here too.
- Under CI (``CI`` set) every skip is a failure: Odoo skips browser tests
  quietly without Chromium or websocket-client.
"""

import os

import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    if not config.getoption("--odoo-database", None) and os.environ.get("PGDATABASE"):
        config.option.odoo_database = os.environ["PGDATABASE"]
    yield


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    from odoo.modules import module
    from odoo.tests.common import BaseCase

    instance = getattr(item, "instance", None)
    if isinstance(instance, BaseCase):
        module.current_test = instance


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield
    from odoo.modules import module

    module.current_test = False


def _skip_fails(report):
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr
        if isinstance(reason, tuple):
            reason = reason[2]
        report.outcome = "failed"
        report.longrepr = f"skipped, which fails under CI: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _skip_fails(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _skip_fails(outcome.get_result())
