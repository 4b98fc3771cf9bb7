package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.vpn.router.SimulatedS2s;

/**
 * The database restarted under load: the management server, never restarted, recovers by itself. API clients read
 * and write over signed HTTP while the router timer checks routers every second; the test's own MariaDB is killed
 * (or shut down), kept down, and started again. During the outage every call fails fast with a 530 that says why;
 * soon after, every kind of call succeeds again and the router timer sees a tunnel go down and up; no job stays
 * pending; and every create that was answered is in the database, whose rows are what the API lists.
 */
public class DatabaseRestartTest {
    /** No call may take longer, outage or not (the pool gives up on a connection well before). */
    static final Duration CALL_BOUND = Duration.ofSeconds(35);
    static final Duration OUTAGE = Duration.ofSeconds(8);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    static final String CONNECTION_PEER = "198.51.100.20";
    static final String WATCHED_PEER = "198.51.100.21";

    /** One API call as a client saw it; status 0 when no HTTP answer came at all. */
    record Call(String command, long startNanos, long endNanos, int status, String contentType, String body) {
        boolean ok() {
            return status == 200;
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private PrivateMariaDb db;
    private TestServer server;
    private ApiClient admin;
    /** The calls of all clients, in the order they ended. */
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Set<String> jobIds = ConcurrentHashMap.newKeySet();
    /** Customer gateways whose create was answered with an id, and those whose delete job succeeded. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Deletes tried again after a delete job that failed in the outage, answered "no such id": that job had deleted it. */
    private final Set<Call> doneBefore = ConcurrentHashMap.newKeySet();
    private final Map<Long, Throwable> uncaught = new ConcurrentHashMap<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @Before
    public void startDatabaseAndServer() throws Exception {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.put(thread.getId(), new IllegalStateException(thread.getName(), e)));
        db = PrivateMariaDb.start();
        server = TestServer.start(new TestDatabase("mariadb", db.config(), null), Files.createTempDirectory("s2svpn-dbrestart-"));
        admin = server.admin();
    }

    @After
    public void stopServerAndDatabase() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (db != null) {
                db.close();
            }
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
    }

    @Test
    public void aDatabaseKilledUnderLoadComesBackAndTheServerRecoversWithoutLosingAnything() throws Exception {
        scenario("kill -9", () -> db.kill());
    }

    @Test
    public void aDatabaseShutDownCleanlyUnderLoadComesBackAndTheServerRecoversWithoutLosingAnything() throws Exception {
        scenario("clean shutdown", () -> db.stop());
    }

    interface Outage {
        void begin() throws Exception;
    }

    private void scenario(String name, Outage outage) throws Exception {
        World w = world();
        ExecutorService clients = Executors.newFixedThreadPool(5, r -> new Thread(r, "load-client"));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> load = new ArrayList<>();
        List<Boolean> updates = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                load.add(clients.submit(() -> reads(running)));
                int writer = i;
                load.add(clients.submit(() -> customerGateways(running, writer)));
            }
            load.add(clients.submit(() -> connectionUpdates(running, w.connection(), updates)));
            ApiClient.sleep(5_000);
            RouterTimer timer = server.component(RouterTimer.class);

            long downAt = System.nanoTime();
            outage.begin();
            ApiClient.sleep(OUTAGE.toMillis());
            db.restart();
            long upAt = System.nanoTime();
            long sweepsAtUp = timer.sweeps();

            // the router timer works again: a tunnel going down and coming back up is seen
            server.component(SimulatedS2s.class).peer(WATCHED_PEER, SimulatedS2s.PeerBehaviour.DOWN);
            long downSeen = awaitState(w.watched(), "Disconnected", upAt + RECOVERY_BOUND.toNanos());
            server.component(SimulatedS2s.class).peer(WATCHED_PEER, SimulatedS2s.PeerBehaviour.ACCEPT);
            awaitState(w.watched(), "Connected", System.nanoTime() + RECOVERY_BOUND.toNanos());
            assertTrue("the router timer sweeps again", timer.sweeps() > sweepsAtUp);

            long recoveredAt = awaitEveryKindSucceeds(upAt);
            ApiClient.sleep(10_000); // steady load after recovery
            running.set(false);
            for (Future<?> f : load) {
                f.get();
            }

