#!/bin/sh
# PID 1 of the Libreswan customer gateway of the tests (LibreswanGatewaySite): runs in a User-mode Linux guest, whose
# kernel has the ESP that this machine's kernel lacks. The guest's root is the host's / through hostfs, read only; this
# script's folder (the site's temp dir) is mounted read-write at /run/site and holds site.env, ipsec.conf and
# ipsec.secrets, and gets pluto.log. It builds the gateway (public address on vec0, the TAP device of the test; a
# namespace "host" behind it in the remote subnets; iptables counters), prints @@ready on the console and then runs
# the lines it reads there, each followed by @@rc=<exit code>: the test drives the guest through its console.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
site_dir=$(dirname "$0")
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run
mkdir /run/site
mount -t hostfs -o "$site_dir" hostfs /run/site
mount -t tmpfs tmpfs /tmp
# Nothing but our own answers on the console; what set-up prints goes to a file the test can read.
echo 1 >/proc/sys/kernel/printk
stty -echo -onlcr 2>/dev/null
exec 3>&1 >/run/site/guest.log 2>&1
set -eux
. /run/site/site.env

# The kernel's modules are in /usr/lib/uml/modules/<version> on the host; modprobe looks in <root>/lib/modules. The
# kernel's own module requests go through the same wrapper.
mkdir -p /tmp/modroot/lib
ln -s /usr/lib/uml/modules /tmp/modroot/lib/modules
printf '#!/bin/sh\nexec /usr/sbin/modprobe -d /tmp/modroot "$@"\n' >/tmp/modroot/modprobe
chmod +x /tmp/modroot/modprobe
echo /tmp/modroot/modprobe >/proc/sys/kernel/modprobe
/tmp/modroot/modprobe -a esp4 xfrm_user xfrm4_tunnel authenc cbc hmac sha256_generic sha512_generic gcm seqiv echainiv \
    des_generic md5 veth ip_tables iptable_mangle xt_policy xt_comment xt_tcpudp xt_esp

# The gateway: its public address on the test's public bridge, a default route as a customer's gateway has one
# (Libreswan adds no route of its own for the remote subnets), forwarding on, and behind it the host.
ip link set dev lo up
ip addr add "$PUBLIC_IP/$PUBLIC_PREFIX" dev vec0
ip link set dev vec0 up
ip route add default via "$PUBLIC_GATEWAY"
ip netns add host
ip link add name eth1 type veth peer name eth0 netns host
for a in $GATEWAY_ADDRESSES; do ip addr add "$a" dev eth1; done
for a in $HOST_ADDRESSES; do ip -n host addr add "$a" dev eth0; done
ip link set dev eth1 up
ip -n host link set dev lo up
ip -n host link set dev eth0 up
ip -n host route add default via "$HOST_GATEWAY"
echo 1 >/proc/sys/net/ipv4/ip_forward

# Counting only: what reaches the public NIC encrypted (IKE and ESP in UDP on 4500, or ESP), what reaches it for the
# remote subnets in clear, and what comes out of the tunnel for them (decrypted packets carry an IPsec policy).
{
    echo '*mangle'
    echo '-A PREROUTING -i vec0 -p udp -m udp --dport 4500 -m comment --comment s2stest-esp'
    echo '-A PREROUTING -i vec0 -p esp -m comment --comment s2stest-esp'
    for s in $SUBNETS; do
        echo "-A PREROUTING -i vec0 -d $s -m policy --dir in --pol none -m comment --comment s2stest-clear"
        echo "-A PREROUTING -d $s -m policy --dir in --pol ipsec -m comment --comment s2stest-tunnel"
    done
    echo COMMIT
} >/tmp/counters.rules
iptables-legacy-restore --noflush /tmp/counters.rules

# Libreswan is unpacked, not installed (scripts/test-deps.sh): pluto runs addconn and the updown script from
# /usr/libexec/ipsec, and the updown script calls "ipsec", so both are made to be where it looks.
mkdir -p /tmp/libexec /run/pluto /run/ipsec.d /run/nss
mount --bind /usr/libexec /tmp/libexec
mount -t tmpfs tmpfs /usr/libexec
for f in /tmp/libexec/*; do ln -s "$f" /usr/libexec/; done
ln -s "$LIBRESWAN/usr/libexec/ipsec" /usr/libexec/ipsec
export PATH="$LIBRESWAN/usr/sbin:$PATH"
certutil -N -d sql:/run/nss --empty-password
set +eux

# The commands the test sends (LibreswanGatewaySite).
pluto_start() {
    "$LIBRESWAN/usr/libexec/ipsec/pluto" --config /run/site/ipsec.conf --secretsfile /run/site/ipsec.secrets \
        --nssdir /run/nss --rundir /run/pluto --ipsecdir /run/ipsec.d --logfile /run/site/pluto.log || return
    # pluto forks and loads the conns (addconn --autoall: auto=add, auto=start initiates) once its socket is there.
    i=0
    while [ ! -S /run/pluto/pluto.ctl ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -S /run/pluto/pluto.ctl ]
}
whack() {
    "$LIBRESWAN/usr/libexec/ipsec/whack" --ctlsocket /run/pluto/pluto.ctl "$@"
}
counters() {
    iptables-legacy-save -c -t mangle
}
poweroff() {
    echo o >/proc/sysrq-trigger
    sleep 10
}

echo @@ready >&3
while IFS= read -r line; do
    { eval "$line"; } </dev/null >&3 2>&1
    echo "@@rc=$?" >&3
done
poweroff
