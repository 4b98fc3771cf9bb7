package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Login sessions, in the database so that any management server can serve a session's requests. */
public final class SessionDao {
    private final JdbcClient jdbc;

    public SessionDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public void insert(String key, long userId) {
        LocalDateTime now = Times.now();
        jdbc.sql("INSERT INTO user_session (session_key, user_id, created, last_access) VALUES (?, ?, ?, ?)")
                .params(key, userId, now, now).update();
    }

    /** The user of a session that has been used within the timeout; using it extends it. */
    public Optional<Long> touch(String key, Duration timeout) {
        LocalDateTime now = Times.now();
        int updated = jdbc.sql("UPDATE user_session SET last_access = ? WHERE session_key = ? AND last_access >= ?")
                .params(now, key, now.minus(timeout)).update();
        if (updated == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id FROM user_session WHERE session_key = ?").param(key).query(Long.class).optional();
    }

    public void delete(String key) {
        jdbc.sql("DELETE FROM user_session WHERE session_key = ?").param(key).update();
    }

    public int deleteExpired(Duration timeout) {
        return jdbc.sql("DELETE FROM user_session WHERE last_access < ?").param(Times.now().minus(timeout)).update();
    }
}
