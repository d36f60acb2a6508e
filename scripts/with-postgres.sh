#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/with-postgres.sh COMMAND [ARG...]
#   scripts/with-postgres.sh --check     (are the server binaries there?)
#
# initdb's a cluster in a temporary directory, starts it on a free port on
# 127.0.0.1 (socket in the same directory), creates a role with CREATEDB and
# runs COMMAND with
#
#   TRYTOND_DATABASE__URI=postgresql://ROLE:PASSWORD@127.0.0.1:PORT/
#   DB_NAME=test_borgerraadgiver        (or $PG_DB_NAME)
#   PGHOST PGPORT PGUSER PGPASSWORD     (for psql, pg_dump ...)
#
# The cluster is stopped and its directory removed whatever happens.  As root
# the cluster belongs to the user postgres (initdb refuses to run as root).
# The exit status is COMMAND's.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

find_bindir() {
    local dir
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    return 1
}

if ! bindir=$(find_bindir); then
    echo "with-postgres: initdb/pg_ctl not found;" \
        "install them with: apt-get install postgresql" >&2
    exit 127
fi
if [ "$1" = "--check" ]; then
    echo "with-postgres: server binaries in $bindir"
    exit 0
fi

port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
role=tryton
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
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
options="-p $port -c listen_addresses=127.0.0.1"
options+=" -c unix_socket_directories=$tmp"
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
    awk '{print $3}') on 127.0.0.1:$port (role $role)"

export TRYTOND_DATABASE__URI="postgresql://$role:$password@127.0.0.1:$port/"
export DB_NAME="${PG_DB_NAME:-test_borgerraadgiver}"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER="$role" PGPASSWORD="$password"

status=0
"$@" || status=$?
exit "$status"
