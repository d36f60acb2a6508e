#!/usr/bin/env bash
# ruff check and ruff format --check on the project's Python code.
#
#   scripts/lint.sh          check (make lint)
#   scripts/lint.sh --fix    ruff check --fix, then ruff format (make format)
#
# Settings: ruff.toml (OCA's template: py310, B, C90, E501, I, UP; 88 columns).
set -euo pipefail

cd "$(dirname "$0")/.."
ruff=.venv/bin/ruff
if [ ! -x "$ruff" ]; then
    echo "lint: $ruff missing: run make venv" >&2
    exit 1
fi

paths=()
for path in */__manifest__.py tests scripts benchmarks; do
    path=${path%/__manifest__.py}
    if [ -d "$path" ]; then
        paths+=("$path")
    fi
done
if [ ${#paths[@]} -eq 0 ]; then
    echo "lint: nothing to check"
    exit 0
fi

if [ "${1:-}" = "--fix" ]; then
    echo ">> ruff check --fix ${paths[*]}"
    "$ruff" check --fix "${paths[@]}" || true
    echo ">> ruff format ${paths[*]}"
    "$ruff" format "${paths[@]}"
    exit 0
fi

status=0
echo ">> ruff check ${paths[*]}"
"$ruff" check --no-fix "${paths[@]}" || status=1
echo ">> ruff format --check ${paths[*]}"
"$ruff" format --check --diff "${paths[@]}" || status=1
if [ "$status" -eq 0 ]; then
    echo "lint: clean"
else
    echo "lint: problems found (make format fixes most of them)"
fi
exit "$status"
