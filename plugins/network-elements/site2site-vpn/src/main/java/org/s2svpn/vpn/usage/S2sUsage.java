package org.s2svpn.vpn.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.schema.dao.S2sUsageDao.Bytes;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bytes sent and received per connection, the 2012 requirement CloudStack never shipped. The router reports its SAs'
 * own counters, which restart at 0 after a rekey or a router restart: a counter lower than the last one seen starts a
 * new SA, so the totals never go backwards ({@link Counters#next}). Usage records hold the bytes per hour. A router's readings are recorded
 * together, in three statements whatever their number (the two writes in one transaction), by the one thread that holds the router's lock.
 */
public final class S2sUsage {
    /** Usage types of their own, next to CloudStack's (VPN_USERS is 14). */
    public static final int BYTES_SENT = 101;
    public static final int BYTES_RECEIVED = 102;

    /** The SA counters a router reported for one of its connections, summed over the connection's CHILD SAs. */
    public record Reading(VpnConnectionVO connection, long bytesIn, long bytesOut) {
    }

    private final S2sUsageDao usage;
    private final TransactionTemplate transactions;

    public S2sUsage(S2sUsageDao usage, TransactionTemplate transactions) {
        this.usage = requireNonNull(usage, "usage");
        this.transactions = requireNonNull(transactions, "transactions");
    }

    /** Records the readings of one router's connections (in the router's zone); call with the router's lock held. */
    public void record(long zoneId, List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        Map<Long, Counters> last = usage.counters(readings.stream().map(r -> r.connection().id()).toList());
        Map<Long, Counters> changed = new LinkedHashMap<>();
        List<Bytes> added = new ArrayList<>();
        LocalDateTime hour = Times.now().truncatedTo(ChronoUnit.HOURS);
        for (Reading r : readings) {
            VpnConnectionVO c = r.connection();
            Counters before = last.getOrDefault(c.id(), Counters.NONE);
            Counters now = before.next(r.bytesIn(), r.bytesOut());
            long deltaIn = now.totalIn() - before.totalIn();
            long deltaOut = now.totalOut() - before.totalOut();
            if (!now.equals(before) || !last.containsKey(c.id())) {
                changed.put(c.id(), now);
            }
            String name = "Site-to-site VPN connection " + c.uuid();
            if (deltaOut > 0) {
                added.add(new Bytes(BYTES_SENT, c.accountId(), c.domainId(), zoneId, c.id(), name + ": bytes sent", deltaOut, hour));
            }
            if (deltaIn > 0) {
                added.add(new Bytes(BYTES_RECEIVED, c.accountId(), c.domainId(), zoneId, c.id(), name + ": bytes received", deltaIn, hour));
            }
        }
        if (changed.isEmpty()) {
            return; // idle tunnels: no transaction (three round trips) for nothing; bytes added always change a counter
        }
        // both or neither: counters saved without their bytes would lose them, bytes without their counters count twice
        transactions.executeWithoutResult(status -> {
            usage.save(changed);
            usage.add(added);
        });
    }
}
