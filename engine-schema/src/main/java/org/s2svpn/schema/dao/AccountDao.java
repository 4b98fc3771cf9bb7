package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class AccountDao {
    /** The columns {@link #read} reads, in this order. */
    static final List<String> COLUMNS = List.of("id", "uuid", "account_name", "type", "role_id", "domain_id", "state", "network_domain", "created",
            "removed");
    private static final String SELECT = "SELECT " + Columns.of("a", COLUMNS) + " FROM account a";

    private final JdbcClient jdbc;
    private final Generations generations;

    public AccountDao(JdbcClient jdbc, Generations generations) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.generations = requireNonNull(generations, "generations");
    }

    public AccountVO insert(String uuid, String name, RoleType type, long roleId, long domainId, String networkDomain) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO account (uuid, account_name, type, role_id, domain_id, state, network_domain, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", uuid, name, type.accountType(), roleId, domainId, AccountVO.ENABLED, networkDomain, now);
        return new AccountVO(id, uuid, name, type, roleId, domainId, AccountVO.ENABLED, networkDomain, now, null);
    }

    /** Those of the ids that exist: one query for a page of a list. */
    public List<AccountVO> findByIds(java.util.Collection<Long> ids) {
        return new Where(SELECT + " WHERE a.removed IS NULL").in("a.id", List.copyOf(ids)).list(jdbc, "a.id", AccountDao::map);
    }

    public Optional<AccountVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = ? AND a.removed IS NULL").param(id).query(AccountDao::map).optional();
    }

    public Optional<AccountVO> findByName(long domainId, String name) {
        return jdbc.sql(SELECT + " WHERE a.domain_id = ? AND a.account_name = ? AND a.removed IS NULL").params(domainId, name)
                .query(AccountDao::map).optional();
    }

    /** Live accounts, filtered by id, by name, and to the given domain path prefix when those are not null. */
    public List<AccountVO> search(Long id, String name, String domainPathPrefix, Long domainId) {
        return new Where(SELECT + " JOIN domain d ON d.id = a.domain_id WHERE a.removed IS NULL").eq("a.id", id).eq("a.account_name", name)
                .eq("a.domain_id", domainId).condition("d.path LIKE ?", domainPathPrefix == null ? null : DomainDao.likePrefix(domainPathPrefix))
                .list(jdbc, "a.id", AccountDao::map);
    }

    /** Ids of the live accounts in a domain subtree. */
    public List<Long> idsUnder(String domainPath) {
        return jdbc.sql("SELECT a.id FROM account a JOIN domain d ON d.id = a.domain_id WHERE a.removed IS NULL AND d.path LIKE ?")
                .param(DomainDao.likePrefix(domainPath)).query(Long.class).list();
    }

    /** Removes a live account; its name is no longer shown with its connections. */
    public boolean markRemoved(long id) {
        return generations.update(jdbc.sql("UPDATE account SET removed = ?, state = 'removed' WHERE id = ? AND removed IS NULL")
                .params(Times.now(), id), Generations.LISTED) == 1;
    }

    public int countInDomain(long domainId) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE domain_id = ? AND removed IS NULL").param(domainId).query(Integer.class).single();
    }

    private static AccountVO map(ResultSet rs, int row) throws SQLException {
        return read(rs, 1);
    }

    /** An account from its {@link #COLUMNS}, in their order, from column {@code at} on. */
    static AccountVO read(ResultSet rs, int at) throws SQLException {
        return new AccountVO(rs.getLong(at), rs.getString(at + 1), rs.getString(at + 2), RoleType.fromAccountType(rs.getInt(at + 3)),
                rs.getLong(at + 4), rs.getLong(at + 5), rs.getString(at + 6), rs.getString(at + 7), rs.getObject(at + 8, LocalDateTime.class),
                rs.getObject(at + 9, LocalDateTime.class));
    }
}
