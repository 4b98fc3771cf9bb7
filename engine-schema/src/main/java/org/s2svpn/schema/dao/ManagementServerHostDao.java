package org.s2svpn.schema.dao;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The management servers on this database (CloudStack's mshost) and their heartbeats. Times are the database's own
 * (CURRENT_TIMESTAMP), so that servers whose clocks differ still agree on who is alive.
 */
public final class ManagementServerHostDao {
    private final JdbcClient jdbc;

    public ManagementServerHostDao(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    /** Records this server as Up, with a heartbeat now (a restarted server takes its row back). */
    public void up(long msid, String name) {
        if (jdbc.sql("UPDATE mshost SET name = ?, state = 'Up', last_heartbeat = CURRENT_TIMESTAMP(3), started = CURRENT_TIMESTAMP WHERE msid = ?")
                .params(name, msid).update() == 0) {
            jdbc.sql("INSERT INTO mshost (msid, name, state, last_heartbeat, started) VALUES (?, ?, 'Up', CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP)")
                    .params(msid, name).update();
        }
    }

    /** A heartbeat; false when the others marked this server Down meanwhile (it must then come back Up first). */
    public boolean heartbeat(long msid) {
        return jdbc.sql("UPDATE mshost SET last_heartbeat = CURRENT_TIMESTAMP(3) WHERE msid = ? AND state = 'Up'").param(msid).update() == 1;
    }

    /** The servers Up whose last heartbeat is at most that many milliseconds old, in msid order. */
    public List<Long> live(long withinMillis) {
        return jdbc.sql("SELECT msid FROM mshost WHERE state = 'Up' AND last_heartbeat >= TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))"
                + " ORDER BY msid").param(-withinMillis * 1000).query(Long.class).list();
    }

    /** Servers marked Up whose heartbeat is older than that: they died without stopping. */
    public List<Long> silent(long olderThanMillis) {
        return jdbc.sql("SELECT msid FROM mshost WHERE state = 'Up' AND last_heartbeat < TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))")
                .param(-olderThanMillis * 1000).query(Long.class).list();
    }

    /** Marks a silent server Down; true for the one caller that did it (so that one alone cleans up after it). */
    public boolean markDown(long msid, long olderThanMillis) {
        return jdbc.sql("UPDATE mshost SET state = 'Down' WHERE msid = ? AND state = 'Up'"
                + " AND last_heartbeat < TIMESTAMPADD(MICROSECOND, ?, CURRENT_TIMESTAMP(3))").params(msid, -olderThanMillis * 1000).update() == 1;
    }

    /** A clean stop: Down at once, so that the others need not wait for the heartbeat to age. */
    public void down(long msid) {
        jdbc.sql("UPDATE mshost SET state = 'Down' WHERE msid = ?").param(msid).update();
    }
}
