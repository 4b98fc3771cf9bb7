package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows of {@code s2s_generation}: counts that every write of what they cover increments, so that a management
 * server tells with one read whether what it kept from earlier reads is current, whichever server wrote. A write and
 * its increment are one transaction (the caller's when it has one), and the increment is that transaction's last
 * statement: a crash cannot leave a change uncounted, and a transaction waits for the row only while another
 * commits, never in a deadlock.
 */
public final class Generations {
    /** Which connections there are, and which of them are displayed: inserts, removals, display changes. */
    public static final String CONNECTIONS = "s2s_vpn_connection";
    /** What a listed connection shows: its row, its customer gateway, its VPN gateway's id, its account's name. */
    public static final String LISTED = "s2s_vpn_connection_listed";

    private final JdbcClient jdbc;
    private final TransactionOperations tx;

    public Generations(JdbcClient jdbc, TransactionOperations tx) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.tx = requireNonNull(tx, "tx");
    }

    /** The current counts of the names, in their order, in one query. */
    public long[] current(String... names) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT name, generation FROM s2s_generation").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return Arrays.stream(names).mapToLong(counts::get).toArray();
    }

    /** Runs a write in the caller's transaction, or in one of its own when the caller has none. */
    public <T> T write(Supplier<T> write) {
        return tx.execute(status -> write.get());
    }

    /** Runs an update, and increments the names' counts with it when it changed a row; the rows it changed. */
    public int update(JdbcClient.StatementSpec update, String... names) {
        return write(() -> {
            int changed = update.update();
            if (changed > 0) {
                changed(names);
            }
            return changed;
        });
    }

    /** Within {@link #write}: the names' counts are incremented when the transaction commits, each once. */
    public void changed(String... names) {
        AtCommit atCommit = TransactionSynchronizationManager.getSynchronizations().stream().filter(AtCommit.class::isInstance)
                .map(AtCommit.class::cast).filter(s -> s.generations() == this).findFirst().orElseGet(() -> {
                    AtCommit added = new AtCommit();
                    TransactionSynchronizationManager.registerSynchronization(added);
                    return added;
                });
        atCommit.names.addAll(List.of(names));
    }

    /** Increments the names' rows, in the order of their key so that two transactions lock them in the same order. */
    private final class AtCommit implements TransactionSynchronization {
        private final Set<String> names = new TreeSet<>();

        private Generations generations() {
            return Generations.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.sql("UPDATE s2s_generation SET generation = generation + 1 WHERE name IN (" + "?, ".repeat(names.size() - 1) + "?)")
                    .params(List.copyOf(names)).update();
        }
    }
}
