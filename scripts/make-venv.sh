#!/usr/bin/env bash
# Create the virtualenv .venv (if missing) and install the dependencies of
# pyproject.toml with the extras test and postgresql, plus hatchling so that
# the module can be rebuilt without build isolation.  Safe to rerun.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

if [ ! -x "$VENV/bin/python" ]; then
    echo ">> creating $VENV with $($PYTHON --version 2>&1)"
    if ! "$PYTHON" -m venv "$VENV"; then
        echo "!! '$PYTHON -m venv' failed; on Debian: apt-get install python3-venv" >&2
        exit 1
    fi
fi

requirements=$(mktemp)
trap 'rm -f "$requirements"' EXIT
"$VENV/bin/python" scripts/pyproject-deps.py pyproject.toml test postgresql \
    > "$requirements"
echo "hatchling>=1.18" >> "$requirements"

echo ">> installing dependencies into $VENV"
# The machine's pip configuration may name extra local indexes that do not
# exist everywhere: pip only warns about them, which is fine.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$requirements" \
    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
