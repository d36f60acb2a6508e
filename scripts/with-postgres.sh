#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/with-postgres.sh COMMAND [ARG...]
#   scripts/with-postgres.sh --check     (are the server binaries there?)
#
# initdb's a cluster in a temporary directory, starts it on a free port on
# 127.0.0.1 (socket in the same directory, fsync off), creates the role
# `odoo` (LOGIN CREATEDB, random password) and runs COMMAND with
#
#   PGHOST=127.0.0.1 PGPORT PGUSER=odoo PGPASSWORD        (psql, psycopg2 ...)
#   ODOO_DB_HOST ODOO_DB_PORT ODOO_DB_USER ODOO_DB_PASSWORD (the same, for Odoo)
#
# The cluster is stopped and its directory removed whatever happens.  As root
# the cluster belongs to the user postgres (initdb refuses to run as root).
# The exit status is COMMAND's.
#
# With ODOO_DB_HOST (or PGHOST) already set, no cluster is started: COMMAND
# runs against that server (ODOO_DB_* first, then PG*, port 5432 by default).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

if [ -n "${ODOO_DB_HOST:-}${PGHOST:-}" ] && [ "$1" != "--check" ]; then
    export ODOO_DB_HOST=${ODOO_DB_HOST:-$PGHOST}
    export ODOO_DB_PORT=${ODOO_DB_PORT:-${PGPORT:-5432}}
    export ODOO_DB_USER=${ODOO_DB_USER:-${PGUSER:-odoo}}
    export ODOO_DB_PASSWORD=${ODOO_DB_PASSWORD:-${PGPASSWORD:-}}
    export PGHOST=$ODOO_DB_HOST PGPORT=$ODOO_DB_PORT PGUSER=$ODOO_DB_USER \
        PGPASSWORD=$ODOO_DB_PASSWORD
    echo "with-postgres: using the configured server $PGHOST:$PGPORT (role $PGUSER)"
    exec "$@"
fi

if ! bindir=$(pg_bindir); then
    echo "with-postgres: initdb/pg_ctl not found;" \
        "install them with: apt-get install postgresql" >&2
    exit 127
fi
if [ "$1" = "--check" ]; then
    echo "with-postgres: server binaries in $bindir"
    exit 0
fi

port=$(free_port)
role=odoo
password=$(random_password)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pg-borgerraadgiver.XXXXXX")
data="$tmp/data"

if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$tmp"
    as_owner() { (cd "$tmp" && runuser -u postgres -- "$@"); }
else
    as_owner() { "$@"; }
fi

started=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$started" ]; then
        as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! as_owner "$bindir/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 -U postgres \
        >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    echo "with-postgres: initdb failed" >&2
    exit 1
fi

# Durability is of no use to a throwaway cluster: trade it for speed.
options="$(pg_options "$port" "$tmp")"
options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
options+=" -c max_connections=200"
if ! as_owner "$bindir/pg_ctl" -D "$data" -o "$options" -l "$tmp/server.log" \
        -w -t 60 start >/dev/null; then
    cat "$tmp/server.log" >&2
    echo "with-postgres: pg_ctl start failed" >&2
    exit 1
fi
started=1

as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" \
    -U postgres -d postgres \
    -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" >/dev/null

echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | \
    awk '{print $3}') on 127.0.0.1:$port (role $role, throwaway)"

export PGHOST=127.0.0.1 PGPORT="$port" PGUSER="$role" PGPASSWORD="$password"
export ODOO_DB_HOST=$PGHOST ODOO_DB_PORT=$PGPORT ODOO_DB_USER=$PGUSER \
    ODOO_DB_PASSWORD=$PGPASSWORD

status=0
"$@" || status=$?
exit "$status"
