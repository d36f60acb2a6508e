#!/usr/bin/env bash
# The whole test suite, stage by stage, with a summary at the end.
#
#   scripts/run-tests.sh          (normally through `make test`)
#
# Stages:
#   system-deps   Debian packages (installed as root; else SKIPPED + command)
#   venv          .venv with Odoo and the requirements (make venv)
#   lint          ruff check + ruff format --check (scripts/lint.sh)
#   addon-tests   the tests of the repository's addons (borgerraadgiver/tests,
#                 borgerraadgiver_dashboard/tests ...) through Odoo's runner,
#                 all installed together on a new database with demo data, in a throwaway PostgreSQL cluster
#                 (scripts/with-postgres.sh + scripts/run-addon-tests.sh)
#   server-tests  tests/test*.py with unittest, with their own throwaway
#                 cluster and a template database (scripts/run-server-tests.sh)
# Every stage runs even when an earlier one failed (unless it cannot).
# Logs: var/test-logs/<stage>.log.
#
# Counting: a test stage counts its tests; system-deps, venv and lint count as
# one test each; a stage that fails without a failed test (it broke off, an
# ERROR record in Odoo's log, no test ran) counts one failure.  The last line
# is "N passed, N failed, N skipped".  With CI set (or REQUIRE_ALL=1) every
# skip is a failure: the skipped tests are counted as failed there.  The exit
# status is non-zero exactly when the last line has a failure.
#
# TEST_STAGES="lint addon-tests" runs only the stages named (venv always
# runs); the others are listed as "not selected" and not counted.
# VERBOSE=1 shows Odoo's whole log on the terminal (the log file always has it).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
python="$root/.venv/bin/python"
logs="$root/var/test-logs"
require_all=
if [ -n "${CI:-}" ] || [ "${REQUIRE_ALL:-0}" = "1" ]; then
    require_all=1
fi

rm -rf "$logs"
mkdir -p "$logs"

names=()
results=()
notes=()
total_passed=0
total_failed=0
total_skipped=0

# record STAGE RESULT PASSED FAILED SKIPPED [NOTE]
# RESULT: PASS, FAIL, SKIPPED, or "-" (not selected: not counted).
record() {
    local stage=$1 result=$2 passed=$3 failed=$4 skipped=$5 note=${6:-}
    if [ "$result" = FAIL ] && [ "$failed" -eq 0 ]; then
        failed=1
    fi
    if [ -n "$require_all" ] && [ "$skipped" -gt 0 ]; then
        note="${note:+$note; }$skipped skipped = failed (CI/REQUIRE_ALL)"
        failed=$((failed + skipped))
        skipped=0
        result=FAIL
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    names+=("$stage")
    results+=("$result")
    if [ "$result" != "-" ]; then
        note="$passed passed, $failed failed, $skipped skipped${note:+; $note}"
    fi
    notes+=("$note")
}

# selected STAGE: whether TEST_STAGES (if set) names STAGE; records it as
# not selected when not.
selected() {
    if [ -z "${TEST_STAGES:-}" ] || [[ " $TEST_STAGES " == *" $1 "* ]]; then
        return 0
    fi
    record "$1" - 0 0 0 "not selected (TEST_STAGES)"
    return 1
}

banner() {
    echo
    echo "======== $* ========"
}

# Odoo's log on the terminal: warnings, errors (with their tracebacks), the
# tests being run, skips and results; the file keeps everything.
odoo_filter() {
    if [ -n "${VERBOSE:-}" ]; then
        cat
        return
    fi
    awk '
        /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9:,]+ [0-9]+ [A-Z]+ / {
            show = ($4 !~ /^(INFO|DEBUG)$/) \
                || /odoo\.tests\.(result|stats)|: (skipped|Starting) |post-tests in|run-addon-tests/
        }
        !/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / && /^(run-|with-postgres)/ { show = 1 }
        show { print; fflush() }
    '
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

# 1. system packages
if selected system-deps; then
    banner system-deps
    deps_status=0
    scripts/system-deps.sh 2>&1 | tee "$logs/system-deps.log" \
        || deps_status=${PIPESTATUS[0]}
    case $deps_status in
        0) record system-deps PASS 1 0 0 ;;
        3) record system-deps SKIPPED 0 0 1 "$(grep -m1 'missing' \
                "$logs/system-deps.log"); to install: $(grep -m1 'apt-get' \
                "$logs/system-deps.log" | sed 's/^ *//')" ;;
        *) record system-deps FAIL 0 1 0 "see var/test-logs/system-deps.log" ;;
    esac
