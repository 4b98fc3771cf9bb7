package org.s2svpn.vpn.usage;

import static org.junit.Assert.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.Test;
import org.s2svpn.schema.dao.S2sUsageDao.UsageRecord;

/** A connection's usage records become one item per hour of the window, oldest first, hours without records at 0. */
public class ListVpnConnectionTrafficCmdTest {
    private static final LocalDateTime FIRST = LocalDateTime.of(2026, 12, 7, 22, 0);

    private static UsageRecord record(int type, LocalDateTime hour, long bytes) {
        return new UsageRecord(1, type, 2, 3, 4, 5, "Site-to-site VPN connection", bytes, hour, hour.plusHours(1).minusSeconds(1));
    }

    @Test
    public void everyHourOfTheWindowIsAnItemWithItsBytesSentAndReceived() {
        List<VpnConnectionTrafficResponse> hours = ListVpnConnectionTrafficCmd.hourly(List.of(
                record(S2sUsage.BYTES_SENT, FIRST, 100), record(S2sUsage.BYTES_RECEIVED, FIRST, 40),
                record(S2sUsage.BYTES_RECEIVED, FIRST.plusHours(2), 7)), FIRST, 3);
        assertEquals(List.of(
                new VpnConnectionTrafficResponse("2026-12-07T22:00:00+0000", 100, 40),
                new VpnConnectionTrafficResponse("2026-12-07T23:00:00+0000", 0, 0),
                new VpnConnectionTrafficResponse("2026-12-08T00:00:00+0000", 0, 7)), hours);
    }

    @Test
    public void recordsOutsideTheWindowAndOfOtherUsageTypesCountNothing() {
        List<VpnConnectionTrafficResponse> hours = ListVpnConnectionTrafficCmd.hourly(List.of(
                record(S2sUsage.BYTES_SENT, FIRST.minusHours(1), 1), record(S2sUsage.BYTES_SENT, FIRST.plusHours(2), 2),
                record(14, FIRST, 3)), FIRST, 2);
        assertEquals(List.of(new VpnConnectionTrafficResponse("2026-12-07T22:00:00+0000", 0, 0),
                new VpnConnectionTrafficResponse("2026-12-07T23:00:00+0000", 0, 0)), hours);
    }

    @Test
    public void noRecordsIsAWindowOfZeros() {
        List<VpnConnectionTrafficResponse> hours = ListVpnConnectionTrafficCmd.hourly(List.of(), FIRST, 24);
        assertEquals(24, hours.size());
        assertEquals(0, hours.stream().mapToLong(h -> h.bytessent() + h.bytesreceived()).sum());
        assertEquals("2026-12-08T21:00:00+0000", hours.get(23).startdate());
    }
}
