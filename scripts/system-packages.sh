#!/usr/bin/env bash
# Debian packages casework needs beyond a stock Python machine: Pango and DejaVu fonts for
# WeasyPrint (required), and HarfBuzz-Subset so that PDF font subsetting does not fall back
# to the slower fontTools (wanted, not required).
set -euo pipefail
required=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
wanted=(libharfbuzz-subset0)
missing_of() {
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || echo "$package"
    done
}
mapfile -t missing < <(missing_of "${required[@]}" "${wanted[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi
mapfile -t needed < <(missing_of "${required[@]}")
if [ ${#needed[@]} -gt 0 ]; then
    echo "casework needs these Debian packages: ${needed[*]} (install them, then retry)" >&2
    exit 1
fi
echo "Optional, for faster PDFs: apt-get install ${missing[*]}" >&2
