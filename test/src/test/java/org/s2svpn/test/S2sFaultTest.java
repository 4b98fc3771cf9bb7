package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.router.RouterCommand;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.server.router.SimulatedRouterChannel;
import org.s2svpn.vpn.render.S2sApplySpec;

/**
 * Faults on simulated routers, through the API: a router that cannot be reached, and a router whose configuration is
 * no longer the database's (a charon restart, a change behind the server's back, a job that died half-way), which
 * the router check repairs without any API call.
 */
public class S2sFaultTest {
    private static TestServer server;
    private static SimulatedVpcs world;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        world = new SimulatedVpcs(server);
        // only the sweeps of the tests check the routers
        world.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Test
    public void aRouterUnreachableDuringCreateLeavesErrorWithTheReasonAndAResetRepairsIt() {
        SimulatedVpcs.Vpc vpc = world.vpc("unreachable");
        String customer = world.customerGateway("unreachable-gw", "198.51.100.160");
        SimulatedRouterChannel channel = server.component(SimulatedRouterChannel.class);
        channel.inject(vpc.namespace(), SimulatedRouterChannel.Fault.unreachableRouter());
        String connection;
        try {
            JsonObject job = world.admin.waitForJob(world.ok("createVpnConnection", "s2svpngatewayid", vpc.vpnGateway(),
                    "s2scustomergatewayid", customer).get("jobid").getAsString());
            assertEquals(job.toString(), 2, job.get("jobstatus").getAsInt());
            assertEquals(530, job.get("jobresultcode").getAsInt());
            JsonObject error = job.getAsJsonObject("jobresult");
            assertEquals(534, error.get("errorcode").getAsInt());
            assertTrue(error.toString(), error.get("errortext").getAsString().contains("unreachable"));
            connection = job.get("jobinstanceid").getAsString();
            JsonObject c = world.listed(connection);
            assertEquals("Error", c.get("state").getAsString());
            assertTrue(c.toString(), SimulatedVpcs.text(c.get("reason")).contains("unreachable"));
            // a check while the router is still away changes nothing
            server.component(RouterTimer.class).sweep();
            assertEquals("Error", world.listed(connection).get("state").getAsString());
        } finally {
            channel.clear(vpc.namespace());
        }
        JsonObject reset = world.job("resetVpnConnection", "id", connection).getAsJsonObject("vpnconnection");
        assertEquals("Connecting", reset.get("state").getAsString());
        JsonObject connected = world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        assertNull(connected.toString(), SimulatedVpcs.text(connected.get("reason")));
        assertEquals(List.of("vpn-" + id(connection)), world.routerConnections(vpc));
    }

    @Test
    public void aDeleteWhileTheRouterIsUnreachableKeepsTheConnectionInErrorAndASecondDeleteRemovesIt() {
        SimulatedVpcs.Vpc vpc = world.vpc("undeletable");
        String connection = world.connect(vpc, world.customerGateway("undeletable-gw", "198.51.100.164"));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        SimulatedRouterChannel channel = server.component(SimulatedRouterChannel.class);
        channel.inject(vpc.namespace(), SimulatedRouterChannel.Fault.unreachableRouter());
        try {
            JsonObject job = world.admin.waitForJob(world.ok("deleteVpnConnection", "id", connection).get("jobid").getAsString());
            assertEquals(job.toString(), 2, job.get("jobstatus").getAsInt());
            assertEquals(534, job.getAsJsonObject("jobresult").get("errorcode").getAsInt());
            JsonObject c = world.listed(connection);
            assertEquals("the router still runs it, so the connection stays: " + c, "Error", c.get("state").getAsString());
            assertTrue(c.toString(), SimulatedVpcs.text(c.get("reason")).contains("unreachable"));
        } finally {
            channel.clear(vpc.namespace());
        }
        assertEquals(List.of("vpn-" + id(connection)), world.routerConnections(vpc));
        world.job("deleteVpnConnection", "id", connection);
        assertNull(world.listed(connection));
        assertEquals(List.of(), world.routerConnections(vpc));
    }

    @Test
    public void aRouterThatForgotItsConfigurationGetsItBackAtTheNextCheck() {
        SimulatedVpcs.Vpc vpc = world.vpc("forgot");
        String connection = world.connect(vpc, world.customerGateway("forgot-gw", "198.51.100.161"));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        String hash = world.simulated().appliedHash(vpc.namespace());
        world.simulated().forget(vpc.namespace()); // as a charon restart does: the router reports hash null
        assertNull(world.simulated().appliedHash(vpc.namespace()));
        server.component(RouterTimer.class).sweep();
        assertEquals("the same configuration is applied again", hash, world.simulated().appliedHash(vpc.namespace()));
        assertEquals(List.of("vpn-" + id(connection)), world.routerConnections(vpc));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
    }

    @Test
    public void aRouterGivenAnotherConfigurationBehindTheServersBackGetsTheDatabasesAgain() {
        SimulatedVpcs.Vpc vpc = world.vpc("tampered");
        String connection = world.connect(vpc, world.customerGateway("tampered-gw", "198.51.100.162"));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        String hash = world.simulated().appliedHash(vpc.namespace());
        DomainRouterVO router = server.component(RouterDao.class).findById(Long.parseLong(vpc.namespace().substring(2))).orElseThrow();
        assertTrue(server.component(SimulatedRouterChannel.class).send(router, new RouterCommand("s2s-apply",
                S2sApplySpec.of(vpc.namespace(), List.of()), Duration.ofSeconds(5))).success());
        assertNotEquals(hash, world.simulated().appliedHash(vpc.namespace()));
        server.component(RouterTimer.class).sweep();
        assertEquals(hash, world.simulated().appliedHash(vpc.namespace()));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
    }

    @Test
    public void aConnectionLeftPendingByAJobThatDiedIsStartedAgainByTheCheck() {
        SimulatedVpcs.Vpc vpc = world.vpc("left");
        String connection = world.connect(vpc, world.customerGateway("left-gw", "198.51.100.163"));
        world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        // what a reset whose server was killed between its two applies leaves: Pending, and a router without it
        world.jdbc().sql("UPDATE s2s_vpn_connection SET state = 'Pending', reason = 'restarting' WHERE uuid = ?").param(connection).update();
        world.simulated().forget(vpc.namespace());
        server.component(RouterTimer.class).sweep();
        assertEquals(List.of("vpn-" + id(connection)), world.routerConnections(vpc));
        JsonObject c = world.awaitState(connection, "Connected", Duration.ofSeconds(15));
        assertNull(c.toString(), SimulatedVpcs.text(c.get("reason")));
        assertEquals("jobs left pending", 0, world.pendingJobs());
    }

    private static long id(String uuid) {
        return world.jdbc().sql("SELECT id FROM s2s_vpn_connection WHERE uuid = ?").param(uuid).query(Long.class).single();
    }
}
