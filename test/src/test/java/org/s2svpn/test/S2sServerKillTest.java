package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.Generations;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.host.LocalSshd;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.render.S2sApplySpec;
import org.s2svpn.vpn.render.S2sConnection;
import org.s2svpn.vpn.router.S2sModels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The management server as a user runs it (its own process, MariaDB), this machine as its network node over a
 * loopback sshd, a real router and a real customer gateway: the server is killed (SIGKILL) while the router runs
 * s2s-apply for a createVpnConnection, and started again on the same data directory and database. With no further
 * API call that changes anything, the job ends failed (none stays pending), the router converges to the database's
 * configuration (the hash it reports is the one the database renders) and the connection reaches Connected.
 */
public class S2sServerKillTest {
    private static final String TOOL = "/opt/s2svpn/bin/s2svpn-router";
    private static final String PSK = "a key that outlives a killed server";
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);

    @Test
    public void aServerKilledDuringAnApplyConvergesAfterItsRestartWithoutAnyApiCall() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-kill-apply-");
        TestDatabase database = TestDatabase.create("mariadb", dataDir);
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(database.config().url(), database.config().username(),
                database.config().password()));
        TestNetwork net = new TestNetwork();
        ServerProcess server = null;
        LocalSshd sshd = null;
        CustomerGatewaySite site = null;
        try {
            server = ServerProcess.start(dataDir, database);
            ApiClient admin = server.admin();
            // router namespaces are r-<id>: ids of this run's own, as TestNode does, so no other run's r-1 is touched
            db.sql("ALTER TABLE domain_router AUTO_INCREMENT = " + (5000 + ProcessHandle.current().pid() % 9000 * 100)).update();
            sshd = LocalSshd.start(db.sql("SELECT value FROM configuration WHERE name = 'ssh.publickey'").query(String.class).single());
            String zone = ok(admin, "listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
            Cidr publicRange = TestNetwork.freeRange("198.51.100.0/24", "203.0.113.0/24");
            String bridge = net.bridge("s2sk");
            ok(admin, "updateConfiguration", "name", "network.public.bridge", "value", bridge);
            ok(admin, "updateConfiguration", "name", "router.check.interval", "value", "2");
            ok(admin, "addHost", "zoneid", zone, "url", "ssh://127.0.0.1:" + sshd.port(), "username", "root");
            ok(admin, "createVlanIpRange", "zoneid", zone, "gateway", publicRange.network().plus(1).toString(), "netmask",
                    publicRange.netmask(), "startip", publicRange.network().plus(10).toString(), "endip", publicRange.network().plus(40).toString());

            Cidr vpcCidr = TestNetwork.freeRange("10.247.0.0/16", "10.248.0.0/16", "10.249.0.0/16");
            String prefix = vpcCidr.network().toString().substring(0, vpcCidr.network().toString().lastIndexOf(".0.0"));
            JsonObject vpc = job(admin, "createVPC", "name", "killed", "cidr", vpcCidr.toString(), "vpcofferingid",
                    first(ok(admin, "listVPCOfferings"), "vpcoffering"), "zoneid", zone).getAsJsonObject("vpc");
            String vpcId = vpc.get("id").getAsString();
            ok(admin, "createNetwork", "name", "killed-tier", "networkofferingid", first(ok(admin, "listNetworkOfferings"), "networkoffering"),
                    "zoneid", zone, "vpcid", vpcId, "gateway", prefix + ".1.1", "netmask", "255.255.255.0");
            String namespace = "r-" + ok(admin, "listRouters", "vpcid", vpcId).getAsJsonArray("router").get(0).getAsJsonObject().get("name")
                    .getAsString().split("-")[1];
            Cidr siteCidr = TestNetwork.freeRange("172.29.240.0/24", "172.29.241.0/24", "172.29.242.0/24");
            site = CustomerGatewaySite.create(net, "kcg", bridge, publicRange, publicRange.network().plus(200).toString(), List.of(siteCidr));
            site.configure(CustomerGatewaySite.Peer.responder(vpc.get("publicip").getAsString(), vpcCidr, PSK, 2, "aes256-sha256-modp2048",
                    "aes256-sha256"));
            String customer = job(admin, "createVpnCustomerGateway", "name", "killed-gw", "gateway", site.publicIp, "cidrlist",
                    site.cidrList(), "ipsecpsk", PSK, "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256;modp2048")
                    .getAsJsonObject("vpncustomergateway").get("id").getAsString();
            String vpnGateway = job(admin, "createVpnGateway", "vpcid", vpcId).getAsJsonObject("vpngateway").get("id").getAsString();

            String jobId = ok(admin, "createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer).get("jobid")
                    .getAsString();
            long apply = awaitApplyRunning(Duration.ofSeconds(30));
            server.kill();
            long killed = System.nanoTime();
            boolean applyOutlivedServer = ProcessHandle.of(apply).map(ProcessHandle::isAlive).orElse(false);
            String hashAtKill = routerHash(namespace).orElse("none");

            server = ServerProcess.start(dataDir, database);
            long restarted = System.nanoTime();
            admin = server.admin();
            // from here on, only reads: the server converges by itself
            JsonObject job = admin.call("queryAsyncJobResult", "jobid", jobId).inner();
            assertEquals("the killed job is failed at the restart: " + job, 2, job.get("jobstatus").getAsInt());
            assertTrue(job.toString(), job.getAsJsonObject("jobresult").get("errortext").getAsString().contains("stopped before it finished"));
            assertEquals("no job stays pending", 0L, (long) db.sql("SELECT COUNT(*) FROM async_job WHERE job_status = 0").query(Long.class).single());

            JsonObject listed = ok(admin, "listVpnConnections", "vpcid", vpcId);
            assertEquals(listed.toString(), 1, listed.get("count").getAsInt());
            String connection = listed.getAsJsonArray("vpnconnection").get(0).getAsJsonObject().get("id").getAsString();
            String stateAtRestart = listed.getAsJsonArray("vpnconnection").get(0).getAsJsonObject().get("state").getAsString();
            awaitConnected(admin, connection);
            long connectedAfter = (System.nanoTime() - restarted) / 1_000_000;
            String expected = databaseHash(db, dataDir, vpcId, namespace);
            long deadline = System.nanoTime() + CONVERGENCE.toNanos();
            Optional<String> applied = routerHash(namespace);
            while (!applied.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
                ApiClient.sleep(200);
                applied = routerHash(namespace);
            }
            assertEquals("the router runs the configuration the database renders", Optional.of(expected), applied);
            assertEquals("Connected", ok(admin, "listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0)
                    .getAsJsonObject().get("state").getAsString());
            assertEquals("no job stays pending", 0L, (long) db.sql("SELECT COUNT(*) FROM async_job WHERE job_status = 0").query(Long.class).single());
            System.out.printf("server killed during s2s-apply (the apply %s the server; router hash at the kill: %s; connection %s at the"
                            + " restart): Connected %d ms after the restart (%d ms after the kill), router hash = database hash%n",
                    applyOutlivedServer ? "outlived" : "died with", hashAtKill.equals("none") ? "none" : hashAtKill.equals(expected)
                            ? "the database's" : "another", stateAtRestart, connectedAfter, (System.nanoTime() - killed) / 1_000_000);

            // then the router's charon dies and is started again on the node, with nothing loaded (hash null): the
            // router check alone applies the configuration again
            killCharonAndStartItAgain(namespace);
            long charonRestarted = System.nanoTime();
            deadline = System.nanoTime() + CONVERGENCE.toNanos();
            while (!routerHash(namespace).equals(Optional.of(expected)) && System.nanoTime() < deadline) {
                ApiClient.sleep(200);
            }
            assertEquals("the router check applied the database's configuration again", Optional.of(expected), routerHash(namespace));
            long reappliedAfter = (System.nanoTime() - charonRestarted) / 1_000_000;
            assertTrue("the server says why it applied again", Files.readString(dataDir.resolve("management-server.log"))
                    .contains("applied site-to-site configuration none is not the database's " + expected));
            site.awaitEstablished(1, CONVERGENCE);
            awaitConnected(admin, connection);
            System.out.printf("router charon restarted with nothing loaded: configuration applied again %d ms later, Connected %d ms later%n",
                    reappliedAfter, (System.nanoTime() - charonRestarted) / 1_000_000);
        } finally {
            if (server != null) {
                server.close();
            }
            destroyRoutersOf(db);
            if (site != null) {
                site.close();
            }
            if (sshd != null) {
                sshd.close();
            }
            net.cleanUp();
            database.drop();
        }
    }

    /** Kills the router's charon and starts the router again on the node with its own spec, as the node tool does. */
    private static void killCharonAndStartItAgain(String namespace) throws Exception {
        ProcessHandle charon = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/charon")).orElse(false))
                .filter(p -> {
                    try {
                        return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "environ")).contains("/routers/" + namespace + "/");
                    } catch (IOException gone) {
                        return false;
                    }
                }).findFirst().orElseThrow(() -> new AssertionError("no charon runs for " + namespace));
        charon.destroyForcibly();
        charon.onExit().get();
        Shell.must(TOOL, "start", "/var/lib/s2svpn/routers/" + namespace + "/spec.json");
    }

    /** Waits until the node runs the router tool's s2s-apply, and returns its pid. */
    private static long awaitApplyRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> apply = ProcessHandle.allProcesses().filter(S2sServerKillTest::isApply).findFirst();
            if (apply.isPresent()) {
                return apply.get().pid();
            }
            ApiClient.sleep(5);
        }
        throw new AssertionError("no s2s-apply ran on the node within " + timeout);
    }

    private static boolean isApply(ProcessHandle p) {
        try {
            List<String> args = Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int tool = args.indexOf(TOOL);
            return tool >= 0 && tool + 1 < args.size() && args.get(tool + 1).equals("s2s-apply");
        } catch (IOException gone) {
            return false;
        }
    }

    /** The hash the router reports in s2s-status (none when it has no S2S configuration). */
    private static Optional<String> routerHash(String namespace) {
        Shell.Result status = Shell.run(TOOL, "s2s-status", namespace);
        if (!status.ok()) {
            return Optional.empty();
        }
        JsonObject json = JsonParser.parseString(status.output()).getAsJsonObject();
        return json.get("hash").isJsonNull() ? Optional.empty() : Optional.of(json.get("hash").getAsString());
    }

    /**
     * The hash of the configuration the database says the router should run: its VPC's live connections but the
     * Pending ones (docs/s2s-vr-contract.md), rendered as the server renders them, with the server's key.
     */
    private static String databaseHash(JdbcClient db, Path dataDir, String vpcUuid, String namespace) throws IOException {
        // reads only: no transaction
        Generations generations = new Generations(db, TransactionOperations.withoutTransaction());
        S2sModels models = new S2sModels(new VpnConnectionDao(db, generations), Encryptor.fromKeyFile(dataDir.resolve("key")));
        long vpcId = db.sql("SELECT id FROM vpc WHERE uuid = ?").param(vpcUuid).query(Long.class).single();
        S2sModels.Live all = models.live(vpcId);
        List<S2sConnection> live = all.connections().stream().filter(c -> c.state() != VpnConnectionVO.State.Pending).map(all::model).toList();
        return JsonParser.parseString(S2sApplySpec.of(namespace, live)).getAsJsonObject().get("hash").getAsString();
    }

    private static void awaitConnected(ApiClient admin, String connection) {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        JsonObject c = null;
        while (System.nanoTime() < deadline) {
            c = ok(admin, "listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
            if (c.get("state").getAsString().equals("Connected")) {
                return;
            }
            ApiClient.sleep(200);
        }
        throw new AssertionError("not Connected within " + CONVERGENCE + " of the restart: " + c);
    }

    /** Removes from this machine the routers of this test's database (the killed server cannot). */
    private static void destroyRoutersOf(JdbcClient db) {
        List<Long> ids;
        try {
            ids = db.sql("SELECT id FROM domain_router").query(Long.class).list();
        } catch (RuntimeException e) {
            return;
        }
        for (Long id : ids) {
            Shell.run(TOOL, "destroy", "r-" + id);
        }
    }

    private static String first(JsonObject list, String key) {
        return list.getAsJsonArray(key).get(0).getAsJsonObject().get("id").getAsString();
    }

    private static JsonObject ok(ApiClient admin, String command, String... params) {
        ApiClient.Answer answer = admin.call(command, params);
        if (answer.status() != 200) {
            throw new AssertionError(command + ": " + answer.body());
        }
        return answer.inner();
    }

    private static JsonObject job(ApiClient admin, String command, String... params) {
        JsonObject job = admin.waitForJob(ok(admin, command, params).get("jobid").getAsString());
        if (job.get("jobstatus").getAsInt() != 1) {
            throw new AssertionError(command + " failed: " + job);
        }
        return job.getAsJsonObject("jobresult");
    }
}