            List<Call> all = List.copyOf(calls);
            List<Call> before = all.stream().filter(c -> c.endNanos() < downAt).toList();
            assertEquals("before the outage every call succeeds: " + failures(before), 0, failures(before).size());
            List<Call> during = all.stream().filter(c -> !c.ok() && !doneBefore.contains(c) && c.endNanos() >= downAt
                    && c.startNanos() < recoveredAt).toList();
            assertTrue("calls were made and failed during the outage", during.size() > 0);
            for (Call c : all) {
                assertTrue(c + " took longer than " + CALL_BOUND, c.seconds() <= CALL_BOUND.toSeconds());
                if (!c.ok() && !doneBefore.contains(c)) {
                    assertEquals("a failed call is a 530 in JSON: " + c, 530, c.status());
                    assertTrue("JSON, not HTML: " + c, c.contentType().startsWith("application/json"));
                    assertTrue("the error says the database is the cause: " + c, c.body().contains("database"));
                }
            }
            List<Call> after = all.stream().filter(c -> c.startNanos() > recoveredAt + 1_000_000_000L).toList();
            assertEquals("once recovered every call succeeds: " + failures(after), 0, failures(after).size());
            assertTrue("the load went on after recovery", after.size() > 20);

            assertNoThreadDied();
            Jobs jobs = assertNoJobPending();
            assertNothingLostAndDatabaseMatchesApi();
            assertLastUpdateKept(w.connection(), updates);
            // the connection the clients reset through the outage is repaired by one more reset
            ok(job("resetVpnConnection", "id", w.connection()), "reset after the outage");
            awaitState(w.connection(), "Connected", System.nanoTime() + RECOVERY_BOUND.toNanos());

