package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.RoleVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class RoleDao {
    private static final String SELECT = "SELECT id, uuid, name, role_type, description FROM roles";

    private final JdbcClient jdbc;

    public RoleDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public RoleVO insert(String name, RoleType type, String description) {
        String uuid = UUID.randomUUID().toString();
        long id = Inserts.insert(jdbc, "INSERT INTO roles (uuid, name, role_type, description, created) VALUES (?, ?, ?, ?, ?)",
                uuid, name, type.name(), description, Times.now());
        return new RoleVO(id, uuid, name, type, description);
    }

    public Optional<RoleVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(RoleDao::map).optional();
    }

    /** The first role of a type: the default one. */
    public Optional<RoleVO> findDefault(RoleType type) {
        return jdbc.sql(SELECT + " WHERE role_type = ? AND removed IS NULL ORDER BY id").param(type.name()).query(RoleDao::map)
                .list().stream().findFirst();
    }

    public List<RoleVO> all() {
        return jdbc.sql(SELECT + " WHERE removed IS NULL ORDER BY id").query(RoleDao::map).list();
    }

    private static RoleVO map(ResultSet rs, int row) throws SQLException {
        return new RoleVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), RoleType.valueOf(rs.getString("role_type")),
                rs.getString("description"));
    }
}
