package org.s2svpn.framework.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.framework.db.UnreachableDataSource;
import org.s2svpn.setupdb.DatabaseConfig;
import org.s2svpn.setupdb.Databases;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings on the real schema (H2) while the database is away: the values last read are served, then refreshed again. */
public class ConfigDepotOutageTest {
    private static final ConfigKey<Integer> INTERVAL = ConfigKey.of("Advanced", Integer.class, "test.check.interval", "30", "seconds");
    private static final ConfigKey<Integer> NEVER_READ = ConfigKey.of("Advanced", Integer.class, "test.never.read", "1", "a setting");

    private HikariDataSource pool;
    private UnreachableDataSource database;
    private ConfigDepot depot;

    @Before
    public void openDatabase() throws Exception {
        pool = Databases.open(DatabaseConfig.embedded(Files.createTempDirectory("s2svpn-config-")));
        Databases.migrate(pool);
        database = new UnreachableDataSource(pool);
        depot = new ConfigDepot(JdbcClient.create(database), List.of(() -> List.of(INTERVAL, NEVER_READ)));
        depot.persistDefaults();
    }

    @After
    public void close() {
        pool.close();
    }

    @Test
    public void whileTheDatabaseIsAwayTheValueLastReadIsServedAndAChangeIsSeenOnceItIsBack() throws Exception {
        depot.update(INTERVAL.name(), "7");
        database.down = true;
        Thread.sleep(ConfigDepot.REFRESH.toMillis() + 200);
        assertEquals(Integer.valueOf(7), depot.value(INTERVAL));
        // a setting never read has no value to fall back on
        assertThrows(DataAccessException.class, () -> depot.value(NEVER_READ));

        database.down = false;
        JdbcClient.create(pool).sql("UPDATE configuration SET value = '9' WHERE name = ?").param(INTERVAL.name()).update();
        Thread.sleep(ConfigDepot.REFRESH.toMillis() + 200);
        assertEquals(Integer.valueOf(9), depot.value(INTERVAL));
    }
}
