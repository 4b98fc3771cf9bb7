package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.UserVO;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class UserDao {
    /** The columns {@link #read} reads, in this order. */
    private static final List<String> COLUMNS = List.of("id", "uuid", "username", "password", "account_id", "firstname", "lastname", "email",
            "state", "api_key", "secret_key", "timezone", "created", "removed");
    private static final String SELECT = "SELECT " + Columns.of("u", COLUMNS) + " FROM user u";
    /** A user's columns, then its account's, then its domain's. */
    private static final String SELECT_OWNED = "SELECT " + Columns.of("u", COLUMNS) + ", " + Columns.of("a", AccountDao.COLUMNS) + ", "
            + Columns.of("d", DomainDao.COLUMNS)
            + " FROM user u JOIN account a ON a.id = u.account_id AND a.removed IS NULL JOIN domain d ON d.id = a.domain_id AND d.removed IS NULL";

    private final JdbcClient jdbc;

    public UserDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public UserVO insert(String uuid, String username, String passwordHash, long accountId, String firstname, String lastname, String email,
                         String timezone) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO user (uuid, username, password, account_id, firstname, lastname, email, state, timezone,"
                        + " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, username, passwordHash, accountId, firstname, lastname,
                email, UserVO.ENABLED, timezone, now);
        return new UserVO(id, uuid, username, passwordHash, accountId, firstname, lastname, email, UserVO.ENABLED, null, null, timezone,
                now, null);
    }

    public Optional<UserVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = ? AND u.removed IS NULL").param(id).query(UserDao::map).optional();
    }

    /** A live user with its live account and domain. */
    public record Owned(UserVO user, AccountVO account, DomainVO domain) {
    }

    /** The live user of an API key with its live account and domain, in one query: every signed API call asks. */
    public Optional<Owned> findOwnedByApiKey(String apiKey) {
        return owned("u.api_key = ?", apiKey);
    }

    /** The live user with its live account and domain (a session's or a login's caller). */
    public Optional<Owned> findOwnedById(long id) {
        return owned("u.id = ?", id);
    }

    private Optional<Owned> owned(String condition, Object value) {
        return jdbc.sql(SELECT_OWNED + " WHERE " + condition + " AND u.removed IS NULL").param(value)
                .query((rs, row) -> new Owned(read(rs, 1), AccountDao.read(rs, 1 + COLUMNS.size()),
                        DomainDao.read(rs, 1 + COLUMNS.size() + AccountDao.COLUMNS.size()))).optional();
    }

    /** A username is unique within a domain, as in CloudStack. */
    public Optional<UserVO> findByUsernameInDomain(String username, long domainId) {
        return jdbc.sql(SELECT + " JOIN account a ON a.id = u.account_id WHERE u.username = ? AND a.domain_id = ? AND u.removed IS NULL"
                + " AND a.removed IS NULL").params(username, domainId).query(UserDao::map).optional();
    }

    /** Live users of the given accounts (every account when null), optionally one by id or username. */
    public List<UserVO> search(List<Long> accountIds, Long id, String username) {
        return new Where(SELECT + " WHERE u.removed IS NULL").in("u.account_id", accountIds).eq("u.id", id).eq("u.username", username)
                .list(jdbc, "u.id", UserDao::map);
    }

    public void setKeys(long id, String apiKey, String encryptedSecretKey) {
        jdbc.sql("UPDATE user SET api_key = ?, secret_key = ? WHERE id = ?").params(apiKey, encryptedSecretKey, id).update();
    }

    /** Removes the users of an account; their keys stop working at once. */
    public int removeByAccount(long accountId) {
        return jdbc.sql("UPDATE user SET removed = ?, state = 'removed', api_key = NULL, secret_key = NULL"
                + " WHERE account_id = ? AND removed IS NULL").params(Times.now(), accountId).update();
    }

    private static UserVO map(ResultSet rs, int row) throws SQLException {
        return read(rs, 1);
    }

    /** A user from its {@link #COLUMNS}, in their order, from column {@code at} on. */
    private static UserVO read(ResultSet rs, int at) throws SQLException {
        return new UserVO(rs.getLong(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3), rs.getLong(at + 4),
                rs.getString(at + 5), rs.getString(at + 6), rs.getString(at + 7), rs.getString(at + 8), rs.getString(at + 9), rs.getString(at + 10),
                rs.getString(at + 11), rs.getObject(at + 12, LocalDateTime.class), rs.getObject(at + 13, LocalDateTime.class));
    }
}
