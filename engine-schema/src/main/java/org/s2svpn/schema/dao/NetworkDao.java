package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.NetworkVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/** VPC tiers. */
public final class NetworkDao {
    private static final String SELECT = "SELECT id, uuid, name, display_text, vpc_id, network_offering_id, data_center_id, gateway, cidr,"
            + " broadcast_uri, account_id, domain_id, state, created FROM networks";

    private final JdbcClient jdbc;

    public NetworkDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public NetworkVO insert(String uuid, String name, String displayText, long vpcId, long offeringId, long zoneId, String gateway, String cidr,
                            long accountId, long domainId) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO networks (uuid, name, display_text, vpc_id, network_offering_id, data_center_id, gateway,"
                        + " cidr, account_id, domain_id, state, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, name, displayText,
                vpcId, offeringId, zoneId, gateway, cidr, accountId, domainId, NetworkVO.IMPLEMENTED, now);
        // the tier's bridge on the network nodes is named after its id, short enough for a Linux interface name
        String bridge = "s2st" + id;
        jdbc.sql("UPDATE networks SET broadcast_uri = ? WHERE id = ?").params(bridge, id).update();
        return new NetworkVO(id, uuid, name, displayText, vpcId, offeringId, zoneId, gateway, cidr, bridge, accountId, domainId,
                NetworkVO.IMPLEMENTED, now);
    }

    public Optional<NetworkVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(NetworkDao::map).optional();
    }

    public List<NetworkVO> listByVpc(long vpcId) {
        return jdbc.sql(SELECT + " WHERE vpc_id = ? AND removed IS NULL ORDER BY id").param(vpcId).query(NetworkDao::map).list();
    }

    public List<NetworkVO> search(List<Long> accountIds, Long id, Long vpcId, String name) {
        return new Where(SELECT + " WHERE removed IS NULL").in("account_id", accountIds).eq("id", id).eq("vpc_id", vpcId).eq("name", name)
                .list(jdbc, "id DESC", NetworkDao::map);
    }

    public void markRemoved(long id) {
        jdbc.sql("UPDATE networks SET removed = ?, state = 'Destroy' WHERE id = ?").params(Times.now(), id).update();
    }

    private static NetworkVO map(ResultSet rs, int row) throws SQLException {
        return new NetworkVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("display_text"), rs.getLong("vpc_id"),
                rs.getLong("network_offering_id"), rs.getLong("data_center_id"), rs.getString("gateway"), rs.getString("cidr"),
                rs.getString("broadcast_uri"), rs.getLong("account_id"), rs.getLong("domain_id"), rs.getString("state"),
                rs.getObject("created", LocalDateTime.class));
    }
}