            System.out.printf(java.util.Locale.ROOT, "RELIABILITY database restart (%s, down %d s): calls=%d failed-during-outage=%d (all 530)"
                            + " slowest-call=%.1fs first-success-after-up=%.1fs all-kinds-recovered=%.1fs tunnel-change-seen=%.1fs"
                            + " jobs=%d (succeeded %d, failed %d, pending 0) acknowledged-creates=%d deletes-done-by-a-failed-job=%d lost=0%n",
                    name, OUTAGE.toSeconds(), all.size(), during.size(), all.stream().mapToDouble(Call::seconds).max().orElse(0),
                    (firstSuccessAfter(all, upAt) - upAt) / 1e9, (recoveredAt - upAt) / 1e9, (downSeen - upAt) / 1e9, jobs.total(),
                    jobs.succeeded(), jobs.failed(), acknowledged.size(), doneBefore.size());
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
    }

    // --- the world and the load -------------------------------------------------------------------------------------

    /** The connection the clients update and reset, and one on another VPC only the router timer watches. */
    private record World(String connection, String watched) {
    }

    private World world() {
        ok(admin.call("updateConfiguration", "name", "router.check.interval", "value", "1"), "router.check.interval");
        String zone = first(ok(admin.call("listZones"), "zones"), "zone");
        ok(admin.call("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                "endip", "203.0.113.99"), "createVlanIpRange");
        String vpcOffering = first(ok(admin.call("listVPCOfferings"), "offerings"), "vpcoffering");
        String tierOffering = first(ok(admin.call("listNetworkOfferings"), "offerings"), "networkoffering");
        String connection = connectedVpc("load", "10.61", CONNECTION_PEER, zone, vpcOffering, tierOffering);
        String watched = connectedVpc("watched", "10.62", WATCHED_PEER, zone, vpcOffering, tierOffering);
        awaitState(connection, "Connected", System.nanoTime() + RECOVERY_BOUND.toNanos());
        awaitState(watched, "Connected", System.nanoTime() + RECOVERY_BOUND.toNanos());
        return new World(connection, watched);
    }

    private String connectedVpc(String name, String prefix, String peer, String zone, String vpcOffering, String tierOffering) {
        String vpc = ok(job("createVPC", "name", name, "cidr", prefix + ".0.0/16", "vpcofferingid", vpcOffering, "zoneid", zone), "createVPC")
                .getAsJsonObject("jobresult").getAsJsonObject("vpc").get("id").getAsString();
        ok(admin.call("createNetwork", "name", name + "-tier", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpc, "gateway",
                prefix + ".1.1", "netmask", "255.255.255.0"), "createNetwork");
        String customer = ok(job("createVpnCustomerGateway", "name", name + "-gw", "gateway", peer, "cidrlist", "192.168." + prefix.substring(3)
                + ".0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256;modp2048"),
                "createVpnCustomerGateway").getAsJsonObject("jobresult").getAsJsonObject("vpncustomergateway").get("id").getAsString();
        String vpnGateway = ok(job("createVpnGateway", "vpcid", vpc), "createVpnGateway").getAsJsonObject("jobresult")
                .getAsJsonObject("vpngateway").get("id").getAsString();
        return ok(job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer), "createVpnConnection")
                .getAsJsonObject("jobresult").getAsJsonObject("vpnconnection").get("id").getAsString();
    }

    private void reads(AtomicBoolean running) {
        while (running.get()) {
            call("listVpnConnections", "listall", "true");
            call("listVPCs", "listall", "true");
            ApiClient.sleep(50);
        }
    }

    /** Creates customer gateways and deletes every second one, each delete tried again until it is done. */
    private void customerGateways(AtomicBoolean running, int writer) {
        for (int n = 0; running.get(); n++) {
            Call created = call("createVpnCustomerGateway", "name", "load-" + writer + "-" + n, "gateway", "198.51.100." + (100 + writer),
                    "cidrlist", "172.31." + writer + ".0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536",
                    "esppolicy", "aes128-sha1");
            if (!created.ok()) {
                ApiClient.sleep(200);
                continue;
            }
            JsonObject answer = inner(created);
            String id = answer.get("id").getAsString();
            acknowledged.add(id);
            awaitJob(answer.get("jobid").getAsString());
            boolean triedBefore = false;
            while (n % 2 == 0 && running.get()) {
                Call delete = call("deleteVpnCustomerGateway", "id", id);
                if (delete.ok() && awaitJob(inner(delete).get("jobid").getAsString()) == 1) {
                    deleted.add(id);
                    break;
                }
                if (triedBefore && delete.status() == 431 && delete.body().contains("Invalid parameter id value=" + id)) {
                    doneBefore.add(delete);
                    deleted.add(id);
                    break;
                }
                triedBefore |= delete.ok();
                ApiClient.sleep(200);
            }
        }
    }

    /** updateVpnConnection (fordisplay alternating; each value in the order asked) and resetVpnConnection in turn. */
    private void connectionUpdates(AtomicBoolean running, String connection, List<Boolean> updates) {
        for (int n = 0; running.get(); n++) {
            boolean display = n % 2 == 0;
            Call update = call("updateVpnConnection", "id", connection, "fordisplay", String.valueOf(display));
            if (update.ok()) {
                int status = awaitJob(inner(update).get("jobid").getAsString());
                synchronized (updates) {
                    updates.add(status == 1 ? display : null);
                }
            }
            Call reset = call("resetVpnConnection", "id", connection);
            if (reset.ok()) {
                awaitJob(inner(reset).get("jobid").getAsString());
            }
            ApiClient.sleep(100);
        }
    }

    /** Polls the job until it ends (1 or 2), through failed polls; 0 when it does not end within a bound. */
    private int awaitJob(String jobId) {
        jobIds.add(jobId);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Call poll = call("queryAsyncJobResult", "jobid", jobId);
            if (poll.ok()) {
                int status = inner(poll).get("jobstatus").getAsInt();
                if (status != 0) {
                    return status;
                }
            }
            ApiClient.sleep(100);
        }
        return 0;
    }

    private Call call(String command, String... params) {
        long start = System.nanoTime();
        Call call;
        try {
            ApiClient.Answer answer = admin.call(command, params);
            call = new Call(command, start, System.nanoTime(), answer.status(), answer.contentType(), answer.body());
        } catch (RuntimeException e) {
            call = new Call(command, start, System.nanoTime(), 0, "", e.toString());
        }
        calls.add(call);
        return call;
    }

    // --- recovery ---------------------------------------------------------------------------------------------------

    private static final List<String> KINDS = List.of("listVpnConnections", "listVPCs", "createVpnCustomerGateway",
            "deleteVpnCustomerGateway", "updateVpnConnection", "resetVpnConnection", "queryAsyncJobResult");

    /** The moment from which each kind of call the clients make has succeeded at least once after the database came back. */
    private long awaitEveryKindSucceeds(long upAt) {
        long deadline = upAt + RECOVERY_BOUND.toNanos();
        while (true) {
            Map<String, Long> firsts = new TreeMap<>();
            for (Call c : calls) {
                if (c.ok() && c.startNanos() >= upAt) {
                    firsts.merge(c.command(), c.endNanos(), Math::min);
                }
            }
            if (firsts.keySet().containsAll(KINDS)) {
                return firsts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            }
            assertTrue("within " + RECOVERY_BOUND + " of the database's return every kind of call succeeds; so far only " + firsts.keySet(),
                    System.nanoTime() < deadline);
            ApiClient.sleep(200);
        }
    }

    private static long firstSuccessAfter(List<Call> all, long upAt) {
        return all.stream().filter(c -> c.ok() && c.startNanos() >= upAt).mapToLong(Call::endNanos).min().orElse(upAt);
    }

    /** Waits for the connection's state through the API; returns when it was seen. */
    private long awaitState(String connection, String state, long deadlineNanos) {
        String last = null;
        while (System.nanoTime() < deadlineNanos) {
            ApiClient.Answer a = admin.call("listVpnConnections", "id", connection);
            if (a.status() == 200) {
                last = a.inner().getAsJsonArray("vpnconnection").get(0).getAsJsonObject().get("state").getAsString();
                if (last.equals(state)) {
                    return System.nanoTime();
                }
            }
            ApiClient.sleep(200);
        }
        throw new AssertionError("connection " + connection + " is not " + state + " in time; last seen " + last);
    }

    // --- what a user checks afterwards ------------------------------------------------------------------------------

    private record Jobs(int total, int succeeded, int failed) {
    }

    private void assertNoThreadDied() {
        assertTrue("no server thread died of an uncaught exception: " + uncaught, uncaught.isEmpty());
        Set<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
        assertTrue("the router timer's thread is alive", names.contains("RouterStatusMonitor"));
        // a job thread that dies is replaced by one with the next number
        int highest = names.stream().filter(n -> n.startsWith("job-executor-")).mapToInt(n -> Integer.parseInt(n.substring(13))).max().orElse(0);
        assertTrue("no job thread was replaced: highest is job-executor-" + highest, highest <= 8);
    }

    /** Every job a client was given ends succeeded or failed, through the API and in the database. */
    private Jobs assertNoJobPending() throws SQLException {
        int succeeded = 0;
        int failed = 0;
        List<String> pending = new ArrayList<>();
        for (String id : jobIds) {
            int status = awaitJob(id);
            if (status == 1) {
                succeeded++;
            } else if (status == 2) {
                failed++;
            } else {
                pending.add(id);
            }
        }
        assertEquals("jobs still pending: " + pending, List.of(), pending);
        // jobs no client heard of too: one whose row was written but whose answer the outage lost
        assertEquals("pending rows in async_job", Set.of(), uuids("SELECT CONCAT(uuid, ' ', job_cmd) FROM async_job WHERE job_status = 0"));
        return new Jobs(jobIds.size(), succeeded, failed);
    }

    private void assertNothingLostAndDatabaseMatchesApi() throws SQLException {
        Set<String> rows = uuids("SELECT uuid FROM s2s_customer_gateway WHERE removed IS NULL");
        Set<String> listed = ids(ok(admin.call("listVpnCustomerGateways", "listall", "true", "pagesize", "-1"), "list"), "vpncustomergateway");
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(deleted);
        lost.removeAll(rows);
        assertEquals("acknowledged customer gateways missing from the database", Set.of(), lost);
        Set<String> undeleted = new HashSet<>(deleted);
        undeleted.retainAll(rows);
        assertEquals("deleted customer gateways still in the database", Set.of(), undeleted);
        assertEquals("the API lists the database's customer gateways", rows, listed);
        assertEquals("the API lists the database's connections", uuids("SELECT uuid FROM s2s_vpn_connection WHERE removed IS NULL"),
                ids(ok(admin.call("listVpnConnections", "listall", "true", "pagesize", "-1"), "list"), "vpnconnection"));
        assertEquals("the API lists the database's VPCs", uuids("SELECT uuid FROM vpc WHERE removed IS NULL"),
                ids(ok(admin.call("listVPCs", "listall", "true", "pagesize", "-1"), "list"), "vpc"));
    }

    /** The connection shows the value of the last update whose job succeeded, when no update after it failed. */
    private void assertLastUpdateKept(String connection, List<Boolean> updates) {
        Boolean last;
        synchronized (updates) {
            assertTrue("updates were made", !updates.isEmpty());
            last = updates.get(updates.size() - 1);
        }
        assertTrue("the last update before the load stopped succeeded", last != null);
        JsonObject c = ok(admin.call("listVpnConnections", "id", connection), "list").getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
        assertEquals(last, c.get("fordisplay").getAsBoolean());
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private Set<String> uuids(String sql) throws SQLException {
        Set<String> result = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db.url(), PrivateMariaDb.USER, PrivateMariaDb.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static Set<String> ids(JsonObject list, String key) {
        Set<String> ids = new HashSet<>();
        if (list.has(key)) {
            for (var e : list.getAsJsonArray(key)) {
                ids.add(e.getAsJsonObject().get("id").getAsString());
            }
        }
        return ids;
    }

    private JsonObject job(String command, String... params) {
        JsonObject started = ok(admin.call(command, params), command);
        return admin.waitForJob(started.get("jobid").getAsString());
    }

    private static JsonObject ok(JsonObject job, String what) {
        assertEquals(what + ": " + job, 1, job.get("jobstatus").getAsInt());
        return job;
    }

    private static JsonObject ok(ApiClient.Answer answer, String what) {
        assertEquals(what + ": " + answer.body(), 200, answer.status());
        return answer.inner();
    }

    private static JsonObject inner(Call call) {
        return new ApiClient.Answer(call.status(), call.contentType(), call.body()).inner();
    }

    private static String first(JsonObject list, String key) {
        JsonArray array = list.getAsJsonArray(key);
        return array.get(0).getAsJsonObject().get("id").getAsString();
    }

    /** The failed calls among some (the first five), but for the expected "no such id" of a delete already done. */
    private List<String> failures(List<Call> some) {
        return some.stream().filter(c -> !c.ok() && !doneBefore.contains(c)).map(Call::toString).limit(5).toList();
    }
}
