# Shared by the node tests (router-test.sh, s2s-test.sh), sourced after the router script (for its `overlaps`).

not() { ! "$@"; }

pings() {  # pings NAMESPACE ADDRESS: at least one of three echo requests answered
    ip netns exec "$1" ping -n -q -c 3 -i 0.2 -W 1 "$2"
}

# --- addresses: only ranges the root namespace does not use --------------------------------------------------------
root_cidrs=$({
    ip -4 -j addr show | jq -r '.[].addr_info[] | "\(.local)/\(.prefixlen)"'
    ip -4 -j route show table all | jq -r '.[].dst | select(. != "default") | if test("/") then . else . + "/32" end'
} | sort -u)

free() {  # free CIDR: it overlaps none of the root namespace's addresses and routes
    local c
    for c in $root_cidrs; do
        ! overlaps "${1%/*}" "${1#*/}" "${c%/*}" "${c#*/}" || { echo "$1 overlaps $c (root namespace)" >&2; return 1; }
    done
}

pick() {  # pick CIDR...: the first free one
    local c
    for c in "$@"; do
        if free "$c"; then echo "$c"; return 0; fi
    done
    return 1
}
