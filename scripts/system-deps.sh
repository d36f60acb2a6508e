#!/usr/bin/env bash
# Make sure the Debian packages the demo and the test suite need are there.
#
#   scripts/system-deps.sh [--check]
#
# As root, missing packages are installed with apt-get (the package lists are
# refreshed only when something is missing).  Otherwise, or with --check,
# nothing is installed: the missing packages are listed together with the
# command that brings them.
#
# Exit status: 0 all present, 3 some missing (skipped), 1 installation failed.
# SYSTEM_PACKAGES="..." replaces the list below.
set -euo pipefail

# postgresql: the demo cluster (var/pg) and the throwaway test clusters
# chromium: Odoo's browser tests (HttpCase.browser_js / start_tour)
# wkhtmltopdf: Odoo's QWeb PDF reports
# poppler-utils: pdftotext, to read the PDF reports in tests
# fonts-dejavu-core, fonts-liberation2: fonts for the PDF reports
# shellcheck disable=SC2206
PACKAGES=(${SYSTEM_PACKAGES:-postgresql chromium wkhtmltopdf poppler-utils
    fonts-dejavu-core fonts-liberation2})

check_only=
if [ "${1:-}" = "--check" ]; then
    check_only=1
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: no dpkg here: cannot check ${PACKAGES[*]}" >&2
    exit 3
fi

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system-deps: all present (${PACKAGES[*]})"
    exit 0
fi

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ -n "$check_only" ] || [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing ${missing[*]}"
    echo "system-deps: skipped; to install them run:"
    echo "    sudo apt-get update && sudo $command"
    exit 3
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_options=(-q -o DPkg::Lock::Timeout=300)
if ! apt-get "${apt_options[@]}" update >/dev/null; then
    echo "system-deps: apt-get update failed" >&2
    exit 1
fi
log=$(mktemp)
if ! apt-get "${apt_options[@]}" install -y --no-install-recommends \
        "${missing[@]}" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "system-deps: $command failed" >&2
    exit 1
fi
rm -f "$log"
echo "system-deps: installed ${missing[*]}"
