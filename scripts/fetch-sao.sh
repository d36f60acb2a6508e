#!/usr/bin/env bash
# Install sao, Tryton's web client, into var/sao.
#
#   scripts/fetch-sao.sh VERSION       (e.g. 8.0.11)
#
# npm pack tryton-sao@VERSION, unpack it into var/sao and install its runtime
# dependencies there.  Does nothing when var/sao already holds that version.
set -euo pipefail

cd "$(dirname "$0")/.."
version=${1:?usage: $0 VERSION}
target=var/sao
stamp="$target/.installed-$version"

if [ -f "$stamp" ]; then
    echo "sao $version already in $target"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-sao: npm not found; on Debian: apt-get install npm" >&2
    exit 1
fi

mkdir -p var
work=$(mktemp -d var/sao-download.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo ">> npm pack tryton-sao@$version"
tarball=$(cd "$work" && npm pack --silent "tryton-sao@$version" | tail -n 1)
tar -xzf "$work/$tarball" -C "$work"
echo ">> npm install (runtime dependencies of sao)"
(cd "$work/package" && npm install --omit=dev --legacy-peer-deps \
    --no-audit --no-fund --loglevel=error >/dev/null)
touch "$work/package/.installed-$version"

rm -rf "$target"
mv "$work/package" "$target"
echo "sao $version installed in $target"

# sao ships no Danish: its locale/da.json is made from our sao-locale/da.po
# (the Makefile remakes it when the translation changes).
"${PYTHON:-python3}" scripts/sao-locale.py sao-locale/da.po \
    "$target/locale/da.json"
