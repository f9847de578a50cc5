#!/usr/bin/env bash
# What the console's browser tests drive: Debian's chromium and its matching chromium-driver
# (both built from one source package, so their versions always agree). Selenium is given the
# driver's path, so it never tries to download one.
set -euo pipefail
packages=(chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi
echo "The console's browser tests need these Debian packages: ${missing[*]} (install them, then retry)" >&2
exit 1
