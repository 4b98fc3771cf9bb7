package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.List;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the Prometheus exporter shows of each connection, read for one scrape in one query. */
public final class ConnectionMetricsDao {
    /** A live connection, what it belongs to, and its byte totals as usage counted them. */
    public record Row(long id, String uuid, State state, LocalDateTime stateChanged, String zone, String domainPath, String account,
                      String vpcUuid, String vpcName, String vpnGatewayUuid, String customerGatewayUuid, String customerGatewayName,
                      String peer, long bytesReceived, long bytesSent) {
    }

    private final JdbcClient jdbc;

    public ConnectionMetricsDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    /** The live connections of the VPCs whose router the given server owns (and so checks), by id. */
    public List<Row> listOwnedBy(long msid) {
        return jdbc.sql("SELECT c.id, c.uuid, c.state, COALESCE(c.state_changed, c.created) AS changed, z.name AS zone, d.path,"
                        + " a.account_name, v.uuid AS vpc_uuid, v.name AS vpc_name, g.uuid AS gateway_uuid, cg.uuid AS cg_uuid,"
                        + " cg.name AS cg_name, cg.gateway_ip, COALESCE(u.total_bytes_in, 0) AS bytes_in,"
                        + " COALESCE(u.total_bytes_out, 0) AS bytes_out"
                        + " FROM domain_router r"
                        + " JOIN vpc v ON v.id = r.vpc_id"
                        + " JOIN s2s_vpn_gateway g ON g.vpc_id = v.id"
                        + " JOIN s2s_vpn_connection c ON c.vpn_gateway_id = g.id AND c.removed IS NULL"
                        + " JOIN s2s_customer_gateway cg ON cg.id = c.customer_gateway_id"
                        + " JOIN domain d ON d.id = c.domain_id"
                        + " LEFT JOIN account a ON a.id = c.account_id"
                        + " LEFT JOIN data_center z ON z.id = v.zone_id"
                        + " LEFT JOIN s2s_vpn_usage u ON u.connection_id = c.id"
                        + " WHERE r.owner_msid = ? AND r.removed IS NULL ORDER BY c.id")
                .param(msid)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("uuid"), State.valueOf(rs.getString("state")),
                        rs.getObject("changed", LocalDateTime.class), text(rs.getString("zone")), DomainVO.displayPath(rs.getString("path")),
                        text(rs.getString("account_name")), rs.getString("vpc_uuid"), rs.getString("vpc_name"), rs.getString("gateway_uuid"),
                        rs.getString("cg_uuid"), rs.getString("cg_name"), rs.getString("gateway_ip"), rs.getLong("bytes_in"),
                        rs.getLong("bytes_out")))
                .list();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
