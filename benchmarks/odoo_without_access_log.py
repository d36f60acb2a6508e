#!/usr/bin/env python3
"""Odoo's server with the access log's reads not logged: the *off* side of
bench_access_log.py, for that benchmark only. The addon itself has no switch,
context key or parameter that reads without a trace; this script replaces the
method that notes a read, in its own process, before Odoo starts. Arguments
are odoo's."""

import os
import sys

from benchlib import ADDONS_PATH

import odoo

import odoo.addons

odoo.addons.__path__.append(ADDONS_PATH)

# importable once the addons path holds the repository
from odoo.addons.borgerraadgiver.models.borgerraadgiver_access_logged import (  # noqa: E402
    BorgerraadgiverAccessLogged,
)

BorgerraadgiverAccessLogged._log_read = lambda self, fnames, method: None

if __name__ == "__main__":
    # the websocket process is started again with this script
    sys.argv[0] = os.path.abspath(__file__)
    odoo.cli.main()
