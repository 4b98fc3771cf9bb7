package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.s2svpn.schema.AlertVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class AlertDao {
    private static final String SELECT = "SELECT id, uuid, type, name, subject, content, data_center_id, created, last_sent, sent_count FROM alert";

    private final JdbcClient jdbc;

    public AlertDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public AlertVO insert(int type, String name, String subject, String content, Long dataCenterId) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO alert (uuid, type, name, subject, content, data_center_id, created, last_sent, sent_count)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", uuid, type, name, subject, content, dataCenterId, now, now);
        return new AlertVO(id, uuid, type, name, subject, content, dataCenterId, now, now, 1);
    }

    public List<AlertVO> search(Long id, Integer type, String name) {
        return new Where(SELECT + " WHERE archived = FALSE").eq("id", id).eq("type", type).eq("name", name).list(jdbc, "id DESC", AlertDao::map);
    }

    private static AlertVO map(ResultSet rs, int row) throws SQLException {
        long dc = rs.getLong("data_center_id");
        return new AlertVO(rs.getLong("id"), rs.getString("uuid"), rs.getInt("type"), rs.getString("name"), rs.getString("subject"),
                rs.getString("content"), rs.wasNull() ? null : dc, rs.getObject("created", LocalDateTime.class),
                rs.getObject("last_sent", LocalDateTime.class), rs.getInt("sent_count"));
    }
}
