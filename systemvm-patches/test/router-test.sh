#!/usr/bin/env bash
# End-to-end test of s2svpn-router on this machine, as root: installs the scripts (install.sh --test-tools), then
# builds a router with two tiers, a "VM" namespace on each tier bridge and an upstream host namespace on the public
# bridge, and checks addresses, routing between tiers, source NAT, the router's charon, restart and destroy.
# Everything it creates is named after its pid and removed on exit, also on failure. Exit 0 only when every check
# passed; the last line is "N passed, M failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $(id -u) -eq 0 ]] || { echo "router-test: must run as root" >&2; exit 2; }
bash "$here/install.sh" --test-tools || { echo "router-test: install.sh failed" >&2; exit 2; }
readonly ROUTER_CMD=/opt/s2svpn/bin/s2svpn-router

# The router script's helpers (overlaps, host_ifnames_of, charon_pid, state_dir, vici_uri, no_ipv6, ...).
# shellcheck source=../bin/s2svpn-router
source "$ROUTER_CMD"
set +e

# --- names -------------------------------------------------------------------------------------------------------
id=$$
R="r-t$id"                      # the router
R_BAD="r-x$id"                  # the name of the specs that must be refused
BR_PUB="s2tp$id" BR_A="s2ta$id" BR_B="s2tb$id"
NS_VM1="s2t$id-vm1" NS_VM2="s2t$id-vm2" NS_UP="s2t$id-up"
tmp=$(mktemp -d /tmp/router-test.XXXXXX)

# --- checks ------------------------------------------------------------------------------------------------------
passed=0 failed=0

# check DESCRIPTION COMMAND...: runs the command in this shell; a failure shows the end of what it printed.
check() {
    local what=$1
    shift
    if "$@" >"$tmp/check.out" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $what"
    else
        failed=$((failed + 1))
        echo "FAIL $what"
        tail -n 20 "$tmp/check.out" | sed 's/^/       /'
    fi
}

# router ARGS...: runs s2svpn-router; its stdout is kept in OUT.
router() {
    local rc=0
    OUT=$("$ROUTER_CMD" "$@" 2>"$tmp/router.err") || rc=$?
    ((rc == 0)) || { echo "s2svpn-router $* exited $rc: $(cat "$tmp/router.err")"; return 1; }
}

json_eq() {  # json_eq ACTUAL EXPECTED
    [[ $(jq -cS . <<<"$1") == "$(jq -cS . <<<"$2")" ]] || { echo "expected: $2"; echo "actual:   $1"; return 1; }
}

source "$here/test/lib.sh"
echo "router-test: the root namespace uses ${root_cidrs//$'\n'/ }"
pub_cidr=$(pick 198.51.100.0/24 203.0.113.0/24 192.0.2.0/24) || { echo "router-test: no free public range" >&2; exit 2; }
tier_cidr=$(pick 10.250.0.0/16 172.31.0.0/16 192.168.0.0/16) || { echo "router-test: no free tier range" >&2; exit 2; }
P=${pub_cidr%.0/24}                 # e.g. 198.51.100
T=${tier_cidr%.0.0/16}              # e.g. 10.250
PUB_IP=$P.10 UP_IP=$P.1             # the upstream host is the router's gateway
GW_A=$T.1.1 GW_B=$T.2.1 VM1_IP=$T.1.10 VM2_IP=$T.2.10
echo "router-test: public $pub_cidr, tiers $T.1.0/24 and $T.2.0/24 (source NAT of $tier_cidr)" \
    "$([[ $pub_cidr == 198.51.100.0/24 && $tier_cidr == 10.250.0.0/16 ]] || echo '- not the first choice, see above')"

# --- the machine's state before, and cleanup -------------------------------------------------------------------------
root_forwarding=$(cat /proc/sys/net/ipv4/ip_forward)

cleanup() {
    local n pid l
    for n in "$R" "$R_BAD"; do
        "$ROUTER_CMD" destroy "$n" >/dev/null 2>&1
        # In case destroy itself is what failed.
        pid=$(charon_pid "$n") && kill -KILL "$pid"
        for l in $(host_ifnames_of "$n"); do ip link del dev "$l"; done
        rm -rf "$(state_dir "$n")"
    done
    for n in "$R" "$R_BAD" "$NS_VM1" "$NS_VM2" "$NS_UP"; do
        if [[ -e /run/netns/$n ]]; then
            for pid in $(ip netns pids "$n"); do kill -KILL "$pid"; done
            ip netns del "$n"
        fi
    done
    for n in "s2tv1$id" "s2tv2$id" "s2tvu$id" "$BR_A" "$BR_B" "$BR_PUB"; do
        ip link show dev "$n" >/dev/null 2>&1 && ip link del dev "$n"
    done
    rm -f "$LOCK_DIR/$R.lock" "$LOCK_DIR/$R_BAD.lock"
    rm -rf "$tmp"
} 2>/dev/null
trap cleanup EXIT
trap 'exit 130' INT TERM

