package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.s2svpn.schema.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SA counters last seen per connection and the usage records built from them. */
public final class S2sUsageDao {
    /**
     * The SA counters last seen (in and out) and the totals so far. SA counters restart at 0 with each rekey and router
     * restart, the totals never go backwards: usage counts bytes with them, the Prometheus exporter packets.
     */
    public record Counters(long lastIn, long lastOut, long totalIn, long totalOut) {
        public static final Counters NONE = new Counters(0, 0, 0, 0);

        /** The counters after a new reading of the SA counters. */
        public Counters next(long in, long out) {
            return new Counters(in, out, totalIn + delta(lastIn, in), totalOut + delta(lastOut, out));
        }

        /** What was counted since the last reading; a counter below the last one is a new SA counting from 0. */
        static long delta(long last, long now) {
            return now >= last ? now - last : now;
        }
    }

    /** A usage record as listUsageRecords shows it. */
    public record UsageRecord(long id, int type, long accountId, long domainId, long zoneId, long usageId, String description, long rawUsage,
                              LocalDateTime start, LocalDateTime end) {
    }

    private final JdbcClient jdbc;

    public S2sUsageDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    /** The counters of those connections that have any, by connection id: one query for a router's connections. */
    public Map<Long, Counters> counters(Collection<Long> connectionIds) {
        return new Where("SELECT connection_id, last_bytes_in, last_bytes_out, total_bytes_in, total_bytes_out FROM s2s_vpn_usage WHERE 1 = 1")
                .in("connection_id", List.copyOf(connectionIds))
                .list(jdbc, "connection_id", (rs, n) -> Map.entry(rs.getLong(1), new Counters(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Stores the counters of several connections in one statement. */
    public void save(Map<Long, Counters> counters) {
        if (counters.isEmpty()) {
            return;
        }
        LocalDateTime now = Times.now();
        List<Object> params = new ArrayList<>();
        counters.forEach((connectionId, c) -> params.addAll(List.of(connectionId, c.lastIn(), c.lastOut(), c.totalIn(), c.totalOut(), now)));
        jdbc.sql("INSERT INTO s2s_vpn_usage (connection_id, last_bytes_in, last_bytes_out, total_bytes_in, total_bytes_out, updated) VALUES "
                        + rows(counters.size(), 6) + " ON DUPLICATE KEY UPDATE last_bytes_in = VALUES(last_bytes_in),"
                        + " last_bytes_out = VALUES(last_bytes_out), total_bytes_in = VALUES(total_bytes_in),"
                        + " total_bytes_out = VALUES(total_bytes_out), updated = VALUES(updated)")
                .params(params).update();
    }

    /** Bytes to add to the record of an hour (one record per type, connection and hour). */
    public record Bytes(int type, long accountId, long domainId, long zoneId, long usageId, String description, long bytes,
                        LocalDateTime hourStart) {
    }

    /** Adds bytes to their hours' records, creating the records that do not exist yet, in one statement. */
    public void add(List<Bytes> added) {
        if (added.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (Bytes b : added) {
            params.addAll(List.of(b.type(), b.accountId(), b.domainId(), b.zoneId(), b.usageId(), b.description(), b.bytes(), b.hourStart(),
                    b.hourStart().plusHours(1).minusSeconds(1)));
        }
        jdbc.sql("INSERT INTO usage_record (usage_type, account_id, domain_id, zone_id, usage_id, description, raw_usage, start_date, end_date)"
                + " VALUES " + rows(added.size(), 9) + " ON DUPLICATE KEY UPDATE raw_usage = raw_usage + VALUES(raw_usage)").params(params).update();
    }

    /** "(?, ?), (?, ?)" for n rows of width columns. */
    private static String rows(int n, int width) {
        String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        return String.join(", ", Collections.nCopies(n, row));
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
