#!/usr/bin/env bash
# make demo: the demo database DEMO_DB with every addon of the repository,
# demo data and Danish (created, or updated with the data kept), its users
# set up by scripts/demo_setup.py, then Odoo serving it on DEMO_PORT until
# Ctrl-C (its log in var/odoo.log).  make serve (`scripts/demo.sh serve`):
# serve only.
# Database server: libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD when PGHOST is
# set (a role with CREATEDB), else the cluster in var/pg (pg-local.sh),
# stopped on exit when started here (DEMO_KEEP_PG=1 keeps it running).
# Odoo's settings go to var/odoo.conf (`odoo -c var/odoo.conf ...`).
# DEMO_LANG (da_DK); DEMO_SERVE=0 prepares only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
db=${DEMO_DB:-borgerraadgiver}
port=${DEMO_PORT:-8069}
lang=${DEMO_LANG:-da_DK}
modules=$(ls -d ./*/__manifest__.py | cut -d/ -f2 | paste -sd,)

if [ -z "${PGHOST:-}" ]; then
    if ! scripts/pg-local.sh status >/dev/null && [ -z "${DEMO_KEEP_PG:-}" ]; then
        trap 'scripts/pg-local.sh stop' EXIT
    fi
    scripts/pg-local.sh start
    eval "$(scripts/pg-local.sh env)"
fi
export PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo}
echo ">> database server $PGHOST:$PGPORT, role $PGUSER"
mkdir -p var/odoo-data
(umask 077 && cat >var/odoo.conf <<CONF
; Written by scripts/demo.sh on every run.
[options]
addons_path = $PWD
data_dir = $PWD/var/odoo-data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
db_name = $db
dbfilter = ^$db\$
list_db = False
http_port = $port
max_cron_threads = 1
CONF
)
odoo() { "$bin/odoo" -c var/odoo.conf "$@"; }

installed=$("$bin/python" -c 'import sys, psycopg2
try:
    with psycopg2.connect(dbname=sys.argv[1]) as conn, conn.cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", ["borgerraadgiver"])
        print(*(cr.fetchone() or ["none"]))
except psycopg2.Error:
    print("none")' "$db")
if [ "${1:-}" = serve ]; then
    if [ "$installed" != installed ]; then
        echo "serve: database $db has not got the addons: run make demo" >&2
        exit 1
    fi
else
    # -i installs what is missing (all of it into a new database, with demo
    # data), -u updates what is there.
    echo ">> odoo -d $db -i/-u $modules --load-language=$lang"
    odoo -d "$db" -i "$modules" -u "$modules" --load-language="$lang" \
        --stop-after-init --no-http
    [ -s var/demo-admin-password ] ||
        (umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >var/demo-admin-password)
    DEMO_ADMIN_PASSWORD=$(cat var/demo-admin-password) DEMO_LANG=$lang \
        DEMO_BASE_URL="http://localhost:$port" \
        "$bin/odoo" shell -c var/odoo.conf -d "$db" --no-http --log-level=warn \
        <scripts/demo_setup.py
fi

logins() {
    cat <<LOGINS

Odoo: http://localhost:$port  (database $db)
  admin      $(cat var/demo-admin-password)   (var/demo-admin-password)
  advisor    advisor-2026
  centre     centre-2026   (centre-pb, centre-am, centre-so, centre-tm, centre-ohi too)
  manager    manager-2026

LOGINS
}
[ "${DEMO_SERVE:-1}" != 0 ] || { logins; exit 0; }
# The server's log (a line per request) goes to var/odoo.log, so that the
# logins stay on the screen; they are printed once Odoo listens.
echo ">> serving $db on http://localhost:$port/ (log: var/odoo.log; Ctrl-C stops)"
odoo -d "$db" --logfile="$PWD/var/odoo.log" &
pid=$!
# Ctrl-C reaches Odoo with the whole process group (Odoo stops cleanly, no
# traceback); a TERM is passed on.
trap : INT
trap 'kill -TERM $pid 2>/dev/null' TERM
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || ! kill -0 $pid 2>/dev/null; do
    sleep 1
done
if kill -0 $pid 2>/dev/null; then logins; else tail -n 20 var/odoo.log >&2; fi
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
