package org.s2svpn.framework.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.Gson;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SuccessResponse;
import org.s2svpn.framework.db.UnreachableDataSource;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.framework.serialize.ResponseBodies;
import org.s2svpn.setupdb.DatabaseConfig;
import org.s2svpn.setupdb.Databases;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Jobs on the real schema (H2) behind a data source that can be made unreachable, as a pool is while its database
 * restarts: a job whose work, completion or creation meets the outage ends, once the database is back, never pending.
 */
public class AsyncJobManagerOutageTest {
    private static final CallContext ADMIN = new CallContext(2, "u-uuid", "admin", 2, "a-uuid", "admin", 1, "d-uuid", "/", RoleType.Admin);

    private HikariDataSource pool;
    private UnreachableDataSource database;
    private AsyncJobDao dao;
    private AsyncJobManager jobs;

    @Before
    public void openDatabase() throws Exception {
        pool = Databases.open(DatabaseConfig.embedded(Files.createTempDirectory("s2svpn-jobs-")));
        Databases.migrate(pool);
        database = new UnreachableDataSource(pool);
        dao = new AsyncJobDao(JdbcClient.create(database), new org.s2svpn.framework.crypto.Encryptor(new byte[32]));
        Gson gson = ApiGson.create();
        jobs = new AsyncJobManager(dao, new ResponseBodies(gson), gson, (caller, type, description, success) -> { }, 7, 2, 10);
    }

    @After
    public void close() throws Exception {
        jobs.close();
        pool.close();
    }

    @Test
    public void aJobThatFinishesWhileTheDatabaseIsAwaySucceedsOnceItIsBack() throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        AsyncJob job = jobs.submit(ADMIN, "testJob", command(() -> {
            database.down = true; // gone between the work and the write of its outcome
            finished.countDown();
            return SuccessResponse.ok();
        }), Map.of());
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        Thread.sleep(1_500); // a few failed writes
        database.down = false;
        AsyncJob done = awaitEnded(job.uuid());
        assertEquals(AsyncJob.SUCCEEDED, done.status());
        assertTrue(done.result(), done.result().contains("true"));
    }

    @Test
    public void aJobWhoseWorkMeetsTheOutageFailsSayingSoOnceTheDatabaseIsBack() throws Exception {
        JdbcClient jdbc = JdbcClient.create(database);
        AsyncJob job = jobs.submit(ADMIN, "testJob", command(() -> {
            database.down = true;
            jdbc.sql("SELECT COUNT(*) FROM async_job").query(Long.class).single();
            return SuccessResponse.ok();
        }), Map.of());
        Thread.sleep(1_500);
        database.down = false;
        AsyncJob done = awaitEnded(job.uuid());
        assertEquals(AsyncJob.FAILED, done.status());
        assertEquals(530, done.resultCode());
        assertTrue(done.result(), done.result().contains("cannot reach its database"));
    }

    @Test
    public void aJobWrittenWhoseAnswerWasLostIsFailedOnceTheDatabaseIsBack() throws Exception {
        database.loseNextAnswer = true;
        try {
            jobs.submit(ADMIN, "testJob", command(SuccessResponse::ok), Map.of());
            throw new AssertionError("the submit should have failed");
        } catch (DataAccessException expected) {
            // the caller is told the call failed, and is given no job id
        }
        Thread.sleep(1_000);
        database.down = false;
        String uuid = JdbcClient.create(pool).sql("SELECT uuid FROM async_job").query(String.class).single();
        AsyncJob done = awaitEnded(uuid);
        assertEquals(AsyncJob.FAILED, done.status());
        assertTrue(done.result(), done.result().contains("cannot reach its database"));
    }

    private AsyncJob awaitEnded(String uuid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        AsyncJob job = null;
        while (Instant.now().isBefore(deadline)) {
            job = dao.findByUuid(uuid).orElseThrow();
            if (job.status() != AsyncJob.PENDING) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job still pending: " + job);
    }

    private static AsyncCommand command(java.util.function.Supplier<Object> work) {
        return new AsyncCommand() {
            @Override
            public Object execute(CallContext caller) {
                return work.get();
            }

            @Override
            public String eventType() {
                return "TEST.JOB";
            }

            @Override
            public String eventDescription() {
                return "a test job";
            }
        };
    }
}
