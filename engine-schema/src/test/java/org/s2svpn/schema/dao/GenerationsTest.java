package org.s2svpn.schema.dao;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Before;
import org.junit.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

public class GenerationsTest {
    private JdbcClient jdbc;
    private TransactionTemplate tx;
    private Generations generations;

    @Before
    public void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:generations-" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        jdbc.sql("CREATE TABLE s2s_generation (name VARCHAR(64) NOT NULL PRIMARY KEY, generation BIGINT NOT NULL)").update();
        jdbc.sql("INSERT INTO s2s_generation VALUES ('" + Generations.CONNECTIONS + "', 0), ('" + Generations.LISTED + "', 0)").update();
        jdbc.sql("CREATE TABLE t (id INT PRIMARY KEY, v INT)").update();
        jdbc.sql("INSERT INTO t VALUES (1, 0), (2, 0)").update();
        generations = new Generations(jdbc, tx);
    }

    @Test
    public void anUpdateThatChangesARowIncrementsItsNames() {
        assertEquals(1, generations.update(jdbc.sql("UPDATE t SET v = 1 WHERE id = 1"), Generations.LISTED));

        assertArrayEquals(new long[] {0, 1}, generations.current(Generations.CONNECTIONS, Generations.LISTED));
        assertArrayEquals(new long[] {1, 0}, generations.current(Generations.LISTED, Generations.CONNECTIONS));
    }

    @Test
    public void anUpdateThatChangesNothingIncrementsNothing() {
        assertEquals(0, generations.update(jdbc.sql("UPDATE t SET v = 1 WHERE id = 3"), Generations.LISTED));

        assertArrayEquals(new long[] {0, 0}, generations.current(Generations.CONNECTIONS, Generations.LISTED));
    }

    @Test
    public void aTransactionIncrementsEachNameOnceAtItsCommit() {
        tx.executeWithoutResult(status -> {
            generations.update(jdbc.sql("UPDATE t SET v = 1 WHERE id = 1"), Generations.LISTED);
            generations.update(jdbc.sql("UPDATE t SET v = 1 WHERE id = 2"), Generations.CONNECTIONS, Generations.LISTED);
            // not incremented yet, even as the transaction sees it: the increments are its last statement
            assertArrayEquals(new long[] {0, 0}, generations.current(Generations.CONNECTIONS, Generations.LISTED));
        });

        assertArrayEquals(new long[] {1, 1}, generations.current(Generations.CONNECTIONS, Generations.LISTED));
    }

    @Test
    public void aRolledBackWriteIncrementsNothing() {
        assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(status -> {
            generations.update(jdbc.sql("UPDATE t SET v = 1 WHERE id = 1"), Generations.CONNECTIONS);
            throw new IllegalStateException("the job failed");
        }));

        assertArrayEquals(new long[] {0, 0}, generations.current(Generations.CONNECTIONS, Generations.LISTED));
        assertEquals(0, (int) jdbc.sql("SELECT v FROM t WHERE id = 1").query(Integer.class).single());
    }

    @Test
    public void aChangeOutsideAWriteIsRefused() {
        assertThrows(IllegalStateException.class, () -> generations.changed(Generations.LISTED));
    }
}
