#!/usr/bin/env bash
# Installs what the test suite needs and is missing: MariaDB (server and client) and the real API clients.
# Idempotent; needs root only when something is missing.
set -euo pipefail

packages=(mariadb-server mariadb-client cs python3-cs openssh-server iputils-ping iproute2)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: missing packages ${missing[*]}; run as root (or install them) first" >&2
        exit 1
    fi
    echo "test-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    # services are started by mariadb-up.sh, not by the package scripts
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
