#!/usr/bin/env bash
# The addon's own tests (borgerraadgiver/tests), through Odoo's test runner:
#
#   scripts/with-postgres.sh scripts/run-addon-tests.sh   (from run-tests.sh)
#
# Installs the repository's addons (every folder with a __manifest__.py:
# borgerraadgiver, borgerraadgiver_dashboard ...) WITH their demo data into a
# new database test_<random> (TEST_DB overrides) and runs their tests
# (at_install and post_install):
#
#   odoo -d test_XXXX -i borgerraadgiver,... --test-enable
#        --test-tags=/borgerraadgiver,/... --stop-after-init --http-port=<free>
#
# Needs ODOO_DB_HOST/PORT/USER/PASSWORD (with-postgres.sh sets them).  The
# data dir is temporary; the database is dropped afterwards unless
# KEEP_TEST_DB=1.  TEST_TAGS replaces the tags; ODOO_TEST_ARGS adds options;
# TEST_MODULE and TEST_ADDONS_PATH test another addon (checks of the runner).
# The exit status is Odoo's (non-zero when a test failed); read the log with
# scripts/odoo_test_log.py.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"
root=$(dirname "$here")
module=${TEST_MODULE:-$(repo_addons "$root")}
tags=${TEST_TAGS:-/${module//,/,/}}
db=${TEST_DB:-test_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')}
port=$(free_port)
data_dir=$(mktemp -d "${TMPDIR:-/tmp}/odoo-test-data.XXXXXX")

cleanup() {
    local status=$?
    if [ -z "${KEEP_TEST_DB:-}" ]; then
        "$root/.venv/bin/python" "$here/pgdb.py" drop "$db" >/dev/null 2>&1 || true
    fi
    rm -rf "$data_dir"
    exit "$status"
}
trap cleanup EXIT

# shellcheck disable=SC2086
set -- "$root/.venv/bin/odoo" \
    --addons-path="${TEST_ADDONS_PATH:-$root}" --data-dir="$data_dir" \
    --db_host="$ODOO_DB_HOST" --db_port="$ODOO_DB_PORT" \
    --db_user="$ODOO_DB_USER" --db_password="$ODOO_DB_PASSWORD" \
    -d "$db" -i "$module" --test-enable --test-tags="$tags" \
    --stop-after-init --http-interface=127.0.0.1 --http-port="$port" \
    --max-cron-threads=0 --workers=0 ${ODOO_TEST_ARGS:-}
echo "run-addon-tests: database $db, http port $port"
echo "run-addon-tests: odoo ${*:2}" | sed "s/--db_password=[^ ]*/--db_password=***/"
"$@"
