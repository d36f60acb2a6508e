#!/usr/bin/env bash
# Create .venv (if missing) and install into it, in one pip resolution:
#   Odoo 18.0 with its pins: the wheel odoo-18.0*.whl and requirements.txt of
#   $ODOO_SHARED (the Makefile's ../shared/odoo) when there, else Odoo's 18.0
#   source tarball ($ODOO_TARBALL_URL, cached in var/cache/) and its
#   requirements.txt adjusted for Python 3.11; then requirements-dev.txt.
# Never `pip install -e` Odoo (OCA addons in site-packages/odoo/addons would
# hide its `odoo` package).  Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
ODOO_SHARED=${ODOO_SHARED:-../shared/odoo}
# A clone of a local checkout made elsewhere (a CI clone) looks for the
# shared folder beside the checkout it was cloned from.
origin=$(git config --get remote.origin.url 2>/dev/null || true)
origin=${origin#file://}
if [ ! -d "$ODOO_SHARED" ] && [ -d "$origin/../shared/odoo" ]; then
    ODOO_SHARED=$origin/../shared/odoo
fi
url=${ODOO_TARBALL_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}

if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -m venv "$VENV"; then
    echo "make-venv: '$PYTHON -m venv' failed; on Debian: apt-get install python3-venv" >&2
    exit 1
fi

wheel=$(ls -1 "$ODOO_SHARED"/odoo-18.0*.whl 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$wheel" ]; then
    odoo=("$wheel" -r "$ODOO_SHARED/requirements.txt")
else
    echo "make-venv: no Odoo wheel in $ODOO_SHARED: Odoo's source tarball"
    mkdir -p var/cache
    tarball=var/cache/odoo_18.0.latest.tar.gz
    if [ ! -s "$tarball" ]; then
        curl -fL --retry 3 -o "$tarball.part" "$url" && mv "$tarball.part" "$tarball"
    fi
    # Odoo's pins fail on Python 3.11 for three lines: cbor2 5.4.2 does not
    # build, psycopg2 needs a compiler, python-ldap libldap-dev (not used).
    tar -xzOf "$tarball" --wildcards --no-wildcards-match-slash '*/requirements.txt' | sed -E \
        -e 's/^psycopg2==/psycopg2-binary==/' -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' \
        -e '/^python-ldap/d' > var/cache/odoo-requirements.txt
    odoo=("$tarball" -r var/cache/odoo-requirements.txt)
fi

echo "make-venv: installing into $VENV: ${odoo[*]} -r requirements-dev.txt"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${odoo[@]}" -r requirements-dev.txt \
    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
"$VENV/bin/python" -c 'import odoo.release as r; print("make-venv: Odoo", r.version)'
