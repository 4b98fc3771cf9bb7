package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class IpAddressDao {
    private static final String SELECT = "SELECT id, uuid, public_ip_address, data_center_id, vlan_db_id, state, source_nat, account_id,"
            + " domain_id, vpc_id, allocated FROM user_ip_address";

    private final JdbcClient jdbc;

    public IpAddressDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public void insertFree(long zoneId, long vlanId, List<String> addresses) {
        for (String address : addresses) {
            jdbc.sql("INSERT INTO user_ip_address (uuid, public_ip_address, data_center_id, vlan_db_id, state) VALUES (?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID().toString(), address, zoneId, vlanId, IpAddressVO.FREE).update();
        }
    }

    public boolean exists(long zoneId, String address) {
        return jdbc.sql("SELECT COUNT(*) FROM user_ip_address WHERE data_center_id = ? AND public_ip_address = ?").params(zoneId, address)
                .query(Integer.class).single() > 0;
    }

    /**
     * Takes a free address of the zone for a VPC's source NAT. The update only succeeds while the row is still
     * free, so two VPCs created at once never get the same address. Empty when the ranges are exhausted.
     */
    public Optional<IpAddressVO> allocateSourceNat(long zoneId, long accountId, long domainId, long vpcId) {
        while (true) {
            List<Long> candidates = jdbc.sql("SELECT id FROM user_ip_address WHERE data_center_id = ? AND state = ? ORDER BY id LIMIT 8")
                    .params(zoneId, IpAddressVO.FREE).query(Long.class).list();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (long id : candidates) {
                int taken = jdbc.sql("UPDATE user_ip_address SET state = ?, source_nat = TRUE, account_id = ?, domain_id = ?, vpc_id = ?,"
                                + " allocated = ? WHERE id = ? AND state = ?")
                        .params(IpAddressVO.ALLOCATED, accountId, domainId, vpcId, Times.now(), id, IpAddressVO.FREE).update();
                if (taken == 1) {
                    return findById(id);
                }
            }
        }
    }

    public void release(long id) {
        jdbc.sql("UPDATE user_ip_address SET state = ?, source_nat = FALSE, account_id = NULL, domain_id = NULL, vpc_id = NULL,"
                + " allocated = NULL WHERE id = ?").params(IpAddressVO.FREE, id).update();
    }

    /** Those of the ids that exist: one query for a page of a list. */
    public Optional<IpAddressVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(IpAddressDao::map).optional();
    }

    public Optional<IpAddressVO> findSourceNatOfVpc(long vpcId) {
        return jdbc.sql(SELECT + " WHERE vpc_id = ? AND source_nat = TRUE").param(vpcId).query(IpAddressDao::map).optional();
    }

    /** Allocated addresses of the given accounts (all when null); optionally of one VPC or one id. */
    public List<IpAddressVO> searchAllocated(List<Long> accountIds, Long vpcId, Long id, String address) {
        return new Where(SELECT + " WHERE state = 'Allocated'").in("account_id", accountIds).eq("vpc_id", vpcId).eq("id", id)
                .eq("public_ip_address", address).list(jdbc, "id", IpAddressDao::map);
    }

    public int countByVlan(long vlanId, String state) {
        return jdbc.sql("SELECT COUNT(*) FROM user_ip_address WHERE vlan_db_id = ? AND state = ?").params(vlanId, state)
                .query(Integer.class).single();
    }

    private static IpAddressVO map(ResultSet rs, int row) throws SQLException {
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        long domain = rs.getLong("domain_id");
        Long domainId = rs.wasNull() ? null : domain;
        long vpc = rs.getLong("vpc_id");
        Long vpcId = rs.wasNull() ? null : vpc;
        return new IpAddressVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("public_ip_address"), rs.getLong("data_center_id"),
                rs.getLong("vlan_db_id"), rs.getString("state"), rs.getBoolean("source_nat"), accountId, domainId, vpcId,
                rs.getObject("allocated", LocalDateTime.class));
    }
}
