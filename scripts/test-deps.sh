#!/usr/bin/env bash
# Installs what the test suite needs and is missing: MariaDB (server and client), the real API clients, strongSwan
# (the S2S renderings are loaded into a real charon), Libreswan's config checker and Prometheus's promtool (see below).
# Idempotent; needs root only when something is missing.
set -euo pipefail

# strongswan-*, libcharon-extra-plugins (kernel-libipsec) and libstrongswan-standard-plugins (openssl, gcm): a charon
# as the routers run it. libunbound8 and libnss3: the libraries Libreswan's addconn and algparse link against.
# user-mode-linux, kmod, iptables, libnss3-tools, libldns3 and libevent-pthreads-2.1-7: the Libreswan customer gateway
# (LibreswanGatewaySite), a User-mode Linux guest whose kernel has the ESP this machine's lacks and which runs this
# machine's tools: modprobe for its kernel's modules, iptables for its counters, certutil for pluto's NSS database,
# and the rest of the libraries pluto links against.
# golang-go and golang-github-xanzy-go-cloudstack-dev (Terraform's CloudStack library) and python3-libcloud: real API
# clients in the compatibility tests. chromium (headless, driven over its DevTools protocol) and a font for its
# screenshots: StatusPageTest.
packages=(mariadb-server mariadb-client cs python3-cs openssh-server iputils-ping iproute2
    strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins libunbound8 libnss3
    golang-go golang-github-xanzy-go-cloudstack-dev python3-libcloud chromium fonts-dejavu-core
    user-mode-linux kmod iptables libnss3-tools libldns3 libevent-pthreads-2.1-7)
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

# unpack PACKAGE DIR: a Debian package's files under DIR, without installing it (no conflicts, no services started);
# its programs run from there.
unpack() {
    local package=$1 dir=$2 download
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: $package is missing from $dir; run as root first" >&2
        exit 1
    fi
    echo "test-deps: unpacking $package into $dir"
    download=$(mktemp -d)
    # A folder the _apt user may write to, or apt warns that it downloads unsandboxed.
    chown _apt "$download" 2>/dev/null || true
    # The package lists may not know the package yet on a fresh machine.
    (cd "$download" && apt-get download -q "$package" >/dev/null 2>&1) ||
        { apt-get update -q >/dev/null && (cd "$download" && apt-get download -q "$package" >/dev/null); }
    rm -rf "$dir.new"
    mkdir -p "$dir.new"
    dpkg -x "$download"/"$package"_*.deb "$dir.new"
    rm -rf "$download" "$dir"
    mv "$dir.new" "$dir"
}

# Libreswan (the maintained OpenSwan) checks the ipsec.conf renderings: its addconn parses the dialect, its algparse
# the ike=/esp= proposals. The package conflicts with strongSwan's, so it is never installed: it is unpacked into a
# folder of its own, and its tools run from there (they need only the libraries above).
libreswan_dir=/var/cache/s2svpn/libreswan
[[ -x $libreswan_dir/usr/libexec/ipsec/addconn ]] || unpack libreswan "$libreswan_dir"

# promtool, from Debian's prometheus package, checks the Prometheus exporter's text (PrometheusMetricsTest). Installed,
# the package would also start a Prometheus server: it is unpacked, and promtool (a static binary) runs from there.
prometheus_dir=/var/cache/s2svpn/prometheus
[[ -x $prometheus_dir/usr/bin/promtool ]] || unpack prometheus "$prometheus_dir"

# csclient 0.6.4 (npm; the one JavaScript CloudStack client, run in singleExecutor mode, which needs listApis) for
# CsclientTest, installed into a folder of its own with its one dependency (qs). Needs node and npm.
csclient_dir=/var/cache/s2svpn/npm
if [[ ! -f $csclient_dir/node_modules/csclient/package.json ]] ||
    ! grep -q '"version": "0.6.4"' "$csclient_dir/node_modules/csclient/package.json"; then
    if ! command -v npm >/dev/null; then
        echo "test-deps: npm is missing; install node and npm (csclient for CsclientTest comes from npm)" >&2
        exit 1
    fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "test-deps: csclient 0.6.4 is missing from $csclient_dir; run as root first" >&2
        exit 1
    fi
    echo "test-deps: installing csclient@0.6.4 into $csclient_dir"
    mkdir -p "$csclient_dir"
    [[ -f $csclient_dir/package.json ]] || echo '{"name":"s2svpn-test-clients","private":true}' >"$csclient_dir/package.json"
    npm install --prefix "$csclient_dir" --no-audit --no-fund --loglevel=error csclient@0.6.4 >/dev/null
fi
