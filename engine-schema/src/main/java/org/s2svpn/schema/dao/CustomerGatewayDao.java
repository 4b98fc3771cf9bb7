package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class CustomerGatewayDao {
    /** The columns {@link #read} reads, in this order. */
    static final List<String> COLUMNS = List.of("id", "uuid", "name", "gateway_ip", "guest_cidr_list", "ipsec_psk", "ike_policy", "esp_policy",
            "ike_lifetime", "esp_lifetime", "dpd", "force_encap", "ike_version", "split_connections", "domain_id", "account_id", "created");
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM s2s_customer_gateway";

    private final JdbcClient jdbc;
    private final Generations generations;

    public CustomerGatewayDao(JdbcClient jdbc, Generations generations) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.generations = requireNonNull(generations, "generations");
    }

    /** Inserts the gateway (id and created are taken from the database) and returns it as stored. */
    public CustomerGatewayVO insert(CustomerGatewayVO g) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO s2s_customer_gateway (uuid, name, gateway_ip, guest_cidr_list, ipsec_psk, ike_policy, esp_policy,"
                        + " ike_lifetime, esp_lifetime, dpd, force_encap, ike_version, split_connections, domain_id, account_id, created)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", g.uuid(), g.name(), g.gatewayIp(), g.guestCidrList(),
                g.encryptedPsk(), g.ikePolicy(), g.espPolicy(), g.ikeLifetime(), g.espLifetime(), g.dpd(), g.forceEncap(), g.ikeVersion(),
                g.splitConnections(), g.domainId(), g.accountId(), now);
        return findById(id).orElseThrow();
    }

    /** Replaces every field but the identity and the owner, as updateVpnCustomerGateway does. */
    public void update(CustomerGatewayVO g) {
        generations.update(jdbc.sql("UPDATE s2s_customer_gateway SET name = ?, gateway_ip = ?, guest_cidr_list = ?, ipsec_psk = ?,"
                        + " ike_policy = ?, esp_policy = ?, ike_lifetime = ?, esp_lifetime = ?, dpd = ?, force_encap = ?, ike_version = ?,"
                        + " split_connections = ? WHERE id = ?")
                .params(g.name(), g.gatewayIp(), g.guestCidrList(), g.encryptedPsk(), g.ikePolicy(), g.espPolicy(), g.ikeLifetime(),
                        g.espLifetime(), g.dpd(), g.forceEncap(), g.ikeVersion(), g.splitConnections(), g.id()), Generations.LISTED);
    }

    /** Those of the ids that exist: one query for a page of a list. */
    public Optional<CustomerGatewayVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(CustomerGatewayDao::map).optional();
    }

    public Optional<CustomerGatewayVO> findByName(long accountId, String name) {
        return jdbc.sql(SELECT + " WHERE account_id = ? AND name = ? AND removed IS NULL").params(accountId, name)
                .query(CustomerGatewayDao::map).optional();
    }

    public List<CustomerGatewayVO> search(List<Long> accountIds, Long id, String keyword) {
        return new Where(SELECT + " WHERE removed IS NULL").in("account_id", accountIds).eq("id", id)
                .contains("name", keyword)
                .list(jdbc, "id DESC", CustomerGatewayDao::map);
    }

    public void markRemoved(long id) {
        jdbc.sql("UPDATE s2s_customer_gateway SET removed = ? WHERE id = ?").params(Times.now(), id).update();
    }

    public int removeByAccount(long accountId) {
        return generations.update(jdbc.sql("UPDATE s2s_customer_gateway SET removed = ? WHERE account_id = ? AND removed IS NULL")
                .params(Times.now(), accountId), Generations.LISTED);
    }

    private static CustomerGatewayVO map(ResultSet rs, int row) throws SQLException {
        return read(rs, 1);
    }

    /**
     * A gateway from its {@link #COLUMNS}, in their order, from column {@code at} on (a list's join reads 100 rows of
     * 35 columns: looking each up by name was a fifth of its CPU).
     */
    static CustomerGatewayVO read(ResultSet rs, int at) throws SQLException {
        return new CustomerGatewayVO(rs.getLong(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3), rs.getString(at + 4),
                rs.getString(at + 5), rs.getString(at + 6), rs.getString(at + 7), rs.getInt(at + 8), rs.getInt(at + 9), rs.getBoolean(at + 10),
                rs.getBoolean(at + 11), rs.getString(at + 12), rs.getBoolean(at + 13), rs.getLong(at + 14), rs.getLong(at + 15),
                rs.getObject(at + 16, LocalDateTime.class));
    }
}
