#!/usr/bin/env bash
# Captures what a real charon logs when a site-to-site tunnel fails, for CharonFailureCausesTest: for each scenario,
# a router charon and a customer gateway charon (strongSwan 5.9, each in a network namespace of its own, joined by a
# veth pair, the router's charon configured by the routers' own strongswan.conf), the router's swanctl connection
# written as the server renders it, one failure set up, then the router's charon.log and its SAs (swanctl
# --list-sas) kept as SCENARIO.log and SCENARIO.sas. Nothing in the root namespace is touched; the namespaces and
# files go afterwards. Run as root: capture.sh [OUTDIR] (default: beside this script).
#
# In "unreachable", the router's charon retransmits twice, a second apart (charon's defaults, 5 times over 165 s,
# give the same lines later), so that it gives up within seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../../.." && pwd)
template=$root/systemvm-patches/etc/strongswan.conf.in
out=${1:-$here}
mkdir -p "$out"
work=$(mktemp -d /tmp/s2s-capture.XXXXXX)
R=s2scap-r$$
P=s2scap-p$$
ROUTER_IP=198.51.100.10
PEER_IP=198.51.100.20
PSK=capture-shared-secret
pids=()

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    ip netns del "$R" 2>/dev/null || true
    ip netns del "$P" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# start_charon NS DIR [EXTRA strongswan.conf text]: a charon as the router runs one, its state in DIR.
start_charon() {
    local ns=$1 dir=$2 extra=${3:-}
    mkdir -p "$dir/run"
    sed "s|@STATE_DIR@|$dir|g" "$template" >"$dir/strongswan.conf"
    [[ -z $extra ]] || printf 'charon {\n%s\n}\n' "$extra" >>"$dir/strongswan.conf"
    STRONGSWAN_CONF="$dir/strongswan.conf" ip netns exec "$ns" unshare -m sh -c 'mount --bind "$1" /run && exec "$2"' sh \
        "$dir/run" /usr/lib/ipsec/charon </dev/null >"$dir/charon.out" 2>&1 &
    pids+=($!)
    local i
    for ((i = 0; i < 100; i++)); do
        swan "$dir" --stats >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "charon in $ns did not start: $(cat "$dir/charon.out")" >&2
    return 1
}

swan() {
    local dir=$1
    shift
    STRONGSWAN_CONF="$dir/strongswan.conf" swanctl "$@" --uri "unix://$dir/charon.vici"
}

