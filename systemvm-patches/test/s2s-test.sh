#!/usr/bin/env bash
# End-to-end test of s2svpn-router's site-to-site VPN verbs (s2s-apply, s2s-status) on this machine, as root: installs
# what it needs (install.sh --test-tools), builds two VPC routers with `start` on one public bridge (a VPC-to-VPC
# setup: router A with tier 1, router B with tiers 2 and 3), a "VM" namespace on tiers 1 and 2, an upstream host on
# the public bridge, and applies hand-written specs to both routers: IKEv2 aes256-sha256-modp2048 with two CHILD SAs
# (B passive), the same spec again, a dead peer, changed connections, wrong PSK, refused proposal, refused traffic
# selectors, removal, reboot, IKEv1 3des-md5-modp1536 (A passive), and specs that must be refused. Traffic is
# checked on the wire with tcpdump. Everything it creates is named after its pid and removed on exit, also on
# failure. Exit 0 only when every check passed; the last line is "N passed, M failed". With S2S_TEST_KEEP_ON_FAIL=1
# it stops at the first failure and leaves everything as it is, to look at (then clean up by hand).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $(id -u) -eq 0 ]] || { echo "s2s-test: must run as root" >&2; exit 2; }
bash "$here/install.sh" --test-tools || { echo "s2s-test: install.sh failed" >&2; exit 2; }
# The router script of this checkout, not /opt/s2svpn's: tests of other checkouts on the same machine install theirs
# there at any time (S2S_ROUTER_SCRIPT=/opt/s2svpn/bin/s2svpn-router tests the installed one).
readonly ROUTER_SCRIPT=${S2S_ROUTER_SCRIPT:-$here/bin/s2svpn-router}
s2svpn_router() { bash "$ROUTER_SCRIPT" "$@"; }

# The router script's helpers (overlaps, host_ifname(s_of), charon_pid, state_dir, vici_uri, no_ipv6, sw, ...).
# shellcheck source=../bin/s2svpn-router
source "$ROUTER_SCRIPT"
set +e

# --- names -------------------------------------------------------------------------------------------------------
id=$$
RA="r-a$id" RB="r-b$id"          # the two VPC routers
R_BAD="r-x$id"                  # a router that does not exist
BR_PUB="s2sp$id" BR_A="s2sa$id" BR_B="s2sb$id" BR_C="s2sc$id"
NS_VMA="s2s$id-vma" NS_VMB="s2s$id-vmb" NS_UP="s2s$id-up"
VETH_VMA="s2sva$id" VETH_VMB="s2svb$id" VETH_UP="s2svu$id"
tmp=$(mktemp -d /tmp/s2s-test.XXXXXX)
INJECTED=/tmp/s2svpn-injected-$id

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
        tail -n 25 "$tmp/check.out" | sed 's/^/       /'
        if [[ ${S2S_TEST_KEEP_ON_FAIL:-} == 1 ]]; then
            echo "s2s-test: S2S_TEST_KEEP_ON_FAIL=1: stopping here, everything is left as it is (routers $RA $RB, $tmp)"
            local pid
            for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null; done
            trap - EXIT
            exit 1
        fi
    fi
}
info() { echo "info $*"; }
now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }

# router ARGS...: runs s2svpn-router; its stdout is kept in OUT, how long it took in MS.
router() {
    local rc=0 t0
    t0=$(now_ms)
    OUT=$(s2svpn_router "$@" 2>"$tmp/router.err") || rc=$?
    MS=$(($(now_ms) - t0))
    ((rc == 0)) || { echo "s2svpn-router $* exited $rc: $(cat "$tmp/router.err")"; return 1; }
}

source "$here/test/lib.sh"
echo "s2s-test: the root namespace uses ${root_cidrs//$'\n'/ }"
pub_cidr=$(pick 198.51.100.0/24 203.0.113.0/24 192.0.2.0/24) || { echo "s2s-test: no free public range" >&2; exit 2; }
tier_cidr=$(pick 10.250.0.0/16 172.31.0.0/16 192.168.0.0/16) || { echo "s2s-test: no free tier range" >&2; exit 2; }
P=${pub_cidr%.0/24}                 # e.g. 198.51.100
T=${tier_cidr%.0.0/16}              # e.g. 10.250
A_PUB=$P.10 B_PUB=$P.20 UP_IP=$P.1  # the upstream host is both routers' gateway
A_NET=$T.1.0/24 B_NET=$T.2.0/23     # the two VPCs' CIDRs: A has tier 1, B tiers 2 and 3
GW_A=$T.1.1 GW_B=$T.2.1 GW_C=$T.3.1 VMA_IP=$T.1.10 VMB_IP=$T.2.10
echo "s2s-test: public $pub_cidr, VPC A $A_NET (tier $T.1.0/24), VPC B $B_NET (tiers $T.2.0/24, $T.3.0/24)"

# --- the machine's state before, and cleanup -------------------------------------------------------------------------
bg_pids=()

cleanup() {
    local n pid l
    for pid in "${bg_pids[@]}"; do kill "$pid"; done
    for n in "$RA" "$RB" "$R_BAD"; do
        s2svpn_router destroy "$n" >/dev/null 2>&1
        # In case destroy itself is what failed.
        pid=$(charon_pid "$n") && kill -KILL "$pid"
        for l in $(host_ifnames_of "$n"); do ip link del dev "$l"; done
        rm -rf "$(state_dir "$n")"
        rm -f "$LOCK_DIR/$n.lock" "$LOCK_DIR/$n.initiate.lock" "$LOCK_DIR/$n.rotate.lock"
    done
    for n in "$RA" "$RB" "$NS_VMA" "$NS_VMB" "$NS_UP"; do
        if [[ -e /run/netns/$n ]]; then
            for pid in $(ip netns pids "$n"); do kill -KILL "$pid"; done
            ip netns del "$n"
        fi
    done
    for n in "$VETH_VMA" "$VETH_VMB" "$VETH_UP" "$BR_A" "$BR_B" "$BR_C" "$BR_PUB"; do
        ip link show dev "$n" >/dev/null 2>&1 && ip link del dev "$n"
    done
    rm -rf "$tmp" "$INJECTED"
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

# --- router specs (start) --------------------------------------------------------------------------------------------
router_spec() {  # router_spec FILE NAME PUBLIC_IP SNAT_CIDR TIER_JSON...
    local file=$1 name=$2 ip=$3 snat=$4
    shift 4
    jq -n --arg name "$name" --arg br "$BR_PUB" --arg ip "$ip" --arg gw "$UP_IP" --arg snat "$snat" \
        '{name: $name, public: {bridge: $br, device: "eth1", ip: $ip, prefix: 24, gateway: $gw},
          tiers: [$ARGS.positional[] | fromjson], snat: {cidr: $snat}}' --args "$@" >"$file"
}
router_spec "$tmp/router-a.json" "$RA" "$A_PUB" "$A_NET" \
    "$(jq -nc --arg br "$BR_A" --arg ip "$GW_A" '{bridge: $br, device: "eth2", ip: $ip, prefix: 24}')"
