package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.NetworkOfferingVO;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpcOfferingVO;
import org.springframework.jdbc.core.simple.JdbcClient;

/** VPC offerings and network (tier) offerings. */
public final class OfferingDao {
    private static final String VPC = "SELECT id, uuid, name, display_text, state, is_default, services, created FROM vpc_offerings";
    private static final String NETWORK = "SELECT id, uuid, name, display_text, state, is_default, for_vpc, services, created FROM network_offerings";

    private final JdbcClient jdbc;

    public OfferingDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public VpcOfferingVO insertVpcOffering(String name, String displayText, boolean isDefault, String services) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO vpc_offerings (uuid, name, display_text, state, is_default, services, created)"
                + " VALUES (?, ?, ?, 'Enabled', ?, ?, ?)", uuid, name, displayText, isDefault, services, now);
        return new VpcOfferingVO(id, uuid, name, displayText, "Enabled", isDefault, services, now);
    }

    public NetworkOfferingVO insertNetworkOffering(String name, String displayText, boolean isDefault, boolean forVpc, String services) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO network_offerings (uuid, name, display_text, state, is_default, for_vpc, services, created)"
                + " VALUES (?, ?, ?, 'Enabled', ?, ?, ?, ?)", uuid, name, displayText, isDefault, forVpc, services, now);
        return new NetworkOfferingVO(id, uuid, name, displayText, "Enabled", isDefault, forVpc, services, now);
    }

    public List<VpcOfferingVO> vpcOfferings() {
        return jdbc.sql(VPC + " WHERE removed IS NULL ORDER BY id").query(OfferingDao::mapVpc).list();
    }

    public Optional<VpcOfferingVO> vpcOffering(long id) {
        return jdbc.sql(VPC + " WHERE id = ? AND removed IS NULL").param(id).query(OfferingDao::mapVpc).optional();
    }

    public List<NetworkOfferingVO> networkOfferings() {
        return jdbc.sql(NETWORK + " WHERE removed IS NULL ORDER BY id").query(OfferingDao::mapNetwork).list();
    }

    public Optional<NetworkOfferingVO> networkOffering(long id) {
        return jdbc.sql(NETWORK + " WHERE id = ? AND removed IS NULL").param(id).query(OfferingDao::mapNetwork).optional();
    }

    private static VpcOfferingVO mapVpc(ResultSet rs, int row) throws SQLException {
        return new VpcOfferingVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("display_text"),
                rs.getString("state"), rs.getBoolean("is_default"), rs.getString("services"), rs.getObject("created", LocalDateTime.class));
    }

    private static NetworkOfferingVO mapNetwork(ResultSet rs, int row) throws SQLException {
        return new NetworkOfferingVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("display_text"),
                rs.getString("state"), rs.getBoolean("is_default"), rs.getBoolean("for_vpc"), rs.getString("services"),
                rs.getObject("created", LocalDateTime.class));
    }
}
