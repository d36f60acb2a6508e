#!/usr/bin/env bash
# Create the virtualenv .venv (if missing) and install into it:
#   1. Odoo 18.0 with its own pinned requirements:
#      - from $ODOO_SHARED (default ../shared/odoo, else /work/shared/odoo)
#        when it holds an Odoo
#        wheel (odoo-18.0*.whl), with the requirements.txt beside it;
#      - otherwise from Odoo's official 18.0 source tarball
#        ($ODOO_TARBALL_URL, cached in var/cache/) and the requirements.txt
#        inside it, adjusted to install from wheels on Python 3.11;
#   2. the project's requirements.txt (OCA report_xlsx, holidays, ruff ...).
# Never `pip install -e` Odoo: OCA addons install into site-packages/odoo/addons
# and an editable Odoo then loses its `odoo` package.  Safe to rerun.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
# A checkout that is not beside the shared folder (a CI clone elsewhere)
# still finds this workplace's wheel in /work/shared/odoo.
if [ -z "${ODOO_SHARED:-}" ] || [ ! -d "$ODOO_SHARED" ]; then
    for candidate in ../shared/odoo /work/shared/odoo; do
        if [ -d "$candidate" ]; then
            ODOO_SHARED=$candidate
            break
        fi
    done
fi
ODOO_SHARED=${ODOO_SHARED:-../shared/odoo}
ODOO_TARBALL_URL=${ODOO_TARBALL_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}

if [ ! -x "$VENV/bin/python" ]; then
    echo ">> creating $VENV with $($PYTHON --version 2>&1)"
    if ! "$PYTHON" -m venv "$VENV"; then
        echo "!! '$PYTHON -m venv' failed; on Debian: apt-get install python3-venv" >&2
        exit 1
    fi
fi

# The machine's pip configuration may name local indexes that do not exist
# everywhere: pip only warns about them, which is fine.
pip_install() {
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" \
        2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
}

wheel=
if [ -d "$ODOO_SHARED" ]; then
    wheel=$(ls -1 "$ODOO_SHARED"/odoo-18.0*.whl 2>/dev/null | sort -V | tail -n 1 || true)
fi

odoo_requirements=()
if [ -n "$wheel" ]; then
    odoo_dist=$wheel
    if [ -f "$ODOO_SHARED/requirements.txt" ]; then
        odoo_requirements=(-r "$ODOO_SHARED/requirements.txt")
    fi
else
    # Fallback: Odoo's official 18.0 source distribution.
    mkdir -p var/cache
    odoo_dist=var/cache/odoo_18.0.latest.tar.gz
    if [ ! -s "$odoo_dist" ] || [ -n "${ODOO_TARBALL_REFRESH:-}" ]; then
        echo ">> downloading $ODOO_TARBALL_URL"
        curl -fL --retry 3 -o "$odoo_dist.part" "$ODOO_TARBALL_URL"
        mv "$odoo_dist.part" "$odoo_dist"
    fi
    requirements=var/cache/odoo-requirements.txt
    member=$(tar -tzf "$odoo_dist" | grep -m1 -E '^[^/]+/requirements\.txt$')
    tar -xzOf "$odoo_dist" "$member" > "$requirements.orig"
    # Odoo's pins as shipped fail on Python 3.11 for three lines: cbor2 5.4.2
    # does not build, psycopg2 needs a compiler and libpq-dev, python-ldap
    # needs libldap-dev (LDAP login is not used).
    sed -E -e 's/^psycopg2==/psycopg2-binary==/' \
        -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' \
        -e '/^python-ldap/d' "$requirements.orig" > "$requirements"
    odoo_requirements=(-r "$requirements")
fi

# One resolution for everything, so that reruns do not flip versions.
echo ">> installing into $VENV: Odoo ($odoo_dist)${odoo_requirements[1]:+, ${odoo_requirements[1]}}, requirements.txt"
pip_install "${odoo_requirements[@]}" "$odoo_dist" -r requirements.txt

"$VENV/bin/python" - <<'PY'
import odoo.release
print(">> installed: Odoo %s in %s" % (odoo.release.version, odoo.__path__[0]))
PY