router_spec "$tmp/router-b.json" "$RB" "$B_PUB" "$B_NET" \
    "$(jq -nc --arg br "$BR_B" --arg ip "$GW_B" '{bridge: $br, device: "eth2", ip: $ip, prefix: 24}')" \
    "$(jq -nc --arg br "$BR_C" --arg ip "$GW_C" '{bridge: $br, device: "eth3", ip: $ip, prefix: 24}')"

# --- S2S specs -------------------------------------------------------------------------------------------------------
# A connection, as the management server would describe it (the swanctl text rendered the way it would be, but for
# the lifetimes, DPD and keyingtries; start_action = start unless passive, or the connection's .start_action):
#   name version proposals local peer local_cidr remote_cidrs(space separated) split passive psk
conn() {
    jq -nc --arg name "$1" --argjson version "$2" --arg proposals "$3" --arg local "$4" --arg peer "$5" \
        --arg local_cidr "$6" --arg remote "$7" --argjson split "$8" --argjson passive "$9" --arg psk "${10}" '
        ($remote | split(" ")) as $remote
        | {name: $name, version: $version, proposals: $proposals, local: $local, peer: $peer,
           local_cidr: $local_cidr, remote_cidrs: $remote, passive: $passive, psk: $psk,
           children: (if $split then [range($remote | length) | if . == 0 then $name else "\($name)-\(. + 1)" end]
                      else [$name] end)}'
}
# s2s_spec FILE ROUTER CONN_JSON...: the s2s-apply spec of these connections, its hash computed as the server would.
s2s_spec() {
    local file=$1 router=$2
    shift 2
    jq -n --arg router "$router" '
        def indent($n): split("\n") | map(if . == "" then . else (" " * $n) + . end) | join("\n");
        def child($c; $child; $remote): "\($child) {
  local_ts = \($c.local_cidr)
  remote_ts = \($remote)
  esp_proposals = \($c.proposals)
  rekey_time = 1h
  dpd_action = \(if $c.passive then "clear" else "restart" end)
  start_action = \($c.start_action // (if $c.passive then "none" else "start" end))
}";
        def connection($c): "\($c.name) {
  version = \($c.version)
  local_addrs = \($c.local)
  remote_addrs = \($c.peer)
  proposals = \($c.proposals)
  rekey_time = 4h
  encap = yes
  dpd_delay = 2s
  keyingtries = 1
  local {
    auth = psk
    id = \($c.local)
  }
  remote {
    auth = psk
    id = \($c.peer)
  }
  children {
\([if ($c.children | length) == 1 then child($c; $c.name; ($c.remote_cidrs | join(",")))
   else range($c.children | length) as $i | child($c; $c.children[$i]; $c.remote_cidrs[$i]) end] | join("\n") | indent(4))
  }
}";
        [$ARGS.positional[] | fromjson] as $conns
        | {name: $router,
           swanctl: "connections {\n\([$conns[] | connection(.)] | join("\n") | indent(2))\n}\n",
           secrets: "secrets {\n\([$conns[] | "ike-\(.name) {\n  id-1 = \(.local)\n  id-2 = \(.peer)\n  secret = \"\(.psk)\"\n}"]
                     | join("\n") | indent(2))\n}\n",
           connections: [$conns[] | {name, peer, local, local_cidr, remote_cidrs, children, passive}]}
        | .hash = (tojson)' --args "$@" >"$file.tmp" &&
        jq --arg hash "$(jq -cS 'del(.hash)' "$file.tmp" | sha256sum | cut -c1-64)" '.hash = $hash' "$file.tmp" >"$file" &&
        rm -f "$file.tmp"
}

PSK1="s2s-test-$id-psk-one-Xq7"      # the good pre-shared key of vpn-1
PSK_BAD="s2s-test-$id-psk-bad-Zr4"   # what B has instead in the wrong-PSK case
PSK2="s2s-test-$id-psk-two-Wm9"      # vpn-2's (IKEv1)
PSK_LEAK="s2s-test-$id-psk-leak-Kd2" # in a secrets text that cannot be parsed
IKE2=aes256-sha256-modp2048 IKE1=3des-md5-modp1536
# vpn-1: IKEv2, A initiates, B passive. A splits B's two tiers into two CHILD SAs (vpn-1, vpn-1-2); B has one child
# for its whole VPC, which narrows to each of them.
A1=$(conn vpn-1 2 "$IKE2" "$A_PUB" "$B_PUB" "$A_NET" "$T.2.0/24 $T.3.0/24" true false "$PSK1")
B1=$(conn vpn-1 2 "$IKE2" "$B_PUB" "$A_PUB" "$B_NET" "$A_NET" false true "$PSK1")
B1_BADPSK=$(conn vpn-1 2 "$IKE2" "$B_PUB" "$A_PUB" "$B_NET" "$A_NET" false true "$PSK_BAD")
B1_BADPROP=$(conn vpn-1 2 aes128-sha1-modp2048 "$B_PUB" "$A_PUB" "$B_NET" "$A_NET" false true "$PSK1")
# vpn-2: IKEv1, B initiates, A passive.
A2=$(conn vpn-2 1 "$IKE1" "$A_PUB" "$B_PUB" "$A_NET" "$B_NET" false true "$PSK2")
B2=$(conn vpn-2 1 "$IKE1" "$B_PUB" "$A_PUB" "$B_NET" "$A_NET" false false "$PSK2")
s2s_spec "$tmp/a1.json" "$RA" "$A1"
# vpn-9: to a peer that does not exist
A9=$(conn vpn-9 2 "$IKE2" "$A_PUB" "$P.99" "$A_NET" "$T.9.0/24" false false "$PSK1")
s2s_spec "$tmp/a1-dead.json" "$RA" "$A1" "$A9"
# vpn-1 changed: A offers a second IKE proposal; A without B's tier 3; B only for its tier 2
s2s_spec "$tmp/a1-prop.json" "$RA" "$(conn vpn-1 2 "$IKE2,aes128-sha256-modp2048" "$A_PUB" "$B_PUB" "$A_NET" "$T.2.0/24 $T.3.0/24" true false "$PSK1")"
# vpn-1 as the previous version rendered it: initiated by the router script only (start_action = none)
s2s_spec "$tmp/a1-none.json" "$RA" "$(jq -c '.start_action = "none"' <<<"$A1")"
s2s_spec "$tmp/a1-one.json" "$RA" "$(conn vpn-1 2 "$IKE2" "$A_PUB" "$B_PUB" "$A_NET" "$T.2.0/24" true false "$PSK1")"
s2s_spec "$tmp/b1-narrow.json" "$RB" "$(conn vpn-1 2 "$IKE2" "$B_PUB" "$A_PUB" "$T.2.0/24" "$A_NET" false true "$PSK1")"
s2s_spec "$tmp/a-none.json" "$RA"
s2s_spec "$tmp/a2.json" "$RA" "$A2"
s2s_spec "$tmp/b1.json" "$RB" "$B1"
s2s_spec "$tmp/b1-badpsk.json" "$RB" "$B1_BADPSK"
s2s_spec "$tmp/b1-badprop.json" "$RB" "$B1_BADPROP"
s2s_spec "$tmp/b2.json" "$RB" "$B2"

