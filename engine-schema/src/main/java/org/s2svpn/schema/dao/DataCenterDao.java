package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class DataCenterDao {
    private static final String SELECT = "SELECT id, uuid, name, description, dns1, internal_dns1, networktype, allocation_state, domain,"
            + " guest_network_cidr, created FROM data_center";

    private final JdbcClient jdbc;

    public DataCenterDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public DataCenterVO insert(String name, String description, String networkDomain) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO data_center (uuid, name, description, networktype, allocation_state, domain, created)"
                + " VALUES (?, ?, ?, 'Advanced', 'Enabled', ?, ?)", uuid, name, description, networkDomain, now);
        return new DataCenterVO(id, uuid, name, description, null, null, "Advanced", "Enabled", networkDomain, null, now);
    }

    public List<DataCenterVO> all() {
        return jdbc.sql(SELECT + " WHERE removed IS NULL ORDER BY id").query(DataCenterDao::map).list();
    }

    public Optional<DataCenterVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(DataCenterDao::map).optional();
    }

    private static DataCenterVO map(ResultSet rs, int row) throws SQLException {
        return new DataCenterVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("description"),
                rs.getString("dns1"), rs.getString("internal_dns1"), rs.getString("networktype"), rs.getString("allocation_state"),
                rs.getString("domain"), rs.getString("guest_network_cidr"), rs.getObject("created", LocalDateTime.class));
    }
}
