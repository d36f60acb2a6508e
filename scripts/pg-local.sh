#!/usr/bin/env bash
# The demo's own PostgreSQL cluster in var/pg, kept between runs:
#   scripts/pg-local.sh start|stop|status|env
# var/pg/data is the cluster (owned by postgres as root: initdb refuses
# root), var/pg/port its port on 127.0.0.1 (DEMO_PG_PORT, default 5433, or
# a free one), var/pg/password the password of the role odoo (CREATEDB).
# `env` prints libpq's PGHOST PGPORT PGUSER PGPASSWORD for it.
set -euo pipefail
cd "$(dirname "$0")/.."
pg=$PWD/var/pg
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$bindir/pg_ctl" ]; then
    echo "pg-local: no PostgreSQL server; apt-get install postgresql" >&2
    exit 127
fi
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then (cd "$pg" && runuser -u postgres -- "$@"); else "$@"; fi
}
running() {
    [ -f "$pg/data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$pg/data" status >/dev/null 2>&1
}

case ${1:-} in
start)
    if running; then
        echo "pg-local: running on 127.0.0.1:$(cat "$pg/port")"
        exit 0
    fi
    mkdir -p "$pg"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$pg"
    if [ ! -f "$pg/data/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$pg/data" -E UTF8 --locale=C.UTF-8 -U postgres \
            --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    fi
    # DEMO_PG_PORT unless something listens there, else a free port
    python3 -c 'import socket, sys
for port in (int(sys.argv[1]), 0):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        break' "${DEMO_PG_PORT:-5433}" >"$pg/port"
    port=$(cat "$pg/port")
    as_owner "$bindir/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -o \
        "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg" start >/dev/null
    [ -s "$pg/password" ] || (umask 077 && head -c 18 /dev/urandom | base64 >"$pg/password")
    as_owner "$bindir/psql" -qX -v ON_ERROR_STOP=1 -h "$pg" -p "$port" -U postgres \
        -d postgres -v pw="$(cat "$pg/password")" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'odoo') AS missing \gset
\if :missing
CREATE ROLE odoo LOGIN CREATEDB PASSWORD :'pw';
\endif
SQL
    echo "pg-local: PostgreSQL on 127.0.0.1:$port (role odoo, var/pg)"
    ;;
stop) ! running || as_owner "$bindir/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null ;;
status) running && echo "pg-local: running on 127.0.0.1:$(cat "$pg/port")" ;;
env) printf 'export PGHOST=127.0.0.1 PGPORT=%s PGUSER=odoo PGPASSWORD=%q\n' \
        "$(cat "$pg/port")" "$(cat "$pg/password")" ;;
*) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
