package org.s2svpn.schema.dao;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the WHERE clause of a search from optional filters: a null filter is left out. */
final class Where {
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();
    private boolean matchesNothing;

    /** base: a SELECT (or UPDATE) with a WHERE clause, e.g. "SELECT ... FROM t WHERE removed IS NULL". */
    Where(String base) {
        this.sql = new StringBuilder(base);
    }

    Where eq(String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
        return this;
    }

    /** column IN (values); null means no filter, an empty list matches nothing. */
    Where in(String column, List<Long> values) {
        if (values != null) {
            if (values.isEmpty()) {
                matchesNothing = true;
            } else {
                sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
                params.addAll(values);
            }
        }
        return this;
    }

    Where condition(String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
        return this;
    }

    /** column contains text, LIKE's own wildcards in text taken literally. */
    Where contains(String column, String text) {
        return condition(column + " LIKE ?", text == null ? null : "%" + escapeLike(text) + "%");
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    <T> List<T> list(JdbcClient jdbc, String orderBy, RowMapper<T> mapper) {
        if (matchesNothing) {
            return List.of();
        }
        return jdbc.sql(sql + " ORDER BY " + orderBy).params(params).query(mapper).list();
    }

    /** Runs the statement (an UPDATE built the same way); nothing when it matches nothing. */
    int update(JdbcClient jdbc) {
        return matchesNothing ? 0 : jdbc.sql(sql.toString()).params(params).update();
    }
}
