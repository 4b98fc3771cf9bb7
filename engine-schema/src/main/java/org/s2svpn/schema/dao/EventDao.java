package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.s2svpn.schema.EventVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class EventDao {
    private static final String SELECT = "SELECT id, uuid, type, state, level, description, user_id, account_id, domain_id, created FROM event";

    private final JdbcClient jdbc;

    public EventDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public EventVO insert(String type, String state, String level, String description, long userId, long accountId, long domainId) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        String text = description.length() > 1024 ? description.substring(0, 1024) : description;
        long id = Inserts.insert(jdbc, "INSERT INTO event (uuid, type, state, level, description, user_id, account_id, domain_id, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, type, state, level, text, userId, accountId, domainId, now);
        return new EventVO(id, uuid, type, state, level, text, userId, accountId, domainId, now);
    }

    /** Events of the given accounts (all when null), newest first, filtered by type, level and time when given. */
    public List<EventVO> search(List<Long> accountIds, Long id, String type, String level, LocalDateTime from, LocalDateTime to) {
        return new Where(SELECT + " WHERE archived = FALSE").in("account_id", accountIds).eq("id", id).eq("type", type).eq("level", level)
                .condition("created >= ?", from).condition("created <= ?", to).list(jdbc, "id DESC", EventDao::map);
    }

    private static EventVO map(ResultSet rs, int row) throws SQLException {
        return new EventVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("type"), rs.getString("state"), rs.getString("level"),
                rs.getString("description"), rs.getLong("user_id"), rs.getLong("account_id"), rs.getLong("domain_id"),
                rs.getObject("created", LocalDateTime.class));
    }
}
