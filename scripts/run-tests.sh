#!/usr/bin/env bash
# The whole test suite, stage by stage, with a summary at the end.
#
#   scripts/run-tests.sh          (normally through `make test`)
#
# Stages: system packages, virtualenv + module install, lint, the module's
# tests (unittest + scenario doctests) on SQLite and on PostgreSQL, the
# server tests of tests/ on SQLite and on PostgreSQL.  Every stage runs even
# when an earlier one failed (unless it cannot: no install, no tests).
# Logs: var/test-logs/<stage>.log.
#
# Exit status non-zero when a stage failed; with CI or REQUIRE_ALL=1 set, a
# skipped stage is a failure too.
#
# TEST_STAGES="lint module-sqlite" runs only the stages named (the install
# stage always runs); the others are reported as skipped.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
python="$root/.venv/bin/python"
logs="$root/var/test-logs"
module=borgerraadgiver
require_all=
if [ -n "${CI:-}" ] || [ "${REQUIRE_ALL:-0}" = "1" ]; then
    require_all=1
fi

rm -rf "$logs"
mkdir -p "$logs"
# Databases with the modules activated, kept by trytond's test machinery
# (DB_CACHE) to restore instead of activating again: made fresh for each
# run, so they cannot be stale (their key ignores changes of the module).
db_cache="$root/var/test-db-cache"
rm -rf "$db_cache"
trap 'rm -rf "$db_cache"' EXIT

names=()
results=()
notes=()
tests_passed=0
tests_failed=0
tests_skipped=0

record() {
    names+=("$1")
    results+=("$2")
    notes+=("${3:-}")
}

# selected STAGE: whether TEST_STAGES (if set) names STAGE; records it as
# skipped when not.
selected() {
    if [ -z "${TEST_STAGES:-}" ] || [[ " $TEST_STAGES " == *" $1 "* ]]; then
        return 0
    fi
    record "$1" SKIPPED "not in TEST_STAGES"
    return 1
}

banner() {
    echo
    echo "======== $* ========"
}

# Sum the counts of a unittest log ("Ran N tests", "FAILED (failures=1,
# errors=2, skipped=3)", "OK (skipped=1)"); prints "ran failed skipped".
unittest_counts() {
    awk '
        /^Ran [0-9]+ tests? in / { ran += $2 }
        /^(OK|FAILED)( \(|$)/ {
            line = $0
            while (match(line, /(failures|errors|unexpected successes|skipped)=[0-9]+/)) {
                split(substr(line, RSTART, RLENGTH), pair, "=")
                if (pair[1] == "skipped") skipped += pair[2]
                else failed += pair[2]
                line = substr(line, RSTART + RLENGTH)
            }
        }
        END { print ran + 0, failed + 0, skipped + 0 }
    ' "$1"
}

# run_unittest STAGE COMMAND...: run a unittest command, log it, count.
run_unittest() {
    local stage=$1 log="$logs/$1.log" status=0 started counts ran failed skipped
    shift
    banner "$stage"
    started=$SECONDS
    "$@" 2>&1 | tee "$log" || status=$?
    read -r ran failed skipped < <(unittest_counts "$log") || true
    tests_passed=$((tests_passed + ran - failed - skipped))
    tests_failed=$((tests_failed + failed))
    tests_skipped=$((tests_skipped + skipped))
    counts="$ran tests, $failed failed, $skipped skipped,"
    counts+=" $((SECONDS - started)) s"
    if [ "$status" -ne 0 ]; then
        record "$stage" FAIL "$counts; log: var/test-logs/$stage.log"
    elif [ "$ran" -eq 0 ]; then
        record "$stage" FAIL "no test ran; log: var/test-logs/$stage.log"
    else
        record "$stage" PASS "$counts"
    fi
}

# 1. system packages
if selected system-deps; then
    banner system-deps
    deps_status=0
    scripts/system-deps.sh 2>&1 | tee "$logs/system-deps.log" \
        || deps_status=${PIPESTATUS[0]}
    case $deps_status in
        0) record system-deps PASS ;;
        3) record system-deps SKIPPED "$(grep -m1 'missing' \
                "$logs/system-deps.log"); to install: $(grep -m1 'apt-get' \
                "$logs/system-deps.log" | sed 's/^ *//')" ;;
        *) record system-deps FAIL "see var/test-logs/system-deps.log" ;;
    esac