fi

# 2. virtualenv (always)
banner venv
venv_ok=
if ${MAKE:-make} --no-print-directory venv 2>&1 | tee "$logs/venv.log"; then
    venv_ok=1
    record venv PASS 1 0 0
else
    record venv FAIL 0 1 0 "see var/test-logs/venv.log"
fi

# 3. lint
if ! selected lint; then
    :
elif [ -x .venv/bin/ruff ]; then
    banner lint
    if scripts/lint.sh 2>&1 | tee "$logs/lint.log"; then
        record lint PASS 1 0 0
    else
        record lint FAIL 0 1 0 "see var/test-logs/lint.log"
    fi
else
    record lint FAIL 0 1 0 "not run: no .venv/bin/ruff"
fi

pg_ok=
if [ -n "${ODOO_DB_HOST:-}${PGHOST:-}" ] \
        || scripts/with-postgres.sh --check >/dev/null 2>&1; then
    pg_ok=1
fi

# 4. the addon's tests, through Odoo
if ! selected addon-tests; then
    :
elif [ -z "$venv_ok" ] || [ ! -x .venv/bin/odoo ]; then
    record addon-tests FAIL 0 1 0 "not run: no virtualenv"
elif [ -z "$pg_ok" ]; then
    record addon-tests FAIL 0 1 0 \
        "not run: no PostgreSQL; to install: apt-get install postgresql"
elif [ -z "${TEST_MODULE:-}" ] && ! ls ./*/__manifest__.py >/dev/null 2>&1; then
    record addon-tests FAIL 0 1 0 "not run: no addon (*/__manifest__.py)"
else
    banner addon-tests
    started=$SECONDS
    status=0
    scripts/with-postgres.sh scripts/run-addon-tests.sh 2>&1 \
        | tee "$logs/addon-tests.log" | odoo_filter || status=${PIPESTATUS[0]}
    "$python" scripts/odoo_test_log.py "$logs/addon-tests.log" \
        > "$logs/addon-tests.summary"
    grep -v '^counts ' "$logs/addon-tests.summary" || true
    read -r _ passed failed skipped reason < <(tail -n 1 "$logs/addon-tests.summary")
    note="$((SECONDS - started)) s"
    if [ "$status" -ne 0 ] && [ "$reason" = ok ]; then
        reason="odoo exited with status $status"
    fi
    if [ "$reason" = ok ]; then
        record addon-tests PASS "$passed" "$failed" "$skipped" "$note"
    else
        record addon-tests FAIL "$passed" "$failed" "$skipped" \
            "$reason; $note; log: var/test-logs/addon-tests.log"
    fi
fi

# 5. the server tests of tests/
if ! selected server-tests; then
    :
elif [ -z "$(find "${SERVER_TESTS_DIR:-tests}" -name 'test*.py' 2>/dev/null | head -n 1)" ]; then
    record server-tests PASS 0 0 0 "no test files in tests/"
elif [ -z "$venv_ok" ] || [ ! -x .venv/bin/odoo ]; then
    record server-tests FAIL 0 1 0 "not run: no virtualenv"
elif [ -z "$pg_ok" ]; then
    record server-tests FAIL 0 1 0 \
        "not run: no PostgreSQL; to install: apt-get install postgresql"
else
    banner server-tests
    started=$SECONDS
    status=0
    scripts/with-postgres.sh scripts/run-server-tests.sh 2>&1 \
        | tee "$logs/server-tests.log" || status=${PIPESTATUS[0]}
    read -r ran failed skipped < <(unittest_counts "$logs/server-tests.log")
    passed=$((ran - failed - skipped))
    note="$((SECONDS - started)) s"
    if [ "$status" -ne 0 ]; then
        record server-tests FAIL "$passed" "$failed" "$skipped" \
            "$note; log: var/test-logs/server-tests.log"
    elif [ "$ran" -eq 0 ]; then
        record server-tests FAIL 0 0 0 "no test ran; log: var/test-logs/server-tests.log"
    else
        record server-tests PASS "$passed" "$failed" "$skipped" "$note"
    fi
fi

# Summary
banner summary
for i in "${!names[@]}"; do
    printf '%-14s %-8s %s\n' "${names[$i]}" "${results[$i]}" "${notes[$i]}"
done
echo
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ]
