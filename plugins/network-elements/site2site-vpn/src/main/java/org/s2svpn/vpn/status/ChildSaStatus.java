package org.s2svpn.vpn.status;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * One CHILD SA a router's charon reports for a connection. Counters are the SA's own: they restart at 0 with each
 * rekey and each router restart.
 */
public record ChildSaStatus(
        String name,
        String state,
        OptionalLong installedSeconds,
        long bytesIn,
        long bytesOut,
        long packetsIn,
        long packetsOut,
        List<String> localTs,
        List<String> remoteTs) {

    public ChildSaStatus {
        requireNonNull(name, "name");
        requireNonNull(state, "state");
        requireNonNull(installedSeconds, "installedSeconds");
        if (bytesIn < 0 || bytesOut < 0 || packetsIn < 0 || packetsOut < 0) {
            throw new IllegalArgumentException("negative counter");
        }
        localTs = List.copyOf(requireNonNull(localTs, "localTs"));
        remoteTs = List.copyOf(requireNonNull(remoteTs, "remoteTs"));
    }

    /** True when the SA carries traffic: installed, or being rekeyed (the old SA still works meanwhile). */
    public boolean isUp() {
        return state.equals("INSTALLED") || state.equals("REKEYING");
    }
}
