#!/usr/bin/env bash
# The demo's own PostgreSQL cluster, kept in var/pg between runs.
#
#   scripts/pg-local.sh start    initdb (first time), start, create role odoo
#   scripts/pg-local.sh stop
#   scripts/pg-local.sh status
#   scripts/pg-local.sh env      print PGHOST=... lines (after start)
#
# var/pg/data is the cluster, var/pg the socket folder, var/pg/port the port
# (DEMO_PG_PORT, default 5433, or a free one when that is taken), and
# var/pg/password the password of the role `odoo` (LOGIN CREATEDB).  The
# server listens on 127.0.0.1 only.  As root, var/pg belongs to the user
# postgres (initdb refuses to run as root).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"
cd "$here/.."
pg="$PWD/var/pg"
data="$pg/data"
role=odoo

if ! bindir=$(pg_bindir); then
    echo "pg-local: initdb/pg_ctl not found;" \
        "install them with: apt-get install postgresql" >&2
    exit 127
fi

if [ "$(id -u)" -eq 0 ]; then
    as_owner() { (cd "$pg" && runuser -u postgres -- "$@"); }
else
    as_owner() { "$@"; }
fi

running() {
    [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

print_env() {
    echo "PGHOST=127.0.0.1"
    echo "PGPORT=$(cat "$pg/port")"
    echo "PGUSER=$role"
    echo "PGPASSWORD=$(cat "$pg/password")"
}

init() {
    mkdir -p "$pg"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$pg"
        if ! runuser -u postgres -- test -w "$pg"; then
            echo "pg-local: the user postgres cannot write to $pg (a parent" \
                "folder closed to others?); set PGHOST/ODOO_DB_HOST to use" \
                "another server" >&2
            exit 1
        fi
    fi
    echo ">> pg-local: initdb $data"
    if ! as_owner "$bindir/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 -U postgres \
            >"$pg/initdb.log.tmp" 2>&1; then
        cat "$pg/initdb.log.tmp" >&2
        echo "pg-local: initdb failed" >&2
        rm -rf "$data"
        exit 1
    fi
    rm -f "$pg/initdb.log.tmp"
}

start() {
    if running; then
        echo ">> pg-local: already running on 127.0.0.1:$(cat "$pg/port")"
        return 0
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        init
    fi
    local port
    port=$(free_port "${DEMO_PG_PORT:-5433}")
    echo "$port" > "$pg/port"
    if ! as_owner "$bindir/pg_ctl" -D "$data" -o "$(pg_options "$port" "$pg")" \
            -l "$pg/server.log" -w -t 60 start >/dev/null; then
        tail -n 20 "$pg/server.log" >&2
        echo "pg-local: pg_ctl start failed (log: var/pg/server.log)" >&2
        exit 1
    fi
    if [ ! -s "$pg/password" ]; then
        (umask 077 && random_password > "$pg/password")
    fi
    local exists
    exists=$(as_owner "$bindir/psql" -X -qtA -h "$pg" -p "$port" -U postgres \
        -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")
    if [ "$exists" != 1 ]; then
        as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg" -p "$port" \
            -U postgres -d postgres -c \
            "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$(cat "$pg/password")'" \
            >/dev/null
    fi
    echo ">> pg-local: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}')" \
        "on 127.0.0.1:$port (role $role, data var/pg/data)"
}

stop() {
    if running; then
        as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
        echo ">> pg-local: stopped"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status)
        if running; then
            echo "pg-local: running on 127.0.0.1:$(cat "$pg/port")"
        else
            echo "pg-local: not running"
            exit 3
        fi
        ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
