package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.test.CustomerGatewaySite.IkeSa;
import org.s2svpn.test.CustomerGatewaySite.Peer;
import org.s2svpn.test.S2sWorld.Created;
import org.s2svpn.test.S2sWorld.Vpc;

/**
 * Issue 5 on real IPsec: our VPC routers (namespaces on this machine, driven by the server over SSH) against
 * customer gateways that are strongSwan devices of their own in namespaces on the zone's public bridge. Every
 * scenario goes through the API alone and is checked through the API and by traffic through the tunnel.
 */
public class S2sCustomerGatewayTest {
    static final int CHECK_INTERVAL_SECONDS = 5;
    static final String PSK = "a shared secret of the 2012 kind";

    private static S2sWorld world;

    @BeforeClass
    public static void startNode() throws Exception {
        world = new S2sWorld(CHECK_INTERVAL_SECONDS);
    }

    @After
    public void removeScenario() {
        world.cleanUpScenario();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    /** Scenario 1: the 2012 use case, step by step, with the time to Connected measured and printed. */
    @Test
    public void useCaseOf2012ConnectsCarriesTrafficCountsBytesResetsAndDeletes() throws Exception {
        Vpc vpc = world.vpc("use-case");
        CustomerGatewaySite site = world.site(1);
        site.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes128-sha1-modp1536", "aes128-sha1"));
        String customer = world.customerGateway(site, PSK, "aes128-sha1;modp1536", "aes128-sha1", "dpd", "true");
        String vpnGateway = world.vpnGateway(vpc);

        Created created = world.connect(vpnGateway, customer, false);
        assertEquals("Connecting", S2sWorld.state(created.response()));
        long connectedAfter = world.awaitConnected(created, vpc, site);
        System.out.println("connected_after_ms=" + connectedAfter);
        JsonObject connected = world.connection(created.id());
        assertNull("a Connected connection has no reason: " + connected, S2sWorld.reason(connected));
        assertEquals(1, world.alerts(site.name, "Connecting", "Connected"));
        IkeSa sa = site.awaitEstablished(1, Duration.ofSeconds(5));
        assertEquals(2, sa.version());
        assertEquals(vpc.publicIp(), sa.remoteHost());

        world.assertPingsThroughTunnel(vpc, site);
        long[] bytes = S2sWorld.childBytes(site);
        assertEquals("bytes sent in usage are those the customer gateway received", bytes[0], world.usageBytes(created.id(), 101));
        assertEquals("bytes received in usage are those the customer gateway sent", bytes[1], world.usageBytes(created.id(), 102));
        assertTrue(bytes[0] >= 3 * 84);

        node().job("resetVpnConnection", "id", created.id());
        world.awaitState(created.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, site);
        IkeSa afterReset = site.awaitEstablished(1, Duration.ofSeconds(5));
        assertNotEquals("the reset built a new IKE SA", sa.uniqueId(), afterReset.uniqueId());
        world.assertPingsThroughTunnel(vpc, site);
        assertTrue("usage goes on counting after the reset", world.usageBytes(created.id(), 101) > bytes[0]);

        node().job("deleteVpnConnection", "id", created.id());
        assertFalse(node().ok("listVpnConnections").toString().contains(created.id()));
        assertEquals("the router has no connection left", List.of(), S2sWorld.names(world.routerStatus(vpc).getAsJsonArray("connections")));
        awaitNoSa(site);
        assertFalse("no traffic to the customer subnet once the tunnel is gone", S2sWorld.ping(vpc, site.host(), 1));
    }

    private static void awaitNoSa(CustomerGatewaySite site) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!site.sas().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the router did not tear down its SAs with " + site + ": " + site.sas());
            }
            ApiClient.sleep(100);
        }
    }

    private static TestNode node() {
        return world.node;
    }
}
