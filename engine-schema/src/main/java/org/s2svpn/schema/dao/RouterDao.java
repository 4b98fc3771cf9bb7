package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/** VPC routers (domain_router). */
public final class RouterDao {
    private static final String SELECT = "SELECT id, uuid, name, vpc_id, data_center_id, host_id, public_ip_id, account_id, domain_id, state,"
            + " last_error, created FROM domain_router";

    private final JdbcClient jdbc;

    public RouterDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public DomainRouterVO insert(long vpcId, long zoneId, Long hostId, Long publicIpId, long accountId, long domainId) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = Inserts.insert(jdbc, "INSERT INTO domain_router (uuid, name, vpc_id, data_center_id, host_id, public_ip_id, account_id,"
                        + " domain_id, state, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, "r-new", vpcId, zoneId, hostId, publicIpId,
                accountId, domainId, DomainRouterVO.State.Stopped.name(), now);
        String name = "r-" + id + "-VM"; // CloudStack's router names
        jdbc.sql("UPDATE domain_router SET name = ? WHERE id = ?").params(name, id).update();
        return new DomainRouterVO(id, uuid, name, vpcId, zoneId, hostId, publicIpId, accountId, domainId, DomainRouterVO.State.Stopped,
                null, now);
    }

    public Optional<DomainRouterVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? AND removed IS NULL").param(id).query(RouterDao::map).optional();
    }

    public Optional<DomainRouterVO> findByVpc(long vpcId) {
        return jdbc.sql(SELECT + " WHERE vpc_id = ? AND removed IS NULL").param(vpcId).query(RouterDao::map).optional();
    }

    public List<DomainRouterVO> listByState(DomainRouterVO.State state) {
        return jdbc.sql(SELECT + " WHERE state = ? AND removed IS NULL ORDER BY id").param(state.name()).query(RouterDao::map).list();
    }

    // --- ownership among several management servers (V5) ------------------------------------------------------------

    /** The Running routers this server owns that serve at least one tier: those the router check watches. */
    public List<DomainRouterVO> listCheckable(long msid) {
        return jdbc.sql(SELECT + " r WHERE r.owner_msid = ? AND r.state = ? AND r.removed IS NULL"
                        + " AND EXISTS (SELECT 1 FROM networks n WHERE n.vpc_id = r.vpc_id AND n.removed IS NULL) ORDER BY r.last_checked, r.id")
                .params(msid, DomainRouterVO.State.Running.name()).query(RouterDao::map).list();
    }

    /** Routers not removed, and how many of them this server owns: [all, owned]. */
    public int[] ownership(long msid) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN owner_msid = ? THEN 1 ELSE 0 END), 0) FROM domain_router WHERE removed IS NULL")
                .param(msid).query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
    }

    /** Takes up to limit routers that no live server owns; returns how many. */
    public int claim(long msid, List<Long> live, int limit) {
        List<Object> params = new java.util.ArrayList<>(List.of(msid));
        params.addAll(live);
        params.add(limit);
        return jdbc.sql("UPDATE domain_router SET owner_msid = ? WHERE removed IS NULL AND (owner_msid IS NULL OR owner_msid NOT IN ("
                + "?,".repeat(live.size() - 1) + "?)) LIMIT ?").params(params).update();
    }

    /** Gives up to limit of this server's routers back (the others take them); returns how many. */
    public int release(long msid, int limit) {
        return jdbc.sql("UPDATE domain_router SET owner_msid = NULL WHERE owner_msid = ? AND removed IS NULL LIMIT ?").params(msid, limit).update();
    }

    /** Takes every router of a server that died: the taker checks them in the same sweep, and gives some back later. */
    public int takeOver(long deadMsid, long msid) {
        return jdbc.sql("UPDATE domain_router SET owner_msid = ? WHERE owner_msid = ?").params(msid, deadMsid).update();
    }

    /** Gives every router of a server back: it stopped. */
    public int releaseAll(long msid) {
        return jdbc.sql("UPDATE domain_router SET owner_msid = NULL WHERE owner_msid = ?").param(msid).update();
    }

    /** Notes that the routers were checked now. */
    public void markChecked(List<Long> ids) {
        new Where("UPDATE domain_router SET last_checked = CURRENT_TIMESTAMP(3) WHERE 1 = 1").in("id", ids).update(jdbc);
    }

    public List<DomainRouterVO> listByHost(long hostId) {
        return jdbc.sql(SELECT + " WHERE host_id = ? AND removed IS NULL ORDER BY id").param(hostId).query(RouterDao::map).list();
    }

    public List<DomainRouterVO> search(List<Long> accountIds, Long id, Long vpcId, String state, Long hostId) {
        return new Where(SELECT + " WHERE removed IS NULL").in("account_id", accountIds).eq("id", id).eq("vpc_id", vpcId).eq("state", state)
                .eq("host_id", hostId).list(jdbc, "id DESC", RouterDao::map);
    }

    /** Moves the router from one state to another; false when it was no longer in the expected state. */
    public boolean transition(long id, DomainRouterVO.State from, DomainRouterVO.State to, String lastError) {
        return jdbc.sql("UPDATE domain_router SET state = ?, last_error = ? WHERE id = ? AND state = ? AND removed IS NULL")
                .params(to.name(), lastError, id, from.name()).update() == 1;
    }

    public void setState(long id, DomainRouterVO.State to, String lastError) {
        jdbc.sql("UPDATE domain_router SET state = ?, last_error = ? WHERE id = ?").params(to.name(), lastError, id).update();
    }

    /** Places the router on a network node, or on the simulator when hostId is null. */
    public void placeOn(long id, Long hostId) {
        jdbc.sql("UPDATE domain_router SET host_id = ? WHERE id = ?").params(hostId, id).update();
    }

    public void markRemoved(long id) {
        jdbc.sql("UPDATE domain_router SET removed = ?, state = 'Stopped' WHERE id = ?").params(Times.now(), id).update();
    }

    private static DomainRouterVO map(ResultSet rs, int row) throws SQLException {
        long host = rs.getLong("host_id");
        Long hostId = rs.wasNull() ? null : host;
        long ip = rs.getLong("public_ip_id");
        Long ipId = rs.wasNull() ? null : ip;
        return new DomainRouterVO(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getLong("vpc_id"),
                rs.getLong("data_center_id"), hostId, ipId, rs.getLong("account_id"), rs.getLong("domain_id"),
                DomainRouterVO.State.valueOf(rs.getString("state")), rs.getString("last_error"), rs.getObject("created", LocalDateTime.class));
    }
}
