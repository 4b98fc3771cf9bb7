package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;

/**
 * The Libreswan customer gateway's harness on its own (no server, no router): its guest boots and builds the
 * gateway, and {@link LibreswanGatewaySite#close()} leaves nothing behind on this machine (no process of the guest,
 * no namespace, no veth on the bridge, no temp dir), whether the guest was up or still booting. A bridge of this
 * test's own, in a range the machine does not use.
 */
public class LibreswanGatewaySiteTest {
    private final TestNetwork net = new TestNetwork();
    private String bridge;
    private Cidr range;

    @Before
    public void makeBridge() {
        range = TestNetwork.freeRange("198.51.100.0/24", "203.0.113.0/24");
        bridge = net.bridge("lswt");
    }

    @After
    public void removeBridge() {
        net.close();
    }

    @Test
    public void aBootedGuestCountsNothingYetAndLeavesNothingBehind() throws Exception {
        LibreswanGatewaySite site = site("lswa");
        try {
            assertEquals("nothing crossed the gateway yet", new CustomerGatewaySite.Counters(0, 0, 0), site.counters());
            assertEquals(List.of(), site.ipsecSas());
            assertFalse("the guest runs", site.guestProcesses().isEmpty());
        } finally {
            site.close();
        }
        assertNothingLeft(site);
    }

    @Test
    public void aGuestClosedWhileBootingLeavesNothingBehind() throws Exception {
        LibreswanGatewaySite site = site("lswb");
        site.close();
        assertNothingLeft(site);
    }

    private LibreswanGatewaySite site(String label) throws Exception {
        return LibreswanGatewaySite.create(net, label, bridge, range, range.network().plus(250).toString(), List.of(Cidr.parse("172.29.250.0/24")));
    }

    private static void assertNothingLeft(LibreswanGatewaySite site) {
        assertEquals("no process of the guest is left", List.of(), site.guestProcesses());
        assertFalse("the namespace is gone", TestNetwork.namespaceExists(site.namespace));
        assertFalse("the veth on the bridge is gone", TestNetwork.linkExists(site.hostVeth));
        assertTrue("the temp dir is gone", !Files.exists(site.dir));
    }
}