# --- status helpers --------------------------------------------------------------------------------------------------
status() { router s2s-status "$1" && echo "$OUT" >"$tmp/status.$1"; }  # status ROUTER: s2s-status, also in a file
st() { status "$1" >/dev/null && jq -c "$2" <<<"$OUT"; }             # st ROUTER JQ: a value of its s2s-status
conn_of() { st "$1" ".connections[] | select(.name == \"$2\") | $3"; } # conn_of ROUTER CONN JQ

# is_up ROUTER CONN CHILDREN: the connection's IKE SA is ESTABLISHED and it has that many CHILD SAs, all INSTALLED
is_up() {
    [[ $(conn_of "$1" "$2" '.ike_state == "ESTABLISHED" and (.children | length) == '"$3"' and
        all(.children[]; .state == "INSTALLED")') == true ]]
}
# wait_until SECONDS COMMAND...: polls the command every 0.2 s; WAITED is how long it took, in ms
wait_until() {
    local limit=$(($1 * 1000)) t0
    shift
    t0=$(now_ms)
    while :; do
        if "$@" >/dev/null 2>&1; then WAITED=$(($(now_ms) - t0)); return 0; fi
        (($(now_ms) - t0 < limit)) || break
        sleep 0.2
    done
    echo "not true after $((limit / 1000)) s: $*"
    cat "$tmp/status."* 2>/dev/null | jq -c . 2>/dev/null
    return 1
}
# never_within SECONDS COMMAND...: the command stays false for that long
never_within() {
    local limit=$(($1 * 1000)) t0
    shift
    t0=$(now_ms)
    while (($(now_ms) - t0 < limit)); do
        if "$@" >/dev/null 2>&1; then echo "became true: $*"; return 1; fi
        sleep 0.3
    done
}
ike_sa_count() {  # ike_sa_count ROUTER: how many IKE SAs its charon has, in any state
    sw "$1" 10 --list-sas --raw | grep -c '^list-sa event'
}
# settled ROUTER: the background initiation of its last apply has ended (the apply started it before it returned)
settled() {
    sleep 1
    wait_until 30 eval "! pgrep -f 's2s-initiate $1\$'"
}
# initiations ROUTER: how many IKE SAs and CHILD SAs its charon has set up as the initiator, from its log
initiations() { grep -cE 'initiating (Main Mode )?IKE_SA|establishing CHILD_SA' "$(state_dir "$1")/charon.log"; }
up_both() {  # up_both CONN CHILDREN_A CHILDREN_B
    is_up "$RA" "$1" "$2" && is_up "$RB" "$1" "$3"
}
last_error_matches() {  # last_error_matches ROUTER CONN REGEX
    local e
    e=$(conn_of "$1" "$2" '.last_error // ""' | jq -r .)
    grep -qiE "$3" <<<"$e" || { echo "last_error of $2 on $1: '$e'"; return 1; }
}
no_ike_sa_named() {  # no_ike_sa_named ROUTER NAME
    ! sw "$1" 10 --list-sas --raw | grep -q "^list-sa event {$2 "
}
ids_of() {  # ids_of ROUTER CONN: the IKE SA's unique id, established time (s ago -> epoch) and CHILD SA ids
    conn_of "$1" "$2" '[.ike_id, (now - .ike_established | floor), [.children[].id]]'
}
same_ids() {  # same_ids BEFORE AFTER: same ids, established at the same time give or take 2 s
    jq -e -n --argjson a "$1" --argjson b "$2" '$a[0] == $b[0] and $a[2] == $b[2] and ($a[1] - $b[1] | fabs) <= 2' \
        >/dev/null || { echo "before: $1"; echo "after:  $2"; return 1; }
}

# --- traffic helpers -------------------------------------------------------------------------------------------------
# capture NAME INTERFACE FILTER: tcpdump in the background until capture_stop NAME; its lines in $tmp/NAME.cap
declare -A cap_pids
capture() {
    tcpdump -i "$2" -n -l -p "$3" >"$tmp/$1.cap" 2>"$tmp/$1.caperr" &
    cap_pids[$1]=$!
    bg_pids+=("$!")
    local i
    for ((i = 0; i < 50; i++)); do
        grep -q 'listening on' "$tmp/$1.caperr" 2>/dev/null && return 0
        sleep 0.1
    done
    cat "$tmp/$1.caperr"
    return 1
}
capture_stop() {
    sleep 0.3
    kill -INT "${cap_pids[$1]}" 2>/dev/null
    wait "${cap_pids[$1]}" 2>/dev/null
    return 0
}
count_in() { grep -cE "$2" "$tmp/$1.cap"; }  # count_in NAME REGEX: captured lines that match

# echo requests that reached VM B, counted by source (its INPUT chain has a counting rule per source)
vmb_echo_count() { ip netns exec "$NS_VMB" iptables -w -nvx -L INPUT | awk -v s="$1" '$8 == s {print $1}'; }

# tunnel_ping NAME FROM_NS TO_IP ROUTER_NIC: the ping passes, and on the public bridge it was only ESP in UDP 4500 (the
# capture is of the sending router's public NIC): no ICMP in clear, and ESP packets each way (an echo and its reply).
tunnel_ping() {
    capture "$1" "$4" 'icmp or udp port 4500 or udp port 500 or esp' || return 1
    pings "$2" "$3"
    local rc=$?
    capture_stop "$1"
    ((rc == 0)) || { echo "ping $3 from $2 failed"; return 1; }
    local icmp esp
    icmp=$(count_in "$1" 'ICMP')
    esp=$(count_in "$1" '\.4500 > .*\.4500: UDP-encap: ESP')
    local out back
    out=$(count_in "$1" "^.* IP ${5//./\\.}\\.4500 > [0-9.]+\\.4500: UDP-encap: ESP")
    back=$(count_in "$1" "^.* IP [0-9.]+\\.4500 > ${5//./\\.}\\.4500: UDP-encap: ESP")
    echo "ICMP packets in clear: $icmp, ESP-in-UDP packets: $esp ($out out, $back back)"
    head -n 5 "$tmp/$1.cap"
    ((icmp == 0 && out >= 1 && back >= 1))
}

# --- secrets helpers -------------------------------------------------------------------------------------------------
# ps_watch_start / ps_watch_stop: the command lines of every process (what ps shows), sampled every 20 ms while
# applies run
ps_watch_start() {
    (while :; do cat /proc/[0-9]*/cmdline | tr '\0' ' '; echo; sleep 0.02; done) >"$tmp/ps.txt" 2>/dev/null &
    PS_WATCH=$!
    bg_pids+=("$!")
}
ps_watch_stop() { kill "$PS_WATCH" 2>/dev/null; wait "$PS_WATCH" 2>/dev/null; return 0; }
nowhere() {  # nowhere STRING FILE...: the string is in none of the files
    local f
    for f in "${@:2}"; do
        if grep -aqF -- "$1" "$f"; then echo "found in $f: $(grep -aF -- "$1" "$f" | head -n 2)"; return 1; fi
    done
}
mode_is() { [[ $(stat -c %a "$2") == "$1" ]] || { echo "$2: mode $(stat -c %a "$2"), expected $1"; return 1; }; }

# --- 1. two routers and their VMs ------------------------------------------------------------------------------------
A_NIC=$(host_ifname "$RA" eth1) B_NIC=$(host_ifname "$RB" eth1)
check "install.sh installed VERSION $(cat "$here/VERSION"), with tcpdump" \
    eval 'cmp "$here/VERSION" /opt/s2svpn/VERSION && command -v tcpdump'
check "the public bridge is made (by the test, as the zone would)" \
    eval 'ip link add name "$BR_PUB" type bridge && no_ipv6 "$BR_PUB" && ip link set dev "$BR_PUB" up'
check "start router A ($RA, VPC $A_NET)" router start "$tmp/router-a.json"
check "start router B ($RB, VPC $B_NET)" router start "$tmp/router-b.json"
our_charons="$(charon_pid "$RA") $(charon_pid "$RB")"
check "the VMs and the upstream host are attached" eval '
    add_host "$NS_UP" "$VETH_UP" "$BR_PUB" "$UP_IP/24" &&
    add_host "$NS_VMA" "$VETH_VMA" "$BR_A" "$VMA_IP/24" "$GW_A" &&
    add_host "$NS_VMB" "$VETH_VMB" "$BR_B" "$VMB_IP/24" "$GW_B" &&
    ip netns exec "$NS_VMB" iptables -w -A INPUT -p icmp --icmp-type echo-request -s "$VMA_IP" -j ACCEPT &&
    ip netns exec "$NS_VMB" iptables -w -A INPUT -p icmp --icmp-type echo-request -s "$A_PUB" -j ACCEPT'
check "VM A pings its gateway, VM B its gateway" eval 'pings "$NS_VMA" "$GW_A" && pings "$NS_VMB" "$GW_B"'
check "a router without S2S configuration (nor s2s.log): hash null, connections [], nothing on stderr" eval '
    router s2s-status "$RA" && [[ $(jq -c . <<<"$OUT") == "{\"name\":\"$RA\",\"hash\":null,\"connections\":[]}" ]] &&
    [[ ! -s $tmp/router.err ]]'
check "without a tunnel, VM A does not reach VM B" not pings "$NS_VMA" "$VMB_IP"

# --- 2. B passive: applied first, it never initiates -----------------------------------------------------------------
ps_watch_start
capture b_ike "$B_NIC" "src host $B_PUB and (udp port 500 or udp port 4500)"
# "At once": well under what waiting for a dead peer would take (charon's own retransmits, 165 s), with room for a
# machine busy with other work (applies took 10 to 16 s at a load of 36). That the apply leaves initiation to the
# background is checked by state, not time: right after it returns, a dead peer's connection is still CONNECTING.
readonly APPLY_MAX_MS=60000 STATUS_MAX_MS=10000
check "s2s-apply on B (vpn-1 passive) returns at once" eval 'router s2s-apply "$tmp/b1.json" && ((MS < APPLY_MAX_MS))'
info "s2s-apply on B took $MS ms"
check "B's apply printed its status: its hash, vpn-1 without SAs" eval '
    jq -e --arg h "$(jq -r .hash "$tmp/b1.json")" ".hash == \$h and (.connections | length) == 1 and
        .connections[0] == {name: \"vpn-1\", ike_state: null, ike_established: null, ike_id: null, children: [],
        last_error: null}" <<<"$OUT"'
check "passive vpn-1 on B, A not configured: B stays without IKE SA for 4 s" \
    never_within 4 eval '[[ $(conn_of "$RB" vpn-1 .ike_state) != null ]]'
capture_stop b_ike
check "passive: B sent no IKE packet (tcpdump on its public NIC)" eval '
    [[ $(count_in b_ike .) == 0 ]] || { cat "$tmp/b_ike.cap"; false; }'
check "passive: B's charon logged no initiation" not grep -E 'initiating (Main Mode )?IKE_SA' "$(state_dir "$RB")/charon.log"

# --- 3. A initiates: both up ------------------------------------------------------------------------------------------
check "s2s-apply on A (vpn-1, two children) returns at once" eval 'router s2s-apply "$tmp/a1.json" && ((MS < APPLY_MAX_MS))'
apply_ms=$MS
check "vpn-1 ESTABLISHED on A (2 CHILD SAs INSTALLED) and on B (2) within 10 s" wait_until 10 up_both vpn-1 2 2
info "s2s-apply on A took $apply_ms ms; ESTABLISHED on both $WAITED ms after it returned"
check "s2s-status on A answers fast" eval 'router s2s-status "$RA" && ((MS < STATUS_MAX_MS))'
info "s2s-status on A took $MS ms"
check "A's CHILD SAs: vpn-1 $A_NET === $T.2.0/24, vpn-1-2 $A_NET === $T.3.0/24" eval '
    [[ $(st "$RA" "[.connections[0].children[] | [.name, .local_ts, .remote_ts]]") == "[[\"vpn-1\",[\"$A_NET\"],[\"$T.2.0/24\"]],[\"vpn-1-2\",[\"$A_NET\"],[\"$T.3.0/24\"]]]" ]] ||
        { jq -c . <<<"$OUT"; false; }'
check "B's CHILD SAs: two named vpn-1, narrowed to its two tiers" eval '
    [[ $(st "$RB" "[.connections[0].children[] | [.name, .local_ts, .remote_ts]] | sort") == "[[\"vpn-1\",[\"$T.2.0/24\"],[\"$A_NET\"]],[\"vpn-1\",[\"$T.3.0/24\"],[\"$A_NET\"]]]" ]] ||
        { jq -c . <<<"$OUT"; false; }'
check "once A's initiation has settled: one IKE SA on each side, vpn-1 initiated once (both children in it)" eval '
    settled "$RA" && [[ $(ike_sa_count "$RA") == 1 && $(ike_sa_count "$RB") == 1 ]] && up_both vpn-1 2 2 &&
    [[ $(grep -cE "initiating IKE_SA vpn-1\[" "$(state_dir "$RA")/charon.log") == 1 ]]'
check "passive: B still never initiated" not grep -E 'initiating (Main Mode )?IKE_SA' "$(state_dir "$RB")/charon.log"
check "A logged the apply in s2s.log" grep -q "apply .*vpn-1 (peer $B_PUB" "$(state_dir "$RA")/s2s.log"
check "A's S2S_INPUT: IKE and ESP from $B_PUB to $A_PUB only" eval '
    diff -u <(printf "%s\n" "-A S2S_INPUT -s $B_PUB/32 -d $A_PUB/32 -p udp -m udp --dport 500 -j ACCEPT" \
        "-A S2S_INPUT -s $B_PUB/32 -d $A_PUB/32 -p udp -m udp --dport 4500 -j ACCEPT" \
        "-A S2S_INPUT -s $B_PUB/32 -d $A_PUB/32 -p esp -j ACCEPT") \
        <(ip netns exec "$RA" iptables -w -S S2S_INPUT | grep -- "^-A")'
marks_of_a() {
    local rules c
    rules=$(ip netns exec "$RA" iptables -w -t mangle -S) || return 1
    for c in $T.2.0/24 $T.3.0/24; do
        grep -qx -- "-A S2S_MARK_FWD -s $A_NET -d $c -j MARK --set-xmark 0x525/0xffffffff" <<<"$rules" &&
            grep -qx -- "-A S2S_MARK_OUT -s $A_NET -d $c -j MARK --set-xmark 0x525/0xffffffff" <<<"$rules" &&
            grep -qx -- "-A S2S_MARK_FWD -s $c -d $A_NET -j MARK --set-xmark 0x524/0xffffffff" <<<"$rules" &&
            grep -qx -- "-A S2S_MARK_IN -s $c -d $A_NET -j MARK --set-xmark 0x524/0xffffffff" <<<"$rules" ||
            { echo "$rules"; return 1; }
    done
    grep -qx -- "-A FORWARD -j S2S_MARK_FWD" <<<"$rules" && grep -qx -- "-A OUTPUT -j S2S_MARK_OUT" <<<"$rules" &&
        grep -qx -- "-A INPUT -j S2S_MARK_IN" <<<"$rules"
}
check "A's mangle marks: 0x525 towards each of B's tiers (FORWARD, OUTPUT), 0x524 back (FORWARD, INPUT)" marks_of_a
check "A's source NAT skips 0x525 before it translates $A_NET" eval '
    [[ $(ip netns exec "$RA" iptables -w -t nat -S ROUTER_POSTROUTING | grep -- "^-A" | head -n 1) == "-A ROUTER_POSTROUTING -o eth1 -m mark --mark 0x525 -j ACCEPT" ]]'

# --- 4. traffic through the tunnel -----------------------------------------------------------------------------------
counters() { conn_of "$RA" vpn-1 "[.children[] | select(.name == \"$1\") | .bytes_in, .bytes_out, .packets_in, .packets_out]"; }
before1=$(counters vpn-1) before2=$(counters vpn-1-2)
check "VM A pings VM B through the tunnel: only ESP in UDP 4500 on A's public NIC, no ICMP in clear" \
    tunnel_ping ping1 "$NS_VMA" "$VMB_IP" "$A_NIC" "$A_PUB"
check "VM B saw the echo requests from $VMA_IP itself (not source-NATed to $A_PUB)" eval '
    (($(vmb_echo_count "$VMA_IP") >= 1)) && (($(vmb_echo_count "$A_PUB") == 0))'
check "VM A pings B's tier 3 gateway $GW_C through the second CHILD SA (vpn-1-2)" \
    tunnel_ping ping2 "$NS_VMA" "$GW_C" "$A_NIC" "$A_PUB"
check "the counters of CHILD SA vpn-1 grew (bytes and packets, in and out)" eval '
    jq -e -n --argjson a "$before1" --argjson b "$(counters vpn-1)" "[range(4) | \$b[.] > \$a[.]] | all" ||
        { echo "$before1 -> $(counters vpn-1)"; false; }'
check "the counters of CHILD SA vpn-1-2 grew" eval '
    jq -e -n --argjson a "$before2" --argjson b "$(counters vpn-1-2)" "[range(4) | \$b[.] > \$a[.]] | all" ||
        { echo "$before2 -> $(counters vpn-1-2)"; false; }'
check "A marked the tunnelled packets 0x525" eval '
    (($(ip netns exec "$RA" iptables -w -t mangle -nvx -L S2S_MARK_FWD | awk "/0x525/ && \$8 == \"$A_NET\" {n += \$1} END {print n+0}") > 0))'
check "VM B pings VM A back through the tunnel" tunnel_ping ping3 "$NS_VMB" "$VMA_IP" "$B_NIC" "$B_PUB"

# --- 5. the same spec again: nothing changes --------------------------------------------------------------------------
ids_a=$(ids_of "$RA" vpn-1) ids_b=$(ids_of "$RB" vpn-1)
rules_a=$(ip netns exec "$RA" iptables-save | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//')
sleep 1
initiations_a=$(initiations "$RA")
check "s2s-apply of the same spec again on A and on B" eval 'router s2s-apply "$tmp/a1.json" && router s2s-apply "$tmp/b1.json"'
info "s2s-apply again (nothing to change) took $MS ms"
sleep 2
check "the same IKE SA and CHILD SAs on A (unique ids, established time)" eval 'same_ids "$ids_a" "$(ids_of "$RA" vpn-1)"'
check "the same IKE SA and CHILD SAs on B" eval 'same_ids "$ids_b" "$(ids_of "$RB" vpn-1)"'
check "still one IKE SA on each side, all up" eval '
    [[ $(ike_sa_count "$RA") == 1 && $(ike_sa_count "$RB") == 1 ]] && up_both vpn-1 2 2'
check "the same iptables rules on A" eval 'diff -u <(echo "$rules_a") <(ip netns exec "$RA" iptables-save | grep -v "^#" | sed "s/\[[0-9]*:[0-9]*\]//")'
check "A initiated nothing: no IKE SA, no CHILD SA set up again" eval '
    settled "$RA" && [[ $(initiations "$RA") == "$initiations_a" ]] || { echo "$initiations_a -> $(initiations "$RA")"; false; }'
check "VM A still pings VM B" pings "$NS_VMA" "$VMB_IP"

# --- 5b. a peer that is down ----------------------------------------------------------------------------------------
check "s2s-apply on A with vpn-9 added, to a peer that does not answer, returns at once" eval '
    router s2s-apply "$tmp/a1-dead.json" && ((MS < APPLY_MAX_MS))'
info "s2s-apply with a dead peer took $MS ms"
check "vpn-9 is CONNECTING, vpn-1 keeps its SAs" eval '
    wait_until 5 eval "[[ \$(conn_of \"$RA\" vpn-9 .ike_state) == \"\\\"CONNECTING\\\"\" ]]" &&
    same_ids "$ids_a" "$(ids_of "$RA" vpn-1)"'
check "vpn-9 is initiated once: once A's initiation has settled, two IKE SAs on A (vpn-1 and vpn-9)" eval '
    settled "$RA" && [[ $(ike_sa_count "$RA") == 2 ]]'
check "s2s-apply on A without vpn-9: its connecting IKE SA is terminated" eval '
    router s2s-apply "$tmp/a1.json" && no_ike_sa_named "$RA" vpn-9 && [[ $(ike_sa_count "$RA") == 1 ]]'

# --- 5c. a connection that changes --------------------------------------------------------------------------------
check "s2s-apply on A without B's tier 3: CHILD SA vpn-1-2 is terminated, vpn-1 kept, on both sides" eval '
    router s2s-apply "$tmp/a1-one.json" &&
    wait_until 5 eval "is_up \"$RA\" vpn-1 1 && is_up \"$RB\" vpn-1 1" &&
    [[ $(conn_of "$RA" vpn-1 "[.ike_id, [.children[].id]]") == "$(jq -c "[.[0], [.[2][0]]]" <<<"$ids_a")" ]]'
check "VM A no longer reaches B's tier 3, still reaches VM B" eval 'not pings "$NS_VMA" "$GW_C" && pings "$NS_VMA" "$VMB_IP"'
check "s2s-apply on A with tier 3 again: the missing CHILD SA is initiated in the same IKE SA, once" eval '
    router s2s-apply "$tmp/a1.json" && wait_until 10 up_both vpn-1 2 2 &&
    [[ $(conn_of "$RA" vpn-1 .ike_id) == "$(jq ".[0]" <<<"$ids_a")" ]] && pings "$NS_VMA" "$GW_C" &&
    settled "$RA" && [[ $(ike_sa_count "$RA") == 1 ]] && up_both vpn-1 2 2'
check "s2s-apply on B for its tier 2 only: B terminates the CHILD SA of tier 3" eval '
    router s2s-apply "$tmp/b1-narrow.json" && wait_until 5 eval "is_up \"$RA\" vpn-1 1 && is_up \"$RB\" vpn-1 1"'
check "s2s-apply on A again: B refuses tier 3, A's last_error says TS_UNACCEPTABLE, vpn-1 stays up" eval '
    router s2s-apply "$tmp/a1.json" && wait_until 6 last_error_matches "$RA" vpn-1 TS_UNACCEPTABLE && is_up "$RA" vpn-1 1 &&
    last_error_matches "$RB" vpn-1 "traffic selectors .* unacceptable"'
info "last_error on A: $(conn_of "$RA" vpn-1 .last_error); on B: $(conn_of "$RB" vpn-1 .last_error)"
check "s2s-apply on B with tier 3 again, then on A: both CHILD SAs up" eval '
    router s2s-apply "$tmp/b1.json" && router s2s-apply "$tmp/a1.json" && wait_until 10 up_both vpn-1 2 2'
check "s2s-apply on A with another IKE proposal list for vpn-1: its IKE SA is set up again (new unique id)" eval '
    router s2s-apply "$tmp/a1-prop.json" &&
    wait_until 10 eval "up_both vpn-1 2 2 && [[ \$(conn_of \"$RA\" vpn-1 .ike_id) != $(jq ".[0]" <<<"$ids_a") ]]"'
check "once A's initiation has settled: the old IKE SA is gone, one IKE SA on each side (within 5 s)" eval '
    settled "$RA" && wait_until 5 eval "[[ \$(ike_sa_count \"$RA\") == 1 && \$(ike_sa_count \"$RB\") == 1 ]]" &&
    up_both vpn-1 2 2'
check "s2s-apply on A of vpn-1 as the previous version rendered it (start_action none): up, initiated by the script" eval '
    router s2s-apply "$tmp/a1-none.json" && wait_until 10 up_both vpn-1 2 2 && settled "$RA" &&
    wait_until 5 eval "[[ \$(ike_sa_count \"$RA\") == 1 ]]" && up_both vpn-1 2 2'
ids_a=$(ids_of "$RA" vpn-1)
check "then with start_action start (the first apply after an upgrade): the same IKE SA, one CHILD SA per child" eval '
    router s2s-apply "$tmp/a1.json" && settled "$RA" && wait_until 10 up_both vpn-1 2 2 &&
    [[ $(ike_sa_count "$RA") == 1 && $(conn_of "$RA" vpn-1 .ike_id) == "$(jq ".[0]" <<<"$ids_a")" ]] &&
    pings "$NS_VMA" "$VMB_IP" && pings "$NS_VMA" "$GW_C"'

# --- 6. secrets ------------------------------------------------------------------------------------------------------
ps_watch_stop
SW_A=$(state_dir "$RA")/swanctl
check "A's swanctl dir is 0700, its files 0600 (secrets.conf, conns.conf, swanctl.conf)" eval '
    mode_is 700 "$SW_A" && mode_is 600 "$SW_A/secrets.conf" && mode_is 600 "$SW_A/conns.conf" && mode_is 600 "$SW_A/swanctl.conf"'
check "the secrets file holds the PSK as the spec gave it" grep -qF "secret = \"$PSK1\"" "$SW_A/secrets.conf"
check "no PSK in s2s.log (A, B), in what the applies printed, or in any command line while they ran" eval '
    nowhere "$PSK1" "$(state_dir "$RA")/s2s.log" "$(state_dir "$RB")/s2s.log" "$tmp/ps.txt" "$tmp/status.$RA" "$tmp/status.$RB" &&
    nowhere "$PSK1" "$(state_dir "$RA")/charon.log" "$(state_dir "$RB")/charon.log" && [[ -s $tmp/ps.txt ]]'

# --- 7. a connection leaves A's spec ---------------------------------------------------------------------------------
check "s2s-apply on A without vpn-1 (no connections)" router s2s-apply "$tmp/a-none.json"
check "A: s2s-status has no connection, its hash is the new one" eval '
    jq -e --arg h "$(jq -r .hash "$tmp/a-none.json")" ".hash == \$h and .connections == []" <<<"$OUT"'
check "A: vpn-1's IKE SA is gone from charon within 5 s (terminated, not only unloaded)" \
    wait_until 5 eval 'no_ike_sa_named "$RA" vpn-1 && [[ $(ike_sa_count "$RA") == 0 ]]'
check "B sees vpn-1 go down within 5 s (A sent a DELETE)" wait_until 5 eval '[[ $(conn_of "$RB" vpn-1 .ike_state) == null ]]'
check "A: S2S_INPUT and the marks are empty again" eval '
    [[ -z $(ip netns exec "$RA" iptables -w -S S2S_INPUT | grep -- "^-A") && -z $(ip netns exec "$RA" iptables -w -t mangle -S S2S_MARK_FWD | grep -- "^-A") ]]'
check "A: IKE from B is dropped now (no configured peer)" eval '
    ip netns exec "$RA" iptables -w -S ROUTER_INPUT | grep -q -- "-A ROUTER_INPUT -i eth1 -j DROP" &&
    ! ip netns exec "$RA" iptables -w -S ROUTER_INPUT | grep -q -- "--dport 500"'

# --- 8. wrong PSK on B -----------------------------------------------------------------------------------------------
check "s2s-apply on B with another PSK for vpn-1" router s2s-apply "$tmp/b1-badpsk.json"
check "s2s-apply on A with vpn-1 again" router s2s-apply "$tmp/a1.json"
check "wrong PSK: A's last_error says authentication failed (within 6 s)" \
    wait_until 6 last_error_matches "$RA" vpn-1 'AUTHENTICATION_FAILED'
check "wrong PSK: vpn-1 never ESTABLISHED on A for 3 s" never_within 3 eval '[[ $(conn_of "$RA" vpn-1 .ike_state) == "\"ESTABLISHED\"" ]]'
check "wrong PSK: B's last_error says the pre-shared key did not match" \
    last_error_matches "$RB" vpn-1 'MAC mismatched|authentication'
info "last_error on A: $(conn_of "$RA" vpn-1 .last_error); on B: $(conn_of "$RB" vpn-1 .last_error)"
drops_before=$(ip netns exec "$RA" iptables -w -nvx -L S2S_FORWARD | awk '/DROP/ {n += $1} END {print n+0}')
capture leak "$A_NIC" 'icmp'
check "tunnel down: VM A does not reach VM B" not pings "$NS_VMA" "$VMB_IP"
capture_stop leak
check "tunnel down: VM A's packets to B's VPC are dropped by A, not sent in clear to the upstream" eval '
    [[ $(count_in leak "$VMA_IP > $VMB_IP") == 0 ]] &&
    (($(ip netns exec "$RA" iptables -w -nvx -L S2S_FORWARD | awk "/DROP/ {n += \$1} END {print n+0}") > drops_before))'

# --- 9. a proposal B refuses -----------------------------------------------------------------------------------------
check "s2s-apply on B with the right PSK but only aes128-sha1-modp2048" router s2s-apply "$tmp/b1-badprop.json"
check "s2s-apply on A again (vpn-1 is down: it initiates again)" router s2s-apply "$tmp/a1.json"
check "refused proposal: A's last_error says no proposal chosen (within 6 s)" \
    wait_until 6 last_error_matches "$RA" vpn-1 'NO_PROPOSAL_CHOSEN'
check "refused proposal: B's last_error says the proposals were unacceptable" \
    last_error_matches "$RB" vpn-1 'proposal'
check "refused proposal: vpn-1 is not ESTABLISHED on A" eval '[[ $(conn_of "$RA" vpn-1 .ike_state) != "\"ESTABLISHED\"" ]]'
info "last_error on A: $(conn_of "$RA" vpn-1 .last_error); on B: $(conn_of "$RB" vpn-1 .last_error)"

# --- 10. fixed: up again ---------------------------------------------------------------------------------------------
check "s2s-apply on B with its good spec, then on A" eval 'router s2s-apply "$tmp/b1.json" && router s2s-apply "$tmp/a1.json"'
check "vpn-1 up again on both within 10 s" wait_until 10 up_both vpn-1 2 2
check "once established, A's last_error is null" eval '[[ $(conn_of "$RA" vpn-1 .last_error) == null ]]'
check "VM A pings VM B again" pings "$NS_VMA" "$VMB_IP"

# --- 11. A reboots ---------------------------------------------------------------------------------------------------
check "stop A, start A (a reboot)" eval 'router stop "$RA" && router start "$tmp/router-a.json"'
our_charons+=" $(charon_pid "$RA")"
check "after the reboot A's s2s-status is hash null, connections []" eval '
    router s2s-status "$RA" && [[ $(jq -c . <<<"$OUT") == "{\"name\":\"$RA\",\"hash\":null,\"connections\":[]}" ]]'
check "after the reboot A's charon has no connection, and its secrets are gone from disk" eval '
    [[ -z $(sw "$RA" 10 --list-conns --raw | grep "^list-conn event") && ! -e $(state_dir "$RA")/swanctl ]]'
check "s2s-apply on A after the reboot" router s2s-apply "$tmp/a1.json"
check "vpn-1 up again on both within 10 s" wait_until 10 up_both vpn-1 2 2
info "ESTABLISHED on both $WAITED ms after the re-apply returned"
check "once A's initiation has settled: one IKE SA on A" eval 'settled "$RA" && [[ $(ike_sa_count "$RA") == 1 ]]'
check "B has one IKE SA for vpn-1 (A's INITIAL_CONTACT replaced the old one) within 5 s" \
    wait_until 5 eval '[[ $(ike_sa_count "$RB") == 1 ]]'
check "VM A pings VM B after the reboot" pings "$NS_VMA" "$VMB_IP"

# --- 12. IKEv1, A passive --------------------------------------------------------------------------------------------
check "s2s-apply on A: vpn-2 (IKEv1 $IKE1, passive) instead of vpn-1" router s2s-apply "$tmp/a2.json"
check "s2s-apply on B: vpn-2 (IKEv1, B initiates) instead of vpn-1" router s2s-apply "$tmp/b2.json"
check "vpn-2 ESTABLISHED and INSTALLED on both within 10 s" wait_until 10 up_both vpn-2 1 1
info "IKEv1: ESTABLISHED on both $WAITED ms after B's apply returned"
check "vpn-1 is gone from both, vpn-2 is IKEv1 with 3DES/MD5" eval '
    no_ike_sa_named "$RA" vpn-1 && no_ike_sa_named "$RB" vpn-1 &&
    sw "$RA" 10 --list-sas --raw | grep -q "vpn-2 {uniqueid=[0-9]* version=1 state=ESTABLISHED.* encr-alg=3DES_CBC.* integ-alg=HMAC_MD5_96"'
check "passive: A never initiated vpn-2" not grep -E 'initiating (Main Mode )?IKE_SA vpn-2' "$(state_dir "$RA")/charon.log"
check "VM B pings VM A through the IKEv1 tunnel (ESP in UDP 4500 only)" tunnel_ping ping4 "$NS_VMB" "$VMA_IP" "$B_NIC" "$B_PUB"

# --- 13. specs that are refused, with nothing changed ----------------------------------------------------------------
snapshot() {  # what must not change: the S2S files, iptables, the SAs
    local d
    d=$(state_dir "$RA")
    (cd "$d" && sha256sum s2s.json swanctl/*.conf)
    ip netns exec "$RA" iptables-save | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
    conn_of "$RA" vpn-2 '[.ike_id, .ike_state, [.children[] | .id, .state]]'
    sw "$RA" 10 --list-conns --raw
}
snap_before=$(snapshot)
good=$(cat "$tmp/a2.json")
# refused SPEC_TEXT [MESSAGE_REGEX]: s2s-apply fails with a message, prints nothing, changes nothing
refused() {
    printf '%s' "$1" >"$tmp/bad.json"
    local rc=0 out
    out=$(s2svpn_router s2s-apply "$tmp/bad.json" 2>"$tmp/bad.err") || rc=$?
    ((rc != 0)) && [[ -z $out && -s $tmp/bad.err ]] || { echo "rc=$rc out=$out err=$(cat "$tmp/bad.err")"; return 1; }
    [[ -z ${2:-} ]] || grep -qE "$2" "$tmp/bad.err" || { echo "message: $(cat "$tmp/bad.err"), expected /$2/"; return 1; }
    [[ ! -e $INJECTED ]] || { echo "$INJECTED was created"; return 1; }
    diff -u <(echo "$snap_before") <(snapshot) || { echo "something changed"; return 1; }
    echo "refused: $(cat "$tmp/bad.err")"
}
bad() { jq --arg x "$INJECTED" "$1" <<<"$good"; }  # bad JQ: the good spec changed by the filter ($x: the marker file)
check "refused: not JSON" refused '{"name": '
check "refused: a router name with a shell command" refused "$(bad '.name = "r-1;touch \($x)"')" 'invalid router name'
check "refused: a router that does not run" refused "$(jq --arg n "$R_BAD" '.name = $n' <<<"$good")" 'not running'
check "refused: a connection name with a shell command" refused "$(bad '.connections[0].name = "vpn-2;touch \($x)"')" 'connection name'
check "refused: a connection name with \$(...)" refused "$(bad '.connections[0].name = "vpn-$(touch \($x))"')" 'connection name'
check "refused: a connection name that is not vpn-<id>" refused "$(bad '.connections[0].name = "site-2"')" 'connection name'
check "refused: a child name with a space and a command" refused "$(bad '.connections[0].children = ["vpn-2", "vpn-2-2 --ike x; touch \($x)"]')" 'child name'
check "refused: a child of another connection" refused "$(bad '.connections[0].children = ["vpn-2", "vpn-3-2"]')" 'child name'
check "refused: a first child that is not the connection" refused "$(bad '.connections[0].children = ["vpn-2-2"]')" 'children\[0\]'
check "refused: a swanctl text with a NUL character" refused "$(bad '.swanctl = "connections {\u0000}"')" 'NUL'
check "refused: an empty secrets text" refused "$(bad '.secrets = ""')" 'secrets'
check "refused: a swanctl text that is not a string" refused "$(bad '.swanctl = {connections: {}}')" 'swanctl'
check "refused: the CIDR 10.0.0.0/33" refused "$(bad '.connections[0].local_cidr = "10.0.0.0/33"')" 'CIDR'
check "refused: a CIDR with a command after it" refused "$(bad '.connections[0].remote_cidrs = ["10.9.0.0/16;touch \($x)"]')" 'CIDR'
check "refused: a CIDR that is not a network address" refused "$(bad ".connections[0].local_cidr = \"$T.1.1/24\"")" 'network address'
check "refused: a remote CIDR that overlaps the local one" refused "$(bad ".connections[0].remote_cidrs = [\"$T.0.0/16\"]")" 'overlaps'
check "refused: the peer 1.2.3.256" refused "$(bad '.connections[0].peer = "1.2.3.256"')" 'IPv4'
check "refused: a local address the router does not have" refused "$(bad ".connections[0].local = \"$P.99\"")" 'not an address'
check "refused: passive as a string" refused "$(bad '.connections[0].passive = "false"')" 'passive'
check "refused: a hash that is not hex" refused "$(bad '.hash = "not-a-hash"')" 'hash'
check "refused: an unknown key" refused "$(bad '.connections[0].psk = "x"')" 'unknown key'
check "refused: a missing key" refused "$(bad 'del(.connections[0].local_cidr)')" 'missing key'
check "refused: the same connection twice" refused "$(bad '.connections += .connections')" 'also the name of an earlier'
check "refused: a swanctl text swanctl cannot parse (loaded, then the previous files restored)" \
    refused "$(bad '.swanctl = "connections {\n  vpn-2 {\n    version = 1\n"')" 'failed'
check "refused: a swanctl text whose connections are not the spec's (restored)" \
    refused "$(bad '.swanctl |= sub("vpn-2 \\{"; "vpn-3 {")')" 'defines the connections'
leak_spec=$(jq --arg p "$PSK_LEAK" '.secrets = "secrets {\n  ike-vpn-2 {\n    secret = \"\($p)\n  }\n"' <<<"$good")
check "refused: a secrets text swanctl cannot parse; its PSK is in no message" eval '
    refused "$leak_spec" "secrets" && nowhere "$PSK_LEAK" "$tmp/bad.err" "$(state_dir "$RA")/s2s.log"'
check "after the refused specs vpn-2 is still up, with the same SAs" eval 'up_both vpn-2 1 1 && pings "$NS_VMB" "$VMA_IP"'
check "refused: s2s-status of an invalid name" not router s2s-status "../etc"

charons_gone() {
    local pid
    for pid in $our_charons; do [[ ! -e /proc/$pid ]] || { echo "charon $pid still runs"; return 1; }; done
}

# --- 14. destroy: nothing left ---------------------------------------------------------------------------------------
check "destroy A and B" eval 'router destroy "$RA" && router destroy "$RB"'
check "no router namespace, veth, state dir, charon ($our_charons) or s2s-initiate left" eval '
    [[ ! -e /run/netns/$RA && ! -e /run/netns/$RB && ! -e $(state_dir "$RA") && ! -e $(state_dir "$RB") ]] &&
    [[ -z $(host_ifnames_of "$RA") && -z $(host_ifnames_of "$RB") ]] &&
    charons_gone && ! pgrep -f "s2s-initiate r-[ab]$id" >/dev/null'

echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))
