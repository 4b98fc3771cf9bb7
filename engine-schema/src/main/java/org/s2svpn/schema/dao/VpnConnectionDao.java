package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.springframework.jdbc.core.simple.JdbcClient;

public final class VpnConnectionDao implements DisplayAndUuid {
    private static final List<String> COLUMNS = List.of("id", "uuid", "vpn_gateway_id", "customer_gateway_id", "state", "domain_id", "account_id",
            "passive", "display", "reason", "state_changed", "created", "child_sas_up");
    private static final String SELECT = "SELECT " + Columns.of("c", COLUMNS) + " FROM s2s_vpn_connection c";
    /**
     * A connection's columns, then its customer gateway's, then what else its response shows (its {@link Listed}); a
     * connection whose customer gateway, VPN gateway or domain is gone (a delete in progress) is left out.
     */
    private static final String LISTED = "SELECT " + Columns.of("c", COLUMNS) + ", " + Columns.of("cg", CustomerGatewayDao.COLUMNS)
            + ", g.uuid AS listed_gateway, ip.public_ip_address AS listed_ip, a.account_name AS listed_account,"
            + " d.uuid AS listed_domain_uuid, d.name AS listed_domain, d.path AS listed_domain_path"
            + " FROM s2s_vpn_connection c"
            + " JOIN s2s_customer_gateway cg ON cg.id = c.customer_gateway_id AND cg.removed IS NULL"
            + " JOIN s2s_vpn_gateway g ON g.id = c.vpn_gateway_id AND g.removed IS NULL"
            + " JOIN domain d ON d.id = c.domain_id AND d.removed IS NULL"
            + " LEFT JOIN user_ip_address ip ON ip.id = g.addr_id"
            + " LEFT JOIN account a ON a.id = c.account_id AND a.removed IS NULL WHERE c.removed IS NULL";
    private static final String RUN = "SELECT " + Columns.of("c", COLUMNS) + ", " + Columns.of("cg", CustomerGatewayDao.COLUMNS)
            + ", ip.public_ip_address AS run_ip, v.cidr AS run_cidr"
            + " FROM s2s_vpn_connection c"
            + " JOIN s2s_vpn_gateway g ON g.id = c.vpn_gateway_id AND g.removed IS NULL"
            + " JOIN vpc v ON v.id = g.vpc_id AND v.removed IS NULL"
            + " JOIN user_ip_address ip ON ip.id = g.addr_id"
            + " JOIN s2s_customer_gateway cg ON cg.id = c.customer_gateway_id AND cg.removed IS NULL"
            + " WHERE c.removed IS NULL";
    private static final int KEPT_SEARCHES = 64;
    /** About 1.5 KB each: 30 MB at most. */
    private static final int KEPT_ROWS = 20_000;

    /** The filters of a search. */
    private record Search(List<Long> accountIds, Long vpcId, Boolean display) {
    }

    /** A search's matching ids, newest first, as they were at a generation of the table. */
    private record Ids(long generation, long[] ids) {
    }

