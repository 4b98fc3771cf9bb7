package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
        StringBuilder sql = new StringBuilder(SELECT + " WHERE archived = FALSE");
        List<Object> params = new ArrayList<>();
        if (accountIds != null) {
            if (accountIds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND account_id IN (").append("?,".repeat(accountIds.size() - 1)).append("?)");
            params.addAll(accountIds);
        }
        addFilter(sql, params, "id", id);
        addFilter(sql, params, "type", type);
        addFilter(sql, params, "level", level);
        if (from != null) {
            sql.append(" AND created >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND created <= ?");
            params.add(to);
        }
        sql.append(" ORDER BY id DESC");
        return jdbc.sql(sql.toString()).params(params).query(EventDao::map).list();
    }

    static void addFilter(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static EventVO map(ResultSet rs, int row) throws SQLException {
        return new EventVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("type"), rs.getString("state"), rs.getString("level"),
                rs.getString("description"), rs.getLong("user_id"), rs.getLong("account_id"), rs.getLong("domain_id"),
                rs.getObject("created", LocalDateTime.class));
    }
}