fi

# 2. virtualenv and module
banner install
installed=
if ${MAKE:-make} --no-print-directory install 2>&1 \
        | tee "$logs/install.log"; then
    installed=1
    record install PASS
else
    record install FAIL "see var/test-logs/install.log"
fi

# 2b. the web client, for the server and browser tests (needs npm)
if selected web-client; then
    banner web-client
    if ${MAKE:-make} --no-print-directory sao > "$logs/web-client.log" 2>&1
    then
        tail -n 1 "$logs/web-client.log"
        record web-client PASS
    elif ! command -v npm >/dev/null 2>&1; then
        record web-client SKIPPED \
            "npm missing; to install: apt-get install npm"
    else
        cat "$logs/web-client.log"
        record web-client FAIL "see var/test-logs/web-client.log"
    fi
fi

# 3. lint
if ! selected lint; then
    :
elif [ -n "$installed" ] || [ -x .venv/bin/flake8 ]; then
    banner lint
    if scripts/lint.sh > "$logs/lint.log" 2>&1; then
        record lint PASS
    else
        cat "$logs/lint.log"
        record lint FAIL "see var/test-logs/lint.log"
    fi
else
    record lint FAIL "not run: no virtualenv"
fi

pg_available=
if scripts/with-postgres.sh --check >/dev/null 2>&1; then
    pg_available=1
fi
pg_skip="no PostgreSQL server binaries; to install: apt-get install postgresql"

module_tests=(env "$python" -m unittest discover
    -s "trytond.modules.$module")
server_tests=(env "$python" -m unittest discover -s tests -t .)

if [ -z "$installed" ]; then
    for stage in module-sqlite module-postgresql server-sqlite \
            server-postgresql; do
        if selected "$stage"; then
            record "$stage" FAIL "not run: install failed"
        fi
    done
else
    # 4. the module's tests on SQLite
    if selected module-sqlite; then
        run_unittest module-sqlite env DB_NAME=:memory: \
            TRYTOND_DATABASE__URI=sqlite:// DB_CACHE="$db_cache" \
            "${module_tests[@]}"
    fi

    # 5. ... and on PostgreSQL
    if ! selected module-postgresql; then
        :
    elif [ -n "$pg_available" ]; then
        # The cache: template databases in the cluster of this run.
        run_unittest module-postgresql \
            scripts/with-postgres.sh env DB_CACHE=postgresql:// \
            "${module_tests[@]}"
    else
        record module-postgresql SKIPPED "$pg_skip"
    fi

    # 6. the server tests of tests/ on SQLite
    if selected server-sqlite; then
        run_unittest server-sqlite env -u DB_NAME \
            TRYTOND_DATABASE__URI=sqlite:// "${server_tests[@]}"
    fi

    # 7. ... and on PostgreSQL
    if ! selected server-postgresql; then
        :
    elif [ -n "$pg_available" ]; then
        run_unittest server-postgresql \
            scripts/with-postgres.sh "${server_tests[@]}"
    else
        record server-postgresql SKIPPED "$pg_skip"
    fi
fi

# Summary
failures=0
banner summary
for i in "${!names[@]}"; do
    result=${results[$i]}
    note=${notes[$i]}
    if [ "$result" = FAIL ]; then
        failures=$((failures + 1))
    elif [ "$result" = SKIPPED ] && [ -n "$require_all" ]; then
        failures=$((failures + 1))
        note="$note (a failure here: CI/REQUIRE_ALL set)"
    fi
    printf '%-18s %-8s %s\n' "${names[$i]}" "$result" "$note"
done
echo
if [ "$failures" -eq 0 ]; then
    echo "All stages passed."
else
    echo "$failures stage(s) failed."
fi
echo "tests: $tests_passed passed, $tests_failed failed, $tests_skipped skipped"
[ "$failures" -eq 0 ]
