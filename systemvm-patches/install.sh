#!/usr/bin/env bash
# Installs the s2svpn network-node scripts on a Debian 12 node. Run as root from a copy of this folder.
# Idempotent: packages are installed only when missing, and the files are copied again each time.
#
#   install.sh               the node's packages and /opt/s2svpn
#   install.sh --test-tools  also what the tests in test/ need besides them (ping, tcpdump)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=/opt/s2svpn

die() { echo "install.sh: $*" >&2; exit 1; }

# libcharon-extra-plugins has kernel-libipsec; libstrongswan-standard-plugins has openssl and gcm (a recommends of
# libstrongswan, named here because recommends are not installed): without it there is no 3DES and no ECP groups,
# and charon logs "plugin 'openssl': failed to load".
packages=(iproute2 iptables jq strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins)
case "${1:-}" in
    "") ;;
    --test-tools) packages+=(iputils-ping tcpdump) ;;
    *) die "unknown option '$1' (usage: install.sh [--test-tools])" ;;
esac

[[ $(id -u) -eq 0 ]] || die "must run as root"
[[ -f $src/VERSION && -d $src/bin && -d $src/etc ]] || die "run it from a copy of systemvm-patches/ ($src has no VERSION, bin/ or etc/)"

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "install.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || die "apt-get update failed"
    # Whatever service the packages enable does not matter: s2svpn-router runs one charon per router namespace.
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi

# Copy into a fresh folder and swap it in, so a node never runs a half-copied mix of two versions.
tmp=$(mktemp -d "$dest.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/bin" "$src/etc" "$tmp/"
cp "$src/VERSION" "$tmp/VERSION"
chmod 0755 "$tmp"
find "$tmp/bin" -type f -exec chmod 0755 {} +
if [[ -e $dest ]]; then
    rm -rf "$dest.old"
    mv "$dest" "$dest.old"
fi
mv "$tmp" "$dest"
rm -rf "$dest.old"
echo "s2svpn network node scripts version $(cat "$dest/VERSION") installed in $dest"