# add_host NAMESPACE VETH BRIDGE ADDRESS/PREFIX [GATEWAY]: a namespace with one NIC (eth0) on a bridge
add_host() {
    ip netns add "$1" &&
        ip link add name "$2" type veth peer name eth0 netns "$1" &&
        no_ipv6 "$2" &&
        ip link set dev "$2" master "$3" up &&
        ip -n "$1" addr add "$4" dev eth0 &&
        ip -n "$1" link set dev eth0 up &&
        ip -n "$1" link set dev lo up &&
        { [[ -z ${5:-} ]] || ip -n "$1" route add default via "$5"; }
}

# --- the spec --------------------------------------------------------------------------------------------------------
write_spec() {  # write_spec FILE NAME TIER_JSON...
    local file=$1 name=$2
    shift 2
    jq -n --arg name "$name" --arg br "$BR_PUB" --arg ip "$PUB_IP" --arg gw "$UP_IP" --arg snat "$tier_cidr" \
        '{name: $name, public: {bridge: $br, device: "eth1", ip: $ip, prefix: 24, gateway: $gw},
          tiers: [$ARGS.positional[] | fromjson], snat: {cidr: $snat}}' --args "$@" >"$file"
}
TIER_A=$(jq -nc --arg br "$BR_A" --arg ip "$GW_A" '{bridge: $br, device: "eth2", ip: $ip, prefix: 24}')
TIER_B=$(jq -nc --arg br "$BR_B" --arg ip "$GW_B" '{bridge: $br, device: "eth3", ip: $ip, prefix: 24}')
SPEC=$tmp/spec.json
write_spec "$SPEC" "$R" "$TIER_A" "$TIER_B"
IFACES_AB=$(jq -n --arg p "$PUB_IP" --arg a "$GW_A" --arg b "$GW_B" '[
    {device: "eth1", ip: $p, prefix: 24, up: true},
    {device: "eth2", ip: $a, prefix: 24, up: true},
    {device: "eth3", ip: $b, prefix: 24, up: true}]')

