# shellcheck shell=bash
# Helpers shared by with-postgres.sh and pg-local.sh (sourced, not run).

# pg_bindir: the folder holding initdb and pg_ctl (PG_BINDIR overrides).
pg_bindir() {
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

# free_port [PREFERRED]: PREFERRED when nothing listens on it on 127.0.0.1,
# else a free port chosen by the kernel.
free_port() {
    python3 - "${1:-0}" <<'PY'
import socket, sys
preferred = int(sys.argv[1])
for port in ([preferred] if preferred else []) + [0]:
    s = socket.socket()
    # Ignores connections in TIME_WAIT (a server just stopped), not listeners.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    print(s.getsockname()[1])
    s.close()
    break
PY
}

random_password() {
    head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# pg_options PORT SOCKETDIR: the server options of our clusters.
pg_options() {
    echo "-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$2"
}

# repo_addons ROOT: the addons of the repository (folders of ROOT holding a
# __manifest__.py), comma-separated, e.g. "borgerraadgiver,borgerraadgiver_dashboard".
repo_addons() {
    local manifest names=()
    for manifest in "$1"/*/__manifest__.py; do
        [ -f "$manifest" ] && names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}
