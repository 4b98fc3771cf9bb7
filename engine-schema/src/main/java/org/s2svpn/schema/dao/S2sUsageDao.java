package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SA counters last seen per connection and the usage records built from them. */
public final class S2sUsageDao {
    /** The counters last seen and the totals so far. */
    public record Counters(long lastIn, long lastOut, long totalIn, long totalOut) {
    }

    /** A usage record as listUsageRecords shows it. */
    public record UsageRecord(long id, int type, long accountId, long domainId, long zoneId, long usageId, String description, long rawUsage,
                              LocalDateTime start, LocalDateTime end) {
    }

    private final JdbcClient jdbc;

    public S2sUsageDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    public Optional<Counters> counters(long connectionId) {
        return jdbc.sql("SELECT last_bytes_in, last_bytes_out, total_bytes_in, total_bytes_out FROM s2s_vpn_usage WHERE connection_id = ?")
                .param(connectionId)
                .query((rs, n) -> new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).optional();
    }

    public void save(long connectionId, Counters c) {
        int updated = jdbc.sql("UPDATE s2s_vpn_usage SET last_bytes_in = ?, last_bytes_out = ?, total_bytes_in = ?, total_bytes_out = ?,"
                        + " updated = ? WHERE connection_id = ?")
                .params(c.lastIn(), c.lastOut(), c.totalIn(), c.totalOut(), Times.now(), connectionId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO s2s_vpn_usage (connection_id, last_bytes_in, last_bytes_out, total_bytes_in, total_bytes_out, updated)"
                    + " VALUES (?, ?, ?, ?, ?, ?)").params(connectionId, c.lastIn(), c.lastOut(), c.totalIn(), c.totalOut(), Times.now()).update();
        }
    }

    /** Adds bytes to the record of the hour that starts at hourStart (one record per type, connection and hour). */
    public void add(int type, long accountId, long domainId, long zoneId, long usageId, String description, long bytes, LocalDateTime hourStart) {
        int updated = jdbc.sql("UPDATE usage_record SET raw_usage = raw_usage + ? WHERE usage_type = ? AND usage_id = ? AND start_date = ?")
                .params(bytes, type, usageId, hourStart).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO usage_record (usage_type, account_id, domain_id, zone_id, usage_id, description, raw_usage, start_date, end_date)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(type, accountId, domainId, zoneId, usageId, description, bytes, hourStart, hourStart.plusHours(1).minusSeconds(1))
                    .update();
        }
    }

    public List<UsageRecord> search(List<Long> accountIds, Integer type, LocalDateTime from, LocalDateTime to, Long usageId) {
        return new Where("SELECT id, usage_type, account_id, domain_id, zone_id, usage_id, description, raw_usage, start_date, end_date"
                + " FROM usage_record WHERE 1 = 1").in("account_id", accountIds).eq("usage_type", type).eq("usage_id", usageId)
                .condition("end_date >= ?", from).condition("start_date <= ?", to)
                .list(jdbc, "start_date, id", (rs, n) -> new UsageRecord(rs.getLong("id"), rs.getInt("usage_type"), rs.getLong("account_id"),
                        rs.getLong("domain_id"), rs.getLong("zone_id"), rs.getLong("usage_id"), rs.getString("description"),
                        rs.getLong("raw_usage"), rs.getObject("start_date", LocalDateTime.class), rs.getObject("end_date", LocalDateTime.class)));
    }
}
