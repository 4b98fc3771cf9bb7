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

    /**
     * A page of a search for ids ("SELECT t.id FROM ..."), with the count of all that match: the ids are cut in the
     * database (an index suffices), then {@code rows}, a query with "%s" where the page of ids goes (e.g. "SELECT ...
     * FROM t JOIN (%s) page ON page.id = t.id ORDER BY ..."), reads only the page's rows.
     */
    <T> Page<T> page(JdbcClient jdbc, String orderBy, String rows, RowMapper<T> mapper, long offset, int limit) {
        if (matchesNothing) {
            return new Page<>(List.of(), 0);
        }
        int total = jdbc.sql("SELECT COUNT(*) FROM (" + sql + ") matched").params(params).query(Integer.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(limit, offset));
        String page = sql + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        return new Page<>(jdbc.sql(rows.formatted(page)).params(paged).query(mapper).list(), total);
    }
}
