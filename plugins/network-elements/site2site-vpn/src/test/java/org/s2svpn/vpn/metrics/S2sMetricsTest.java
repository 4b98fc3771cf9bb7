package org.s2svpn.vpn.metrics;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.s2svpn.framework.metrics.PrometheusText;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.dao.ConnectionMetricsDao.Row;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;

/**
 * The connections' metrics as a scrape shows them, against a golden file. After a deliberate change, regenerate it and
 * review it with git diff:
 *
 * <pre>mvn -o test -pl plugins/network-elements/site2site-vpn -Dtest=S2sMetricsTest -Ds2svpn.golden.update=true</pre>
 */
public class S2sMetricsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/metrics/connections.prom");

    @Test
    public void twoConnectionsWriteAsTheGoldenFileWithTheirOwnersOnlyOnTheInfoSeries() throws Exception {
        List<Row> rows = List.of(
                new Row(7, "5f0c7d7e-0000-4000-8000-000000000007", State.Connected, LocalDateTime.of(2026, 12, 7, 23, 0, 0), "zone1",
                        "ROOT/customers", "alice", "0c2e41a8-0000-4000-8000-0000000000a1", "web-vpc", "9d1f3b52-0000-4000-8000-0000000000b1",
                        "4b7e9a13-0000-4000-8000-0000000000c1", "datacenter \"Nord\" \\ rack 2", "198.51.100.50", 123_456_789_012L, 42),
                new Row(8, "5f0c7d7e-0000-4000-8000-000000000008", State.Error, LocalDateTime.of(1970, 1, 1, 0, 0, 1), "zone1", "ROOT",
                        "", "0c2e41a8-0000-4000-8000-0000000000a2", "db-vpc", "9d1f3b52-0000-4000-8000-0000000000b2",
                        "4b7e9a13-0000-4000-8000-0000000000c2", "branch\nsecond line", "203.0.113.9", 0, 0));
        String written = new PrometheusText().write(S2sMetrics.families(rows, Map.of(7L, new Counters(5, 6, 1_000_000, 2_000_000))));

        if (Boolean.getBoolean("s2svpn.golden.update")) {
            Files.writeString(GOLDEN, written, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), written);
    }

    @Test
    public void packetTotalsNeverGoBackwardsWhenTheSaCountersRestart() {
        ConnectionPackets packets = new ConnectionPackets();
        packets.record(List.of(new ConnectionPackets.Reading(1, 100, 150)));
        packets.record(List.of(new ConnectionPackets.Reading(1, 300, 450)));
        packets.record(List.of(new ConnectionPackets.Reading(1, 20, 30))); // a rekey: a new SA counting from 0

        assertEquals(Map.of(1L, new Counters(20, 30, 320, 480)), packets.retain(java.util.Set.of(1L), System.nanoTime()));
    }

    @Test
    public void connectionsNoLongerShownAreForgottenUnlessRecordedSinceTheScrapeBegan() {
        ConnectionPackets packets = new ConnectionPackets();
        packets.record(List.of(new ConnectionPackets.Reading(1, 10, 10), new ConnectionPackets.Reading(2, 10, 10)));
        long scrape = System.nanoTime();
        packets.record(List.of(new ConnectionPackets.Reading(3, 5, 5))); // a router taken over while the scrape read the database

        assertEquals(Map.of(1L, new Counters(10, 10, 10, 10)), packets.retain(java.util.Set.of(1L), scrape));
        assertEquals(Map.of(3L, new Counters(5, 5, 5, 5)), packets.retain(java.util.Set.of(3L), System.nanoTime()));
        assertEquals(Map.of(), packets.retain(java.util.Set.of(2L), System.nanoTime()));
    }
}
