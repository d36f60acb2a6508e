#!/usr/bin/env bash
# The addons' tests (make test runs lint first):
#   1. a throwaway PostgreSQL cluster from Debian's pg_virtualenv, unless
#      PGHOST names a server (then PGPORT, PGUSER, PGPASSWORD as libpq reads
#      them; the role needs CREATEDB);
#   2. one `odoo -i <every addon of the repository> --stop-after-init` with
#      demo data into a new database; checklog-odoo fails on any WARNING or
#      ERROR in its log (var/test-logs/install.log);
#   3. pytest (pytest-odoo, settings in pytest.ini) on that database, with
#      the arguments given here: scripts/test.sh -k TestTours
# The last line is pytest's summary; the exit status is pytest's.
# KEEP_TEST_DB=1 keeps the database (on a server of your own).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
mkdir -p var/test-logs

if [ -z "${PGHOST:-}" ]; then
    # pg_virtualenv reports dropping its cluster on stdout: into a log, so
    # that pytest's summary stays the last line (fd 3 is our stdout).
    BR_PG_VIRTUALENV=1 pg_virtualenv -t -o fsync=off "$0" "$@" \
        3>&1 >var/test-logs/pg_virtualenv.log
    exit
fi
if [ -n "${BR_PG_VIRTUALENV:-}" ]; then
    exec 1>&3 3>&-
    # pg_virtualenv (as root) gives the superuser postgres, which Odoo
    # refuses: a role of our own, with the same password.
    psql -qX -v ON_ERROR_STOP=1 -v pw="$PGPASSWORD" \
        <<<"CREATE ROLE odoo LOGIN CREATEDB PASSWORD :'pw'"
    export PGUSER=odoo
fi

db=${TEST_DB:-br_test_$$}
data=$(mktemp -d "${TMPDIR:-/tmp}/br-test-data.XXXXXX")
cleanup() {
    if [ -z "${KEEP_TEST_DB:-}" ]; then
        "$bin/click-odoo-dropdb" --if-exists "$db" >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
}
trap cleanup EXIT

modules=$(ls -d ./*/__manifest__.py | cut -d/ -f2 | paste -sd,)
echo "test: odoo -d $db -i $modules (demo data) on $PGHOST:${PGPORT:-5432}"
start=$SECONDS
"$bin/odoo" --addons-path=. --data-dir="$data" -d "$db" -i "$modules" \
    --stop-after-init --no-http --max-cron-threads=0 \
    --logfile=var/test-logs/install.log || status=$?
"$bin/checklog-odoo" var/test-logs/install.log
[ "${status:-0}" -eq 0 ]
echo "test: installed in $((SECONDS - start)) s; log checked (var/test-logs/install.log)"

export ODOO_DATA_DIR=$data
"$bin/pytest" --odoo-database="$db" "--odoo-extra=data-dir=$data" "$@"
