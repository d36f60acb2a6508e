#!/usr/bin/env bash
# flake8 and isort --check on the project's Python code.
# Settings: .flake8 and [tool.isort] in pyproject.toml (Tryton's).
set -euo pipefail

cd "$(dirname "$0")/.."
bin=.venv/bin

paths=()
for path in borgerraadgiver tests scripts benchmarks; do
    if [ -d "$path" ]; then
        paths+=("$path")
    fi
done
if [ ${#paths[@]} -eq 0 ]; then
    echo "lint: nothing to check"
    exit 0
fi

status=0
echo ">> flake8 ${paths[*]}"
"$bin/flake8" "${paths[@]}" || status=1
echo ">> isort --check ${paths[*]}"
"$bin/isort" --check-only --diff --quiet "${paths[@]}" || status=1
if [ "$status" -eq 0 ]; then
    echo "lint: clean"
else
    echo "lint: problems found (isort: run '.venv/bin/isort ${paths[*]}')"
fi
exit "$status"
