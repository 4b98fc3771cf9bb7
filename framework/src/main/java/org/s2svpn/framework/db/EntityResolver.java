package org.s2svpn.framework.db;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resolves a uuid to the internal id of a live row of the entity's {@link Table}. */
public final class EntityResolver {
    private final JdbcClient jdbc;

    public EntityResolver(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public Optional<Long> idOf(Class<?> entityType, String uuid) {
        Table table = entityType.getAnnotation(Table.class);
        if (table == null) {
            throw new IllegalArgumentException(entityType.getName() + " has no @Table");
        }
        // the table name comes from an annotation in our code, never from a request
        String sql = "SELECT id FROM " + table.value() + " WHERE uuid = ?" + (table.softDelete() ? " AND removed IS NULL" : "");
        return jdbc.sql(sql).param(uuid).query(Long.class).optional();
    }
}
