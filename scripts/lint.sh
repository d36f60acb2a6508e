#!/usr/bin/env bash
# ruff check and ruff format --check on the project's Python code, and
# pylint-odoo's Odoo checks on the addons.
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

# pylint-odoo on the addons: the checks of STYLE.md that ruff has not got
pylint_checks=translation-required,translation-positional-used,sql-injection
pylint_checks+=,method-compute,method-search,method-inverse,invalid-commit
pylint_checks+=,attribute-string-redundant,print-used,external-request-timeout
addons=()
for manifest in */__manifest__.py; do
    addons+=("${manifest%/__manifest__.py}")
done

status=0
if [ ${#addons[@]} -gt 0 ]; then
    echo ">> pylint-odoo ($pylint_checks) ${addons[*]}"
    .venv/bin/pylint --load-plugins=pylint_odoo --valid-odoo-versions=18.0 \
        --disable=all --enable="$pylint_checks" --score=n "${addons[@]}" \
        || status=1
fi
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
