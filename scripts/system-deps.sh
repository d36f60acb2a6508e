#!/usr/bin/env bash
# The Debian packages of the demo and the tests: installed as root when
# missing (exit 0); otherwise the apt-get command is printed (exit 3).
#   postgresql (with postgresql-common's pg_virtualenv): the demo's cluster
#     in var/pg and the tests' throwaway one
#   chromium: Odoo's browser tests (tours)
#   wkhtmltopdf, poppler-utils, fonts: the PDF report and reading it back
#   nodejs, npm: prettier with plugin-xml in pre-commit (make lint)
# SYSTEM_PACKAGES="..." replaces the list.
set -euo pipefail
# shellcheck disable=SC2206
packages=(${SYSTEM_PACKAGES:-postgresql postgresql-common chromium wkhtmltopdf
    poppler-utils fonts-dejavu-core fonts-liberation2 nodejs npm})
missing=()
for package in "${packages[@]}"; do
    # nodesource's nodejs brings npm along (and conflicts with Debian's)
    if [ "$package" = npm ] && command -v npm >/dev/null; then
        continue
    fi
    if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "system-deps: all present (${packages[*]})"
    exit 0
fi
command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing ${missing[*]}; to install them run:"
    echo "    sudo apt-get update && sudo $command"
    exit 3
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -q -o DPkg::Lock::Timeout=300 update >/dev/null
apt-get -q -o DPkg::Lock::Timeout=300 install -y --no-install-recommends \
    "${missing[@]}" >/dev/null
