package org.s2svpn.vpn.metrics;

import static java.util.Objects.requireNonNull;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.s2svpn.framework.metrics.MetricFamily;
import org.s2svpn.framework.metrics.MetricFamily.Sample;
import org.s2svpn.framework.metrics.MetricFamily.Type;
import org.s2svpn.framework.metrics.MetricSource;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.dao.ConnectionMetricsDao;
import org.s2svpn.schema.dao.ConnectionMetricsDao.Row;
import org.s2svpn.schema.dao.S2sUsageDao.Counters;
import org.s2svpn.server.cluster.ClusterManager;

/**
 * The connections for the Prometheus exporter. Each management server shows the connections of the routers it owns,
 * the ones its router check reads, so that scraping every server shows each connection once. Every series of a
 * connection carries its uuid (label id); what it belongs to (account, domain, VPC, gateways, the peer's address),
 * which an update can change, is on the _info series alone, so that a renamed customer gateway does not start its
 * counters over as new series.
 */
public final class S2sMetrics implements MetricSource {
    static final String PREFIX = "cloudstack_s2s_vpn_connection";
    /** The states a live connection can be in (Removed ones are not shown). */
    static final List<State> STATES = List.of(State.Pending, State.Connecting, State.Connected, State.Disconnected, State.Error);

    private final ConnectionMetricsDao dao;
    private final ClusterManager cluster;
    private final ConnectionPackets packets;

    public S2sMetrics(ConnectionMetricsDao dao, ClusterManager cluster, ConnectionPackets packets) {
        this.dao = requireNonNull(dao, "dao");
        this.cluster = requireNonNull(cluster, "cluster");
        this.packets = requireNonNull(packets, "packets");
    }

    @Override
    public List<MetricFamily> metrics() {
        long since = System.nanoTime();
        List<Row> rows = dao.listOwnedBy(cluster.msid());
        Map<Long, Counters> packetTotals = packets.retain(rows.stream().map(Row::id).collect(Collectors.toSet()), since);
        return families(rows, packetTotals);
    }

    /** The families of these connections, with the packet totals counted so far (none yet: 0). */
    static List<MetricFamily> families(List<Row> rows, Map<Long, Counters> packetTotals) {
        List<Sample> info = new ArrayList<>(rows.size());
        List<Sample> state = new ArrayList<>(rows.size() * STATES.size());
        List<Sample> changed = new ArrayList<>(rows.size());
        List<Sample> bytesIn = new ArrayList<>(rows.size());
        List<Sample> bytesOut = new ArrayList<>(rows.size());
        List<Sample> packetsIn = new ArrayList<>(rows.size());
        List<Sample> packetsOut = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, String> id = Map.of("id", r.uuid());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("id", r.uuid());
            labels.put("zone", r.zone());
            labels.put("domain", r.domainPath());
            labels.put("account", r.account());
            labels.put("vpc", r.vpcName());
            labels.put("vpcid", r.vpcUuid());
            labels.put("vpngatewayid", r.vpnGatewayUuid());
            labels.put("customergateway", r.customerGatewayName());
            labels.put("customergatewayid", r.customerGatewayUuid());
            labels.put("gateway", r.peer());
            info.add(new Sample(PREFIX + "_info", labels, 1));
            for (State s : STATES) {
                Map<String, String> withState = new LinkedHashMap<>(id);
                withState.put("state", s.name());
                state.add(new Sample(PREFIX + "_state", withState, s == r.state() ? 1 : 0));
            }
            changed.add(new Sample(PREFIX + "_last_state_change_timestamp_seconds", id, r.stateChanged().toEpochSecond(ZoneOffset.UTC)));
            bytesIn.add(new Sample(PREFIX + "_received_bytes_total", id, r.bytesReceived()));
            bytesOut.add(new Sample(PREFIX + "_sent_bytes_total", id, r.bytesSent()));
            Counters p = packetTotals.getOrDefault(r.id(), Counters.NONE);
            packetsIn.add(new Sample(PREFIX + "_received_packets_total", id, p.totalIn()));
            packetsOut.add(new Sample(PREFIX + "_sent_packets_total", id, p.totalOut()));
        }
        return List.of(
                new MetricFamily(PREFIX + "_info", "A site-to-site VPN connection this server checks, and what it belongs to.", Type.GAUGE, info),
                new MetricFamily(PREFIX + "_state", "1 for the state the connection is in (as listVpnConnections shows it), 0 for the others.",
                        Type.GAUGE, state),
                new MetricFamily(PREFIX + "_last_state_change_timestamp_seconds", "When the connection last changed state (Unix time).",
                        Type.GAUGE, changed),
                new MetricFamily(PREFIX + "_received_bytes_total", "Bytes received through the connection's IPsec SAs, as usage counts them (type 102).",
                        Type.COUNTER, bytesIn),
                new MetricFamily(PREFIX + "_sent_bytes_total", "Bytes sent through the connection's IPsec SAs, as usage counts them (type 101).",
                        Type.COUNTER, bytesOut),
                new MetricFamily(PREFIX + "_received_packets_total", "Packets received through the connection's IPsec SAs since this server started.",
                        Type.COUNTER, packetsIn),
                new MetricFamily(PREFIX + "_sent_packets_total", "Packets sent through the connection's IPsec SAs since this server started.",
                        Type.COUNTER, packetsOut));
    }
}
