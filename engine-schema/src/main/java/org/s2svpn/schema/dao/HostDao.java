package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class HostDao {
    private static final String SELECT = "SELECT id, uuid, name, data_center_id, url, address, port, username, status, scripts_version,"
            + " last_error, created FROM host";

    private final JdbcClient jdbc;

    public HostDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public HostVO insert(String name, long zoneId, String url, String address, int port, String username, String status,
                         String scriptsVersion) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO host (uuid, name, data_center_id, url, address, port, username, status, scripts_version,"
                + " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, name, zoneId, url, address, port, username, status, scriptsVersion, now);
        return new HostVO(id, uuid, name, zoneId, url, address, port, username, status, scriptsVersion, null, now);
    }

    public Optional<HostVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(HostDao::map).optional();
    }

    public List<HostVO> listByZone(long zoneId) {
        return jdbc.sql(SELECT + " WHERE data_center_id = ? AND removed IS NULL ORDER BY id").param(zoneId).query(HostDao::map).list();
    }

    public List<HostVO> all() {
        return jdbc.sql(SELECT + " WHERE removed IS NULL ORDER BY id").query(HostDao::map).list();
    }

    public void updateStatus(long id, String status, String scriptsVersion, String lastError) {
        jdbc.sql("UPDATE host SET status = ?, scripts_version = COALESCE(?, scripts_version), last_error = ? WHERE id = ?")
                .params(status, scriptsVersion, lastError, id).update();
    }

    public boolean markRemoved(long id) {
        return jdbc.sql("UPDATE host SET removed = ? WHERE id = ? AND removed IS NULL").params(Times.now(), id).update() == 1;
    }

    private static HostVO map(ResultSet rs, int row) throws SQLException {
        return new HostVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getLong("data_center_id"), rs.getString("url"),
                rs.getString("address"), rs.getInt("port"), rs.getString("username"), rs.getString("status"),
                rs.getString("scripts_version"), rs.getString("last_error"), rs.getObject("created", LocalDateTime.class));
    }
}