# conn NAME VERSION LOCAL REMOTE PROPOSALS ESP LOCAL_TS START_ACTION REMOTE_TS...: one swanctl connection, one child
# per remote subnet (NAME, NAME-2, ...), as the server renders them (render/SwanctlRenderer); a REMOTE_TS written
# LOCAL=REMOTE gives its child a local subnet of its own.
conn() {
    local name=$1 version=$2 local=$3 remote=$4 proposals=$5 esp=$6 local_ts=$7 start=$8
    shift 8
    printf 'connections {\n  %s {\n    version = %s\n    local_addrs = "%s"\n    remote_addrs = "%s"\n    proposals = "%s"\n' \
        "$name" "$version" "$local" "$remote" "$proposals"
    printf '    keyingtries = 0\n    dpd_delay = 30s\n    dpd_timeout = 120s\n'
    printf '    local {\n      auth = psk\n      id = "%s"\n    }\n    remote {\n      auth = psk\n      id = "%s"\n    }\n    children {\n' \
        "$local" "$remote"
    local n=1 child
    for ts in "$@"; do
        child=$name
        ((n == 1)) || child=$name-$n
        local mine=$local_ts
        if [[ $ts == *=* ]]; then mine=${ts%%=*}; ts=${ts#*=}; fi
        printf '      %s {\n        local_ts = "%s"\n        remote_ts = "%s"\n        esp_proposals = "%s"\n' "$child" "$mine" "$ts" "$esp"
        printf '        dpd_action = restart\n        start_action = %s\n      }\n' "$start"
        n=$((n + 1))
    done
    printf '    }\n  }\n}\n'
}

secret() {
    printf 'secrets {\n  ike-%s {\n    id-local = "%s"\n    id-remote = "%s"\n    secret = "%s"\n  }\n}\n' "$1" "$2" "$3" "$4"
}

# load DIR CONNECTIONS SECRETS: writes both sections and loads them, as the router does.
load() {
    printf '%s\n' "$2" >"$1/connections.conf"
    printf '%s\n' "$3" >"$1/secrets.conf"
    printf 'include %s\ninclude %s\n' "$1/connections.conf" "$1/secrets.conf" >"$1/swanctl.conf"
    swan "$1" --load-all --clear --file "$1/swanctl.conf" >"$1/load.out" 2>&1 || { cat "$1/load.out" >&2; return 1; }
}

# scenario NAME SECONDS ROUTER_CONN PEER_CONN|- [PEER_PSK] [ROUTER_EXTRA] [PEER_ACTION]: fresh namespaces and charons,
# the peer's configuration loaded first (none for "-": nothing answers), then the router's; after SECONDS (and
# PEER_ACTION, a command run with the peer's state dir as $1, then SECONDS again) the router's log and SAs are kept.
scenario() {
    local name=$1 seconds=$2 router_conn=$3 peer_conn=$4 peer_psk=${5:-$PSK} router_extra=${6:-} peer_action=${7:-}
    ip netns add "$R"
    ip netns add "$P"
    ip link add s2scap-a$$ netns "$R" type veth peer name s2scap-b$$ netns "$P"
    ip -n "$R" addr add "$ROUTER_IP/24" dev s2scap-a$$
    ip -n "$P" addr add "$PEER_IP/24" dev s2scap-b$$
    for ns in "$R" "$P"; do ip -n "$ns" link set lo up; done
    # an address in each local subnet, as the router has on its tiers: charon installs a CHILD SA's policies and
    # routes only when it has a source address inside its local traffic selector
    ip -n "$R" addr add 10.1.0.1/16 dev lo
    for subnet in 192.168.10.1/24 192.168.20.1/24 192.168.99.1/24; do ip -n "$P" addr add "$subnet" dev lo; done
    ip -n "$R" link set s2scap-a$$ up
    ip -n "$P" link set s2scap-b$$ up
    mkdir -p "$work/$name/r" "$work/$name/p"
    if [[ $peer_conn != - ]]; then
        start_charon "$P" "$work/$name/p"
        load "$work/$name/p" "$peer_conn" "$(secret site "$PEER_IP" "$ROUTER_IP" "$peer_psk")"
    fi
    start_charon "$R" "$work/$name/r" "$router_extra"
    load "$work/$name/r" "$router_conn" "$(secret vpn-7 "$ROUTER_IP" "$PEER_IP" "$PSK")"
    sleep "$seconds"
    if [[ -n $peer_action ]]; then
        $peer_action "$work/$name/p"
        sleep "$seconds"
    fi
    swan "$work/$name/r" --list-sas >"$out/$name.sas"
    # the log without its times, which say nothing and would change at every capture
    sed -E 's/^[0-9-]+ [0-9:]+ /2026-01-01 00:00:00 /' "$work/$name/r/charon.log" >"$out/$name.log"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
    pids=()
    ip netns del "$R"
    ip netns del "$P"
    echo "$name: $(grep -cE '\[(IKE|CFG|NET)\]' "$out/$name.log") lines, $(grep -c ESTABLISHED "$out/$name.sas" || true) ESTABLISHED"
}

terminate_second_child() {
    swan "$1" --terminate --child site-2 >"$1/terminate.out" 2>&1 || { echo "the peer could not terminate site-2:" >&2; cat "$1/terminate.out" >&2; swan "$1" --list-sas >&2; }
}

VPC=10.1.0.0/16
SITE=192.168.10.0/24
SITE2=192.168.20.0/24
OK_IKE=aes128-sha256-modp2048
OK_ESP=aes128-sha256
router() { # VERSION PROPOSALS ESP START REMOTE_TS...
    local version=$1 proposals=$2 esp=$3 start=$4
    shift 4
    conn vpn-7 "$version" "$ROUTER_IP" "$PEER_IP" "$proposals" "$esp" "$VPC" "$start" "$@"
}
peer() { # VERSION PROPOSALS ESP LOCAL_TS START REMOTE_TS...: the customer gateway's connection, "site", site-2, ...
    local version=$1 proposals=$2 esp=$3 local_ts=$4 start=$5
    shift 5
    conn site "$version" "$PEER_IP" "$ROUTER_IP" "$proposals" "$esp" "$local_ts" "$start" "$@"
}

for v in 1 2; do
    scenario ikev$v-wrong-psk 6 "$(router $v $OK_IKE $OK_ESP start $SITE)" "$(peer $v $OK_IKE $OK_ESP $SITE none $VPC)" another-secret-typed
    scenario ikev$v-ike-proposal-refused 4 "$(router $v aes128-sha1-modp1536 $OK_ESP start $SITE)" \
        "$(peer $v aes256-sha384-modp3072 $OK_ESP $SITE none $VPC)"
    scenario ikev$v-esp-proposal-refused 4 "$(router $v $OK_IKE aes128-sha1 start $SITE)" "$(peer $v $OK_IKE aes256-sha384 $SITE none $VPC)"
    scenario ikev$v-traffic-selectors-refused 4 "$(router $v $OK_IKE $OK_ESP start $SITE)" "$(peer $v $OK_IKE $OK_ESP 192.168.99.0/24 none $VPC)"
    scenario ikev$v-second-subnet-refused 4 "$(router $v $OK_IKE $OK_ESP start $SITE $SITE2)" "$(peer $v $OK_IKE $OK_ESP $SITE none $VPC)"
    # both subnets up, then the customer gateway deletes the CHILD SA of the second (an administrator, an idle timeout)
    scenario ikev$v-second-subnet-deleted-by-peer 3 "$(router $v $OK_IKE $OK_ESP start $SITE $SITE2)" \
        "$(peer $v $OK_IKE $OK_ESP - none "$SITE=$VPC" "$SITE2=$VPC")" \
        "$PSK" "" terminate_second_child
    # the router passive (it only responds), the customer gateway initiating with another key, another proposal
    scenario ikev$v-passive-wrong-psk 6 "$(router $v $OK_IKE $OK_ESP none $SITE)" "$(peer $v $OK_IKE $OK_ESP $SITE start $VPC)" another-secret-typed
    scenario ikev$v-passive-ike-proposal-refused 4 "$(router $v $OK_IKE $OK_ESP none $SITE)" \
        "$(peer $v aes256-sha384-modp3072 $OK_ESP $SITE start $VPC)"
    scenario ikev$v-passive-esp-proposal-refused 4 "$(router $v $OK_IKE $OK_ESP none $SITE)" "$(peer $v $OK_IKE aes256-sha384 $SITE start $VPC)"
    scenario ikev$v-passive-traffic-selectors-refused 4 "$(router $v $OK_IKE $OK_ESP none $SITE)" \
        "$(peer $v $OK_IKE $OK_ESP 192.168.99.0/24 start $VPC)"
done
scenario ikev2-unreachable 9 "$(router 2 $OK_IKE $OK_ESP start $SITE)" - "$PSK" \
    "    retransmit_tries = 2
    retransmit_timeout = 1
    retransmit_base = 1"