    /** The ids of the latest searches, least recently used first. */
    private final Map<Search, Ids> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Search, Ids> eldest) {
            return size() > KEPT_SEARCHES;
        }
    };

    /** The rows lists showed lately, by connection id, least recently used first, as they were at {@link #keptRowsGeneration}. */
    private final Map<Long, Listed> keptRows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Listed> eldest) {
            return size() > KEPT_ROWS;
        }
    };
    private long keptRowsGeneration = -1;

    private final JdbcClient jdbc;
    private final Generations generations;

    public VpnConnectionDao(JdbcClient jdbc, Generations generations) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.generations = requireNonNull(generations, "generations");
    }

    public VpnConnectionVO insert(long vpnGatewayId, long customerGatewayId, long domainId, long accountId, boolean passive, boolean display) {
        String uuid = UUID.randomUUID().toString();
        LocalDateTime now = Times.now();
        long id = generations.write(() -> {
            generations.changed(Generations.CONNECTIONS);
            return Inserts.insert(jdbc, "INSERT INTO s2s_vpn_connection (uuid, vpn_gateway_id, customer_gateway_id, state, domain_id,"
                            + " account_id, passive, display, state_changed, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", uuid, vpnGatewayId,
                    customerGatewayId, State.Pending.name(), domainId, accountId, passive, display, now, now);
        });
        return new VpnConnectionVO(id, uuid, vpnGatewayId, customerGatewayId, State.Pending, domainId, accountId, passive, display, null, now,
                now, null);
    }

    public Optional<VpnConnectionVO> findById(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = ? AND c.removed IS NULL").param(id).query(VpnConnectionDao::map).optional();
    }

    /** The uuid of a connection, removed or not (usage records outlive their connection). */
    public String findUuid(long id) {
        return jdbc.sql("SELECT uuid FROM s2s_vpn_connection WHERE id = ?").param(id).query(String.class).optional().orElse(null);
    }

    /** Locks the connection row until the transaction ends (CloudStack's lock on the connection). */
    public Optional<VpnConnectionVO> lock(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = ? AND c.removed IS NULL FOR UPDATE").param(id).query(VpnConnectionDao::map).optional();
    }

    public List<VpnConnectionVO> listByVpnGateway(long vpnGatewayId) {
        return jdbc.sql(SELECT + " WHERE c.vpn_gateway_id = ? AND c.removed IS NULL ORDER BY c.id").param(vpnGatewayId)
                .query(VpnConnectionDao::map).list();
    }

    public List<VpnConnectionVO> listByCustomerGateway(long customerGatewayId) {
        return jdbc.sql(SELECT + " WHERE c.customer_gateway_id = ? AND c.removed IS NULL ORDER BY c.id").param(customerGatewayId)
                .query(VpnConnectionDao::map).list();
    }

    /**
     * A connection as its router runs it: the connection, its customer gateway, its VPN gateway's public address and
     * its VPC's CIDR.
     */
    public record Run(VpnConnectionVO connection, CustomerGatewayVO customerGateway, String publicIp, String vpcCidr) {
    }

    /**
     * The live connections of a VPC with what its router runs of each, in one query: the router check reads them for
     * every router at every interval.
     */
    public List<Run> runByVpc(long vpcId) {
        return jdbc.sql(RUN + " AND g.vpc_id = ? ORDER BY c.id").param(vpcId).query(VpnConnectionDao::run).list();
    }

    /** A live connection with what its router runs of it. */
    public Optional<Run> runById(long id) {
        return jdbc.sql(RUN + " AND c.id = ?").param(id).query(VpnConnectionDao::run).optional();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(read(rs, 1), CustomerGatewayDao.read(rs, 1 + COLUMNS.size()), rs.getString("run_ip"), rs.getString("run_cidr"));
    }

    /** The live connections of a VPC (through its VPN gateway). */
    public List<VpnConnectionVO> listByVpc(long vpcId) {
        return jdbc.sql(SELECT + " JOIN s2s_vpn_gateway g ON g.id = c.vpn_gateway_id WHERE g.vpc_id = ? AND c.removed IS NULL"
                + " AND g.removed IS NULL ORDER BY c.id").param(vpcId).query(VpnConnectionDao::map).list();
    }

    /**
     * One page of the connections that match, newest first, each with its {@link Listed}, and how many match. What a
     * list reads is kept until the {@link Generations} say it changed (one read of one table tells, whichever server
     * wrote): the ids that match, per search (counting 10,000 connections and skipping 5,000 to reach a page, at every
     * call, was half of MariaDB's work for a list), and the rows shown (reading and joining a page's 100 rows was
     * most of the rest). A live connection always has its live VPN gateway (a gateway is removed after its
     * connections), so only a VPC filter looks at gateways.
     */
    public Page<Listed> search(List<Long> accountIds, Long id, Long vpcId, Boolean display, long offset, int limit) {
        long[] current = generations.current(Generations.CONNECTIONS, Generations.LISTED);
        long[] ids = id != null ? matching(accountIds, id, vpcId, display) : kept(new Search(accountIds, vpcId, display), current[0]);
        int from = (int) Math.min(offset, ids.length);
        int to = (int) Math.min((long) from + limit, ids.length);
        return new Page<>(shown(Arrays.stream(ids, from, to).boxed().toList(), current[1]), ids.length);
    }

    /** The rows of the ids that are still listed, in their order: those kept at this generation, the others read and kept. */
    private List<Listed> shown(List<Long> ids, long generation) {
        Map<Long, Listed> rows = new HashMap<>();
        synchronized (keptRows) {
            if (generation > keptRowsGeneration) {
                keptRows.clear();
                keptRowsGeneration = generation;
            }
            if (generation == keptRowsGeneration) {
                for (Long id : ids) {
                    Listed row = keptRows.get(id);
                    if (row != null) {
                        rows.put(id, row);
                    }
                }
            }
        }
        List<Long> missing = ids.stream().filter(id -> !rows.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            // read after the generation: a write after that read changes it again, so these rows are never kept as current
            List<Listed> read = listed(missing);
            synchronized (keptRows) {
                read.forEach(l -> {
                    rows.put(l.connection().id(), l);
                    if (generation == keptRowsGeneration) {
                        keptRows.put(l.connection().id(), l);
                    }
                });
            }
        }
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    private long[] kept(Search search, long generation) {
        synchronized (kept) {
            Ids ids = kept.get(search);
            if (ids != null && ids.generation() == generation) {
                return ids.ids();
            }
        }
        // read after the generation: a write after that read changes it again, so these ids are never kept as current
        long[] ids = matching(search.accountIds(), null, search.vpcId(), search.display());
        synchronized (kept) {
            kept.put(search, new Ids(generation, ids));
        }
        return ids;
    }

    private long[] matching(List<Long> accountIds, Long id, Long vpcId, Boolean display) {
        return new Where("SELECT c.id FROM s2s_vpn_connection c WHERE c.removed IS NULL").in("c.account_id", accountIds).eq("c.id", id)
                .condition("c.vpn_gateway_id IN (SELECT g.id FROM s2s_vpn_gateway g WHERE g.vpc_id = ?)", vpcId).eq("c.display", display)
                .list(jdbc, "c.id DESC", (rs, row) -> rs.getLong(1)).stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * What a connection's response shows besides the connection: its customer gateway, its VPN gateway's id and public
     * address, its owner's account name and domain. A domain path is "/" or "/a/b/".
     */
    public record Listed(VpnConnectionVO connection, CustomerGatewayVO customerGateway, String vpnGatewayUuid, String publicIp,
                         String accountName, String domainUuid, String domainName, String domainPath) {
    }

    /** The {@link Listed} of connections by id, in one query whatever their number. */
    public List<Listed> listed(Collection<Long> ids) {
        return new Where(LISTED).in("c.id", List.copyOf(ids)).list(jdbc, "c.id", VpnConnectionDao::listed);
    }

    private static Listed listed(ResultSet rs, int row) throws SQLException {
        return new Listed(read(rs, 1), CustomerGatewayDao.read(rs, 1 + COLUMNS.size()), rs.getString("listed_gateway"), rs.getString("listed_ip"),
                rs.getString("listed_account"), rs.getString("listed_domain_uuid"), rs.getString("listed_domain"),
                rs.getString("listed_domain_path"));
    }

    /**
     * Moves a connection to a new state only when it is still in the state the caller saw, so that two writers
     * (the monitor, an API job, another management server) never overwrite each other. True when it moved. No CHILD
     * SA counts as up any more: only the monitor says which are ({@link #observed}).
     */
    public boolean transition(long id, State from, State to, String reason) {
        return observed(id, from, to, reason, null);
    }

    /**
     * What the monitor read of a connection from its router: its state (a change only when it is still in the state
     * the caller saw, as {@link #transition}), its reason and the CHILD SAs that are up (comma-separated names, null
     * when none). When the state stays, its time of change stays too. True when the row was written.
     */
    public boolean observed(long id, State from, State to, String reason, String childSasUp) {
        JdbcClient.StatementSpec update = from == to
                ? jdbc.sql("UPDATE s2s_vpn_connection SET reason = ?, child_sas_up = ? WHERE id = ? AND state = ? AND removed IS NULL")
                        .params(reason, childSasUp, id, from.name())
                : jdbc.sql("UPDATE s2s_vpn_connection SET state = ?, reason = ?, child_sas_up = ?, state_changed = ? WHERE id = ? AND state = ?"
                        + " AND removed IS NULL").params(to.name(), reason, childSasUp, Times.now(), id, from.name());
        return generations.update(update, Generations.LISTED) == 1;
    }

    /** Sets the state whatever it was (reset, router stop), as CloudStack's forced transitions do; no CHILD SA counts as up. */
    public void setState(long id, State to, String reason) {
        generations.update(jdbc.sql("UPDATE s2s_vpn_connection SET state = ?, reason = ?, child_sas_up = NULL, state_changed = ? WHERE id = ?"
                + " AND removed IS NULL").params(to.name(), reason, Times.now(), id), Generations.LISTED);
    }

    @Override
    public void setDisplay(long id, boolean display) {
        generations.update(jdbc.sql("UPDATE s2s_vpn_connection SET display = ? WHERE id = ?").params(display, id), Generations.CONNECTIONS,
                Generations.LISTED);
    }

    @Override
    public void setUuid(long id, String uuid) {
        generations.update(jdbc.sql("UPDATE s2s_vpn_connection SET uuid = ? WHERE id = ?").params(uuid, id), Generations.LISTED);
    }

    @Override
    public boolean uuidTakenByOther(long id, String uuid) {
        return jdbc.sql("SELECT COUNT(*) FROM s2s_vpn_connection WHERE uuid = ? AND id <> ?").params(uuid, id).query(Long.class).single() > 0;
    }

    /** Removes a live connection; false when it was already removed (by another job), which keeps its first removal time. */
    public boolean markRemoved(long id) {
        return generations.update(jdbc.sql("UPDATE s2s_vpn_connection SET state = 'Removed', removed = ? WHERE id = ? AND removed IS NULL")
                .params(Times.now(), id), Generations.CONNECTIONS) == 1;
    }

    private static VpnConnectionVO map(ResultSet rs, int row) throws SQLException {
        return read(rs, 1);
    }

    /** A connection from its {@link #COLUMNS}, in their order, from column {@code at} on. */
    private static VpnConnectionVO read(ResultSet rs, int at) throws SQLException {
        return new VpnConnectionVO(rs.getLong(at), rs.getString(at + 1), rs.getLong(at + 2), rs.getLong(at + 3), State.valueOf(rs.getString(at + 4)),
                rs.getLong(at + 5), rs.getLong(at + 6), rs.getBoolean(at + 7), rs.getBoolean(at + 8), rs.getString(at + 9),
                rs.getObject(at + 10, LocalDateTime.class), rs.getObject(at + 11, LocalDateTime.class), rs.getString(at + 12));
    }
}
