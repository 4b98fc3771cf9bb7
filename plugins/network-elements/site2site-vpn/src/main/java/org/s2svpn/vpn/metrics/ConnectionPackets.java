package org.s2svpn.vpn.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;

/**
 * Packets received and sent per connection, counted as usage counts bytes ({@link Counters#next}): the totals never go
 * backwards when an SA's counters restart. Kept in memory by the server that checks the connection's router (no
 * column holds them), so they count from that server's start, as a Prometheus counter may.
 */
public final class ConnectionPackets {
    /** The SA packet counters a router reported for one connection, summed over its CHILD SAs. */
    public record Reading(long connectionId, long packetsIn, long packetsOut) {
    }

    private record Entry(Counters counters, long updatedNanos) {
    }

    private final Map<Long, Entry> byConnection = new ConcurrentHashMap<>();

    /** Takes the readings of one router's connections; call with the router's lock held, as usage is recorded. */
    public void record(List<Reading> readings) {
        long now = System.nanoTime();
        for (Reading r : readings) {
            Entry before = byConnection.get(r.connectionId());
            Counters counters = (before == null ? Counters.NONE : before.counters()).next(r.packetsIn(), r.packetsOut());
            byConnection.put(r.connectionId(), new Entry(counters, now));
        }
    }

    /**
     * The totals of the given connections (those this server exports now), forgetting the others: connections deleted,
     * or on routers another server checks now. A connection recorded at or after sinceNanos is kept all the same: its
     * router may have been taken over after the caller read which connections it exports.
     */
    public Map<Long, Counters> retain(Set<Long> connectionIds, long sinceNanos) {
        byConnection.entrySet().removeIf(e -> !connectionIds.contains(e.getKey()) && e.getValue().updatedNanos() - sinceNanos < 0);
        return byConnection.entrySet().stream().filter(e -> connectionIds.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().counters()));
    }
}
