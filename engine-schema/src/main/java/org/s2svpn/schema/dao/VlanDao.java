package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VlanVO;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class VlanDao {
    private static final String SELECT = "SELECT id, uuid, data_center_id, vlan_id, vlan_gateway, vlan_netmask, start_ip, end_ip, created FROM vlan";

    private final JdbcClient jdbc;

    public VlanDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public VlanVO insert(long zoneId, String vlanId, String gateway, String netmask, String startIp, String endIp) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO vlan (uuid, data_center_id, vlan_id, vlan_gateway, vlan_netmask, start_ip, end_ip, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", uuid, zoneId, vlanId, gateway, netmask, startIp, endIp, now);
        return new VlanVO(id, uuid, zoneId, vlanId, gateway, netmask, startIp, endIp, now);
    }

    public Optional<VlanVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(VlanDao::map).optional();
    }

    public List<VlanVO> listByZone(long zoneId) {
        return jdbc.sql(SELECT + " WHERE data_center_id = ? AND removed IS NULL ORDER BY id").param(zoneId).query(VlanDao::map).list();
    }

    private static VlanVO map(ResultSet rs, int row) throws SQLException {
        return new VlanVO(rs.getLong("id"), rs.getString("uuid"), rs.getLong("data_center_id"), rs.getString("vlan_id"),
                rs.getString("vlan_gateway"), rs.getString("vlan_netmask"), rs.getString("start_ip"), rs.getString("end_ip"),
                rs.getObject("created", LocalDateTime.class));
    }
}
