package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpnGatewayVO;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class VpnGatewayDao implements DisplayAndUuid {
    private static final String SELECT = "SELECT id, uuid, addr_id, vpc_id, domain_id, account_id, display, created FROM s2s_vpn_gateway";

    private final JdbcClient jdbc;
    private final Generations generations;

    public VpnGatewayDao(JdbcClient jdbc, Generations generations) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.generations = requireNonNull(generations, "generations");
    }

    public VpnGatewayVO insert(long addrId, long vpcId, long domainId, long accountId, boolean display) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO s2s_vpn_gateway (uuid, addr_id, vpc_id, domain_id, account_id, display, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", uuid, addrId, vpcId, domainId, accountId, display, now);
        return new VpnGatewayVO(id, uuid, addrId, vpcId, domainId, accountId, display, now);
    }

    /** Those of the ids that exist: one query for a page of a list. */
    public Optional<VpnGatewayVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(VpnGatewayDao::map).optional();
    }

    public Optional<VpnGatewayVO> findByVpc(long vpcId) {
        return jdbc.sql(SELECT + " WHERE vpc_id = ? AND removed IS NULL").param(vpcId).query(VpnGatewayDao::map).optional();
    }

    public List<VpnGatewayVO> search(List<Long> accountIds, Long id, Long vpcId, Boolean display) {
        return new Where(SELECT + " WHERE removed IS NULL").in("account_id", accountIds).eq("id", id).eq("vpc_id", vpcId).eq("display", display)
                .list(jdbc, "id DESC", VpnGatewayDao::map);
    }

    @Override
    public void setDisplay(long id, boolean display) {
        jdbc.sql("UPDATE s2s_vpn_gateway SET display = ? WHERE id = ?").params(display, id).update();
    }

    @Override
    public void setUuid(long id, String uuid) {
        generations.update(jdbc.sql("UPDATE s2s_vpn_gateway SET uuid = ? WHERE id = ?").params(uuid, id), Generations.LISTED);
    }

    @Override
    public boolean uuidTakenByOther(long id, String uuid) {
        return jdbc.sql("SELECT COUNT(*) FROM s2s_vpn_gateway WHERE uuid = ? AND id <> ?").params(uuid, id).query(Long.class).single() > 0;
    }

    public void markRemoved(long id) {
        generations.update(jdbc.sql("UPDATE s2s_vpn_gateway SET removed = ? WHERE id = ?").params(Times.now(), id), Generations.LISTED);
    }

    private static VpnGatewayVO map(ResultSet rs, int row) throws SQLException {
        return new VpnGatewayVO(rs.getLong("id"), rs.getString("uuid"), rs.getLong("addr_id"), rs.getLong("vpc_id"), rs.getLong("domain_id"),
                rs.getLong("account_id"), rs.getBoolean("display"), rs.getObject("created", LocalDateTime.class));
    }
}
