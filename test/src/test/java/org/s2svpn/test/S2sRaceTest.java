package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.server.router.SimulatedRouterChannel;

/**
 * Concurrent API calls on one connection, over real signed HTTP against H2 and MariaDB, on simulated routers: many
 * creates of one pair make one connection; a reset and a delete sent together leave the database and the router
 * agreeing.
 */
@RunWith(Parameterized.class)
public class S2sRaceTest {
    private static final ServersByDatabase SERVERS = new ServersByDatabase();
    static final int PARALLEL_CREATES = 50;
    static final int RESET_DELETE_ROUNDS = 20;

    @Parameterized.Parameters(name = "{0}")
    public static List<String> databases() {
        return TestDatabase.KINDS;
    }

    private final String database;
    private final SimulatedVpcs world;

    public S2sRaceTest(String database) {
        this.database = database;
        this.world = new SimulatedVpcs(SERVERS.get(database));
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    @Test
    public void fiftyParallelCreatesOfOnePairMakeOneConnection() throws Exception {
        SimulatedVpcs.Vpc vpc = world.vpc("race-create");
        String customer = world.customerGateway("race-create-gw", "198.51.100.150");
        List<ApiClient.Answer> answers = together(PARALLEL_CREATES, i -> world.admin.call("createVpnConnection", "s2svpngatewayid",
                vpc.vpnGateway(), "s2scustomergatewayid", customer));

        List<ApiClient.Answer> accepted = answers.stream().filter(a -> a.status() == 200).toList();
        assertEquals("one create is accepted: " + accepted, 1, accepted.size());
        JsonObject job = world.admin.waitForJob(accepted.get(0).inner().get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        String connection = job.getAsJsonObject("jobresult").getAsJsonObject("vpnconnection").get("id").getAsString();
        for (ApiClient.Answer refused : answers.stream().filter(a -> a.status() != 200).toList()) {
            assertEquals(refused.body(), 537, refused.status());
            JsonObject error = refused.inner();
            assertEquals(4537, error.get("cserrorcode").getAsInt());
            assertTrue(refused.body(), error.get("errortext").getAsString().contains("already existed"));
        }
        JsonObject listed = world.ok("listVpnConnections", "vpcid", vpc.id());
        assertEquals(listed.toString(), 1, listed.get("count").getAsInt());
        assertEquals(connection, listed.getAsJsonArray("vpnconnection").get(0).getAsJsonObject().get("id").getAsString());
        long rows = world.jdbc().sql("SELECT COUNT(*) FROM s2s_vpn_connection c JOIN s2s_vpn_gateway g ON g.id = c.vpn_gateway_id"
                + " WHERE g.uuid = ?").param(vpc.vpnGateway()).query(Long.class).single();
        assertEquals("rows in the database, removed ones included", 1, rows);
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        System.out.printf("[%s] %d parallel createVpnConnection of one pair: 1 accepted, %d refused with 537/4537, 1 row%n", database,
                PARALLEL_CREATES, PARALLEL_CREATES - 1);
    }

    @Test
    public void resetAndDeleteSentTogetherLeaveTheRouterAsTheDatabaseSays() throws Exception {
        SimulatedVpcs.Vpc vpc = world.vpc("race-reset");
        String steady = world.connect(vpc, world.customerGateway("race-steady-gw", "198.51.100.151"));
        String customer = world.customerGateway("race-reset-gw", "198.51.100.152");
        world.awaitState(steady, "Connected", Duration.ofSeconds(15));
        SimulatedRouterChannel channel = world.server.component(SimulatedRouterChannel.class);
        // every router command takes a little while, as on a real node, so that the two jobs' applies overlap
        channel.inject(vpc.namespace(), SimulatedRouterChannel.Fault.slow(Duration.ofMillis(40)));
        int resetFirst = 0;
        int deleteFirst = 0;
        long started = System.nanoTime();
        try {
            for (int round = 0; round < RESET_DELETE_ROUNDS; round++) {
                String connection = world.connect(vpc, customer);
                List<ApiClient.Answer> sent = together(2, i -> world.admin.call(i == 0 ? "resetVpnConnection" : "deleteVpnConnection",
                        "id", connection));
                JsonObject reset = outcome(sent.get(0));
                JsonObject delete = outcome(sent.get(1));
                String where = "round " + round + ": reset " + reset + ", delete " + delete;
                assertEquals("the delete succeeds whatever the order: " + where, 1, delete.get("jobstatus").getAsInt());
                if (reset.get("jobstatus").getAsInt() == 1) {
                    resetFirst++;
                } else {
                    deleteFirst++;
                    // refused at once when the delete had ended before the reset was received, else failed by its job
                    assertTrue("a reset of a deleted connection fails saying so: " + where,
                            reset.toString().contains("Unable to find the VPN connection") || reset.toString().contains("entity does not exist"));
                }
                assertNull("the deleted connection is not listed: " + where, world.listed(connection));
                assertRouterMatchesDatabase(vpc, where);
                assertEquals(where, "Connected", world.listed(steady).get("state").getAsString());
            }
        } finally {
            channel.clear(vpc.namespace());
        }
        assertEquals("jobs left pending", 0, world.pendingJobs());
        System.out.printf("[%s] %d rounds of resetVpnConnection and deleteVpnConnection sent together: reset ran first %d times, delete"
                + " first %d times, the router matched the database after every round (%d ms)%n", database, RESET_DELETE_ROUNDS, resetFirst,
                deleteFirst, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The router was given exactly the database's live connections, none of them Pending (every job has ended); the
     * follow-up reads after the last apply may still run, so the check allows them a moment.
     */
    private void assertRouterMatchesDatabase(SimulatedVpcs.Vpc vpc, String where) {
        List<String> database = world.databaseConnections(vpc);
        assertFalse("no connection stays Pending: " + database + " " + where, database.stream().anyMatch(c -> c.endsWith(" Pending")));
        List<String> names = database.stream().map(c -> c.split(" ")[0]).toList();
        assertEquals("the router runs what the database has: " + where, names, world.routerConnections(vpc));
    }

    /** The job's final queryAsyncJobResult, or for a call refused at once its error as a failed job would carry it. */
    private JsonObject outcome(ApiClient.Answer answer) {
        if (answer.status() == 200) {
            return world.admin.waitForJob(answer.inner().get("jobid").getAsString());
        }
        JsonObject failed = new JsonObject();
        failed.addProperty("jobstatus", 2);
        failed.add("jobresult", answer.inner());
        return failed;
    }

    /** Makes the calls from that many threads released at once by a barrier, and returns their answers in order. */
    static List<ApiClient.Answer> together(int count, java.util.function.IntFunction<ApiClient.Answer> call) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(count);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<ApiClient.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return call.apply(n);
                }));
            }
            List<ApiClient.Answer> answers = new ArrayList<>();
            for (Future<ApiClient.Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
