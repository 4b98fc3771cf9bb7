package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class DomainDao {
    /** The columns {@link #read} reads, in this order. */
    static final List<String> COLUMNS = List.of("id", "uuid", "parent", "name", "path", "level", "network_domain", "state", "created", "removed");
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM domain";

    private final JdbcClient jdbc;

    public DomainDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public DomainVO insert(String uuid, Long parent, String name, String path, int level, String networkDomain) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO domain (uuid, parent, name, path, level, network_domain, state, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'Active', ?)", uuid, parent, name, path, level, networkDomain, now);
        return new DomainVO(id, uuid, parent, name, path, level, networkDomain, "Active", now, null);
    }

    /** Locks a domain row until the transaction ends, so that names created under it are checked one at a time. */
    public void lock(long id) {
        jdbc.sql("SELECT id FROM domain WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    /** Those of the ids that exist: one query for a page of a list. */
    public List<DomainVO> findByIds(java.util.Collection<Long> ids) {
        return new Where(SELECT + " WHERE removed IS NULL").in("id", List.copyOf(ids)).list(jdbc, "id", DomainDao::map);
    }

    public Optional<DomainVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(DomainDao::map).optional();
    }

    public Optional<DomainVO> findByUuid(String uuid) {
        return jdbc.sql(SELECT + " WHERE uuid = ? AND removed IS NULL").param(uuid).query(DomainDao::map).optional();
    }

    public Optional<DomainVO> findByPath(String path) {
        return jdbc.sql(SELECT + " WHERE path = ? AND removed IS NULL").param(path).query(DomainDao::map).optional();
    }

    public Optional<DomainVO> findChild(long parent, String name) {
        return jdbc.sql(SELECT + " WHERE parent = ? AND name = ? AND removed IS NULL").params(parent, name)
                .query(DomainDao::map).optional();
    }

    /** The domain and every domain below it. */
    public List<DomainVO> subtree(DomainVO root) {
        return jdbc.sql(SELECT + " WHERE path LIKE ? AND removed IS NULL ORDER BY id").param(likePrefix(root.path()))
                .query(DomainDao::map).list();
    }

    public List<DomainVO> children(long parent) {
        return jdbc.sql(SELECT + " WHERE parent = ? AND removed IS NULL ORDER BY id").param(parent).query(DomainDao::map).list();
    }

    static String likePrefix(String path) {
        return Where.escapeLike(path) + "%";
    }

    private static DomainVO map(ResultSet rs, int row) throws SQLException {
        return read(rs, 1);
    }

    /** A domain from its {@link #COLUMNS}, in their order, from column {@code at} on. */
    static DomainVO read(ResultSet rs, int at) throws SQLException {
        long parent = rs.getLong(at + 2);
        Long parentOrNull = rs.wasNull() ? null : parent;
        return new DomainVO(rs.getLong(at), rs.getString(at + 1), parentOrNull, rs.getString(at + 3), rs.getString(at + 4), rs.getInt(at + 5),
                rs.getString(at + 6), rs.getString(at + 7), rs.getObject(at + 8, LocalDateTime.class), rs.getObject(at + 9, LocalDateTime.class));
    }
}