router_state_is() {  # router_state_is EXISTS CHARON INTERFACES_JSON: from the JSON in OUT
    json_eq "$(jq '.interfaces |= sort_by(.device)' <<<"$OUT")" \
        "$(jq -n --arg n "$R" --argjson e "$1" --argjson c "$2" --argjson i "$3" \
            '{name: $n, exists: $e, charon: $c, interfaces: $i}')"
}
ns_addresses_are() {  # ns_addresses_are INTERFACES_JSON: the router namespace's real IPv4 addresses
    json_eq "$(ip -n "$R" -4 -j addr show | jq -c '[.[] | select(.ifname != "lo")
            | {device: .ifname, ip: .addr_info[0].local, prefix: .addr_info[0].prefixlen}] | sort_by(.device)')" \
        "$(jq -c 'map(del(.up))' <<<"$1")"
}
no_addresses_on() {  # no_addresses_on LINK...
    local l
    for l in "$@"; do
        [[ $(ip -j addr show dev "$l" | jq '.[0].addr_info | length') == 0 ]] || { ip addr show dev "$l"; return 1; }
    done
}
is_bridge() { [[ $(link_kind "$1") == bridge ]]; }
no_link() { not link_exists "$1"; }
no_router_veths() { local l; l=$(host_ifnames_of "$R"); [[ -z $l ]] || { echo "left: $l"; return 1; }; }
ns_forwarding_on() { [[ $(ip netns exec "$R" cat /proc/sys/net/ipv4/ip_forward) == 1 ]]; }
root_forwarding_unchanged() { [[ $(cat /proc/sys/net/ipv4/ip_forward) == "$root_forwarding" ]]; }
charon_in_router() {
    local pid
    pid=$(charon_pid "$R") || { echo "no charon pid"; return 1; }
    [[ $(ip netns identify "$pid") == "$R" ]] && CHARON_PID=$pid
}
swanctl_stats() {
    local out
    out=$(STRONGSWAN_CONF="$(state_dir "$R")/strongswan.conf" swanctl --stats --uri "$(vici_uri "$R")") &&
        grep 'loaded plugins:.*kernel-libipsec' <<<"$out"
}
charon_logs_to_file() {
    grep -q 'Starting IKE charon daemon' "$(state_dir "$R")/charon.log" &&
        grep -q 'loaded plugins: .*kernel-libipsec' "$(state_dir "$R")/charon.log"
}
process_gone() { [[ ! -e /proc/$1 ]]; }
# Other routers' charons may come and go meanwhile (other tests): only this router's own must be gone.
no_charon_of_router() {
    local pid
    for pid in $(pgrep -x charon); do
        ! grep -qz "/routers/$R/" "/proc/$pid/environ" 2>/dev/null || return 1
    done
}
iptables_rules() { ip netns exec "$R" iptables-save | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'; }
nat_rules_in_order() {
    ip netns exec "$R" iptables -t nat -S ROUTER_POSTROUTING | grep -- '^-A' >"$tmp/nat" &&
        diff -u - "$tmp/nat" <<EOF
-A ROUTER_POSTROUTING -o eth1 -m mark --mark 0x525 -j ACCEPT
-A ROUTER_POSTROUTING -s $tier_cidr -o eth1 -j SNAT --to-source $PUB_IP
EOF
}
input_hooks_s2s() {
    ip netns exec "$R" iptables -S INPUT | grep -qx -- '-A INPUT -j ROUTER_INPUT' &&
        ip netns exec "$R" iptables -S ROUTER_INPUT | grep -qx -- '-A ROUTER_INPUT -i eth1 -j S2S_INPUT' &&
        ip netns exec "$R" iptables -S ROUTER_INPUT | grep -qx -- '-A ROUTER_INPUT -i eth1 -j DROP'
}
# Echo requests the upstream host received, counted by source: the router's public IP, or a tier address.
upstream_echo_count() {  # upstream_echo_count SOURCE
    ip netns exec "$NS_UP" iptables -w -nvx -L INPUT | awk -v s="$1" '$8 == s {print $1}'
}
snat_ping() {  # snat_ping VM: the VM pings the upstream host, which sees the router's public IP and no tier address
    local before
    before=$(upstream_echo_count "$PUB_IP")
    pings "$1" "$UP_IP" || return 1
    (($(upstream_echo_count "$PUB_IP") > before)) || { echo "no echo request from $PUB_IP reached the upstream host"; return 1; }
    (($(upstream_echo_count "$tier_cidr") == 0)) || { echo "echo requests from $tier_cidr reached the upstream host"; return 1; }
}
marked_leaves_unnatted() {  # as the VPN apply script will mark site-to-site traffic: VM2's packets keep their source
    local rc=0
    ip netns exec "$R" iptables -w -t mangle -A PREROUTING -s "$VM2_IP" -j MARK --set-mark "$S2S_MARK" || return 1
    pings "$NS_VM2" "$UP_IP"  # no answer expected: the upstream host has no route back to the tier
    (($(upstream_echo_count "$tier_cidr") > 0)) || { echo "no echo request from $tier_cidr reached the upstream host"; rc=1; }
    ip netns exec "$R" iptables -w -t mangle -D PREROUTING -s "$VM2_IP" -j MARK --set-mark "$S2S_MARK"
    ip netns exec "$NS_UP" iptables -w -Z INPUT
    return $rc
}
public_port_dropped() {  # a TCP connection to the public IP gets no answer at all (DROP, not refused)
    timeout 2 ip netns exec "$NS_UP" bash -c "exec 3<>/dev/tcp/$PUB_IP/22" 2>/dev/null
    [[ $? == 124 ]]
}
refused() {  # refused SPEC_TEXT: start fails with a message, prints nothing, creates nothing
    printf '%s' "$1" >"$tmp/bad.json"
    local rc=0 out
    out=$("$ROUTER_CMD" start "$tmp/bad.json" 2>"$tmp/bad.err") || rc=$?
    ((rc != 0)) && [[ -z $out && -s $tmp/bad.err ]] || { echo "rc=$rc out=$out err=$(cat "$tmp/bad.err")"; return 1; }
    [[ ! -e /run/netns/$R_BAD && ! -e $(state_dir "$R_BAD") && ! -e /tmp/s2svpn-injected ]] || { echo "something was created"; return 1; }
    echo "refused: $(cat "$tmp/bad.err")"
}

# --- 1. the first start ----------------------------------------------------------------------------------------------
check "install.sh installed VERSION $(cat "$here/VERSION")" cmp "$here/VERSION" /opt/s2svpn/VERSION
check "the public bridge is made (by the test, as the zone would)" \
    eval 'ip link add name "$BR_PUB" type bridge && no_ipv6 "$BR_PUB" && ip link set dev "$BR_PUB" up'
check "start $R with two tiers" router start "$SPEC"
check "start prints the status: exists, charon, three interfaces up" router_state_is true true "$IFACES_AB"
check "the router namespace has the spec's addresses" ns_addresses_are "$IFACES_AB"
check "the tier bridges exist" eval 'is_bridge "$BR_A" && is_bridge "$BR_B"'
check "no bridge or host veth end has an address" no_addresses_on "$BR_PUB" "$BR_A" "$BR_B" $(host_ifnames_of "$R")
check "forwarding is on in the router namespace" ns_forwarding_on
check "the root namespace's forwarding is as it was ($root_forwarding)" root_forwarding_unchanged
check "source NAT: the 0x525 mark is left alone, then $tier_cidr becomes $PUB_IP" nat_rules_in_order
check "INPUT: ROUTER_INPUT hooked, S2S_INPUT before the public DROP" input_hooks_s2s
check "charon runs in the router namespace" charon_in_router
first_charon=$CHARON_PID
check "swanctl --stats answers on the router's vici socket" swanctl_stats
check "charon logs to $(state_dir "$R")/charon.log" charon_logs_to_file
check "the spec is saved in the state dir" cmp "$SPEC" <(jq . "$(state_dir "$R")/spec.json")

# --- 2. traffic ------------------------------------------------------------------------------------------------------
check "the upstream host and the VMs are attached" eval '
    add_host "$NS_UP" "s2tvu$id" "$BR_PUB" "$UP_IP/24" &&
    add_host "$NS_VM1" "s2tv1$id" "$BR_A" "$VM1_IP/24" "$GW_A" &&
    add_host "$NS_VM2" "s2tv2$id" "$BR_B" "$VM2_IP/24" "$GW_B" &&
    ip netns exec "$NS_UP" iptables -w -A INPUT -p icmp --icmp-type echo-request -s "$PUB_IP" -j ACCEPT &&
    ip netns exec "$NS_UP" iptables -w -A INPUT -p icmp --icmp-type echo-request -s "$tier_cidr" -j ACCEPT'
check "VM1 pings its gateway $GW_A" pings "$NS_VM1" "$GW_A"
check "VM2 pings its gateway $GW_B" pings "$NS_VM2" "$GW_B"
check "VM1 pings VM2 (tier to tier)" pings "$NS_VM1" "$VM2_IP"
check "VM2 pings VM1 (tier to tier)" pings "$NS_VM2" "$VM1_IP"
check "VM1 pings the upstream host, source-NATed to $PUB_IP" snat_ping "$NS_VM1"
check "VM2 pings the upstream host, source-NATed to $PUB_IP" snat_ping "$NS_VM2"
check "a packet marked $S2S_MARK leaves the router without source NAT" marked_leaves_unnatted
check "the upstream host pings the router's public IP" pings "$NS_UP" "$PUB_IP"
check "other traffic to the public IP is dropped" public_port_dropped

# --- 3. start again: nothing changes, S2S_INPUT is kept; a tier that goes is removed ---------------------------------
ip netns exec "$R" iptables -w -A S2S_INPUT -s "$UP_IP" -p udp --dport 500 -j ACCEPT
rules_before=$(iptables_rules)
check "start again succeeds" router start "$SPEC"
check "start again: same status" router_state_is true true "$IFACES_AB"
check "start again: same charon" eval '[[ $(charon_pid "$R") == "$first_charon" ]]'
check "start again: the same iptables rules, S2S_INPUT's own kept" eval 'diff -u <(echo "$rules_before") <(iptables_rules)'
write_spec "$tmp/spec-a.json" "$R" "$TIER_A"
check "start with tier B gone" router start "$tmp/spec-a.json"
check "tier B's device, veth and bridge are removed" eval '
    router_state_is true true "$(jq "del(.[2])" <<<"$IFACES_AB")" && no_link "$(host_ifname "$R" eth3)" && no_link "$BR_B"'
check "VM1 no longer reaches VM2" not pings "$NS_VM1" "$VM2_IP"
check "start with tier B back" router start "$SPEC"
# the tier's bridge is new: VM2 plugs into it again, as a VM of a re-created tier would
ip link set dev "s2tv2$id" master "$BR_B" up
check "VM1 pings VM2 again" pings "$NS_VM1" "$VM2_IP"
check "list names $R" eval 'router list && jq -e --arg r "$R" "index([\$r]) != null" <<<"$OUT"'
check "status of a router that does not exist" eval 'router status "$R_BAD" &&
    json_eq "$OUT" "{\"name\":\"$R_BAD\",\"exists\":false,\"charon\":false,\"interfaces\":[]}"'

# --- 4. stop and start: a reboot of the router -----------------------------------------------------------------------
charon_before_stop=$(charon_pid "$R")
nic_macs() { ip -n "$R" -j link show type veth | jq -c 'map({ifname, address}) | sort_by(.ifname)'; }
macs_before_stop=$(nic_macs)
check "stop $R" router stop "$R"
check "stop prints exists false, charon false" router_state_is false false '[]'
check "stop: no namespace, no veth, charon gone" eval '
    [[ ! -e /run/netns/$R ]] && no_router_veths && process_gone "$charon_before_stop"'
check "stop: bridges and state dir kept" eval 'is_bridge "$BR_A" && is_bridge "$BR_B" && [[ -f $(state_dir "$R")/spec.json ]]'
check "stop again is fine" router stop "$R"
check "start after stop" router start "$SPEC"
check "start after stop: status as before" router_state_is true true "$IFACES_AB"
check "the router's NICs have the same MAC addresses as before (ARP caches stay right)" \
    eval '[[ $(nic_macs) == "$macs_before_stop" ]]'
check "charon runs again, a new one" eval 'charon_in_router && [[ $CHARON_PID != "$charon_before_stop" ]]'
check "after the restart VM1 pings its gateway" pings "$NS_VM1" "$GW_A"
check "after the restart VM1 pings VM2" pings "$NS_VM1" "$VM2_IP"
check "after the restart VM2 pings the upstream host, source-NATed" snat_ping "$NS_VM2"

# --- 5. destroy ------------------------------------------------------------------------------------------------------
charon_before_destroy=$(charon_pid "$R")
check "destroy $R" router destroy "$R"
check "destroy: no namespace, no veth" eval '[[ ! -e /run/netns/$R ]] && no_router_veths'
check "destroy: no tier bridge, the public bridge kept" eval 'no_link "$BR_A" && no_link "$BR_B" && is_bridge "$BR_PUB"'
check "destroy: charon gone, no charon of the router left" eval '
    process_gone "$charon_before_destroy" && no_charon_of_router'
check "destroy: no state dir, not listed" eval '[[ ! -e $(state_dir "$R") ]] && router list &&
    jq -e --arg r "$R" "index([\$r]) == null" <<<"$OUT"'
check "destroy again is fine" router destroy "$R"

# --- 6. bad input ----------------------------------------------------------------------------------------------------
good=$(jq --arg n "$R_BAD" '.name = $n' "$SPEC")
check "refused: not JSON" refused '{"name": '
check "refused: a name with a shell command" refused "$(jq '.name = "r-1;touch /tmp/s2svpn-injected"' <<<"$good")"
check "refused: an upper-case name" refused "$(jq '.name = "R-1"' <<<"$good")"
check "refused: a bridge with a space" refused "$(jq '.tiers[0].bridge = "br0 type dummy"' <<<"$good")"
check "refused: a bridge name with a newline" refused "$(jq '.tiers[0].bridge = "br0\nx"' <<<"$good")"
check "refused: a device of 16 characters" refused "$(jq '.tiers[0].device = "eth0123456789012"' <<<"$good")"
check "refused: the IP 256.1.1.1" refused "$(jq '.public.ip = "256.1.1.1"' <<<"$good")"
check "refused: the IP 10.1.1.01" refused "$(jq '.tiers[0].ip = "10.1.1.01"' <<<"$good")"
check "refused: the prefix 33" refused "$(jq '.tiers[0].prefix = 33' <<<"$good")"
check "refused: a missing gateway" refused "$(jq 'del(.public.gateway)' <<<"$good")"
check "refused: a gateway outside the public network" refused "$(jq '.public.gateway = "10.9.9.9"' <<<"$good")"
check "refused: the SNAT CIDR \$(touch)" refused "$(jq '.snat.cidr = "$(touch /tmp/s2svpn-injected)"' <<<"$good")"
check "refused: two tiers on one device" refused "$(jq '.tiers[1].device = .tiers[0].device' <<<"$good")"
check "refused: overlapping tiers" refused "$(jq '.tiers[1].ip = .tiers[0].ip' <<<"$good")"
check "refused: a tier on the public bridge" refused "$(jq '.tiers[0].bridge = .public.bridge' <<<"$good")"
check "refused: status of an invalid name" not router status "../etc"

echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))
