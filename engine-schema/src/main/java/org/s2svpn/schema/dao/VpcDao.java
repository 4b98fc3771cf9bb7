package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpcVO;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class VpcDao {
    private static final String SELECT = "SELECT id, uuid, name, display_text, cidr, vpc_offering_id, zone_id, account_id, domain_id, state,"
            + " network_domain, restart_required, display, created FROM vpc";

    private final JdbcClient jdbc;

    public VpcDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public VpcVO insert(String uuid, String name, String displayText, String cidr, long offeringId, long zoneId, long accountId, long domainId,
                        String networkDomain, boolean display) {
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO vpc (uuid, name, display_text, cidr, vpc_offering_id, zone_id, account_id, domain_id, state,"
                        + " network_domain, display, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, name, displayText, cidr,
                offeringId, zoneId, accountId, domainId, VpcVO.ENABLED, networkDomain, display, now);
        return new VpcVO(id, uuid, name, displayText, cidr, offeringId, zoneId, accountId, domainId, VpcVO.ENABLED, networkDomain, false,
                display, now);
    }

    public Optional<VpcVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(VpcDao::map).optional();
    }

    /** Locks the VPC row until the transaction ends: changes to one VPC's tiers and router happen one at a time. */
    public Optional<VpcVO> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL FOR UPDATE").param(id).query(VpcDao::map).optional();
    }

    public List<VpcVO> search(List<Long> accountIds, Long id, String name, Long zoneId, String state) {
        return new Where(SELECT + " WHERE removed IS NULL").in("account_id", accountIds).eq("id", id).eq("name", name).eq("zone_id", zoneId)
                .eq("state", state).list(jdbc, "id DESC", VpcDao::map);
    }

    public void update(long id, String name, String displayText, Boolean display) {
        jdbc.sql("UPDATE vpc SET name = COALESCE(?, name), display_text = COALESCE(?, display_text), display = COALESCE(?, display) WHERE id = ?")
                .params(name, displayText, display, id).update();
    }

    public void markRemoved(long id) {
        jdbc.sql("UPDATE vpc SET removed = ?, state = 'Inactive' WHERE id = ?").params(Times.now(), id).update();
    }

    private static VpcVO map(ResultSet rs, int row) throws SQLException {
        return new VpcVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("display_text"), rs.getString("cidr"),
                rs.getLong("vpc_offering_id"), rs.getLong("zone_id"), rs.getLong("account_id"), rs.getLong("domain_id"), rs.getString("state"),
                rs.getString("network_domain"), rs.getBoolean("restart_required"), rs.getBoolean("display"),
                rs.getObject("created", LocalDateTime.class));
    }
}
