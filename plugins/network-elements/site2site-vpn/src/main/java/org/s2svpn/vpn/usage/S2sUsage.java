package org.s2svpn.vpn.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.schema.dao.VpcDao;

/**
 * Bytes sent and received per connection, the 2012 requirement CloudStack never shipped. The router reports its SAs'
 * own counters, which restart at 0 after a rekey or a router restart: a counter lower than the last one seen starts a
 * new SA, so the totals never go backwards. Usage records hold the bytes per hour.
 */
public final class S2sUsage {
    /** Usage types of their own, next to CloudStack's (VPN_USERS is 14). */
    public static final int BYTES_SENT = 101;
    public static final int BYTES_RECEIVED = 102;

    private final S2sUsageDao usage;
    private final VpnGatewayDao vpnGateways;
    private final VpcDao vpcs;

    public S2sUsage(S2sUsageDao usage, VpnGatewayDao vpnGateways, VpcDao vpcs) {
        this.usage = requireNonNull(usage, "usage");
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
        this.vpcs = requireNonNull(vpcs, "vpcs");
    }

    public synchronized void record(VpnConnectionVO c, long bytesIn, long bytesOut) {
        Counters last = usage.counters(c.id()).orElse(new Counters(0, 0, 0, 0));
        long deltaIn = delta(last.lastIn(), bytesIn);
        long deltaOut = delta(last.lastOut(), bytesOut);
        usage.save(c.id(), new Counters(bytesIn, bytesOut, last.totalIn() + deltaIn, last.totalOut() + deltaOut));
        if (deltaIn == 0 && deltaOut == 0) {
            return;
        }
        long zoneId = vpnGateways.findById(c.vpnGatewayId()).flatMap(g -> vpcs.findById(g.vpcId())).map(v -> v.zoneId()).orElse(0L);
        LocalDateTime hour = Times.now().truncatedTo(ChronoUnit.HOURS);
        String name = "Site-to-site VPN connection " + c.uuid();
        if (deltaOut > 0) {
            usage.add(BYTES_SENT, c.accountId(), c.domainId(), zoneId, c.id(), name + ": bytes sent", deltaOut, hour);
        }
        if (deltaIn > 0) {
            usage.add(BYTES_RECEIVED, c.accountId(), c.domainId(), zoneId, c.id(), name + ": bytes received", deltaIn, hour);
        }
    }

    /** Bytes since the last reading; a counter below the last one is a new SA counting from 0. */
    static long delta(long last, long now) {
        return now >= last ? now - last : now;
    }
}
