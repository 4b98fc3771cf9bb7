package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.test.CustomerGatewaySite.IkeSa;
import org.s2svpn.test.CustomerGatewaySite.Peer;
import org.s2svpn.test.S2sWorld.Created;
import org.s2svpn.test.S2sWorld.Vpc;

/**
 * Issue 5 on real IPsec: our VPC routers (namespaces on this machine, driven by the server over SSH) against
 * customer gateways that are strongSwan devices of their own in namespaces on the zone's public bridge. Every
 * scenario goes through the API alone and is checked through the API and by traffic through the tunnel.
 *
 * <p>The dead peer of scenario 4 takes minutes to detect (DPD every 30 s, dead after 120 s without an answer), so it
 * is set up first and its customer gateway killed before the other scenarios run; a watcher notes when the server
 * says Disconnected, and scenario 4, fourth in the fixed order, takes it from there.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class S2sCustomerGatewayTest {
    static final int CHECK_INTERVAL_SECONDS = 5;
    static final String PSK = "a shared secret of the 2012 kind";

    /** The renderer's DPD settings (SwanctlRenderer: dpd_delay 30 s, dpd_timeout 120 s). */
    static final Duration DPD_DELAY = Duration.ofSeconds(30);
    static final Duration DPD_TIMEOUT = Duration.ofSeconds(120);

    private static S2sWorld world;
    private static DeadPeer deadPeer;

    @BeforeClass
    public static void startNode() throws Exception {
        world = new S2sWorld(CHECK_INTERVAL_SECONDS);
        deadPeer = DeadPeer.start(world);
    }

    @After
    public void removeScenario() {
        world.cleanUpScenario();
    }

    @AfterClass
    public static void stopNode() throws Exception {
        if (deadPeer != null) {
            deadPeer.watcher.interrupt();
        }
        if (world != null) {
            world.close();
        }
    }

    /** Scenario 1: the 2012 use case, step by step, with the time to Connected measured and printed. */
    @Test
    public void scenario1UseCaseOf2012ConnectsCarriesTrafficCountsBytesResetsAndDeletes() throws Exception {
        Vpc vpc = world.vpc("use-case");
        CustomerGatewaySite site = world.site(1);
        site.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes128-sha1-modp1536", "aes128-sha1"));
        String customer = world.customerGateway(site, PSK, "aes128-sha1;modp1536", "aes128-sha1", "dpd", "true");
        String vpnGateway = world.vpnGateway(vpc);

        Created created = world.connect(vpnGateway, customer, false);
        assertEquals("Connecting", S2sWorld.state(created.response()));
        long[] connectedAfter = world.awaitConnectedTimes(created, vpc, site);
        System.out.println("connected_after_ms=" + connectedAfter[0] + " connected_after_api_call_ms=" + connectedAfter[1]);
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

    /**
     * Scenario 2: the 2012 proposals on IKEv1, 3DES/MD5 with group 5 in both phases (the Cisco example of the 2012
     * spec) and AES128/SHA1 with group 2, and IKEv2 AES256/SHA256 with group 14 and PFS: what the customer gateway
     * negotiated is what was asked for, and PFS shows when the gateway rekeys the IKEv2 CHILD SA.
     */
    @Test
    public void scenario2ProposalsOf2012OnIkev1AndIkev2WithPfsNegotiateWhatWasAskedFor() throws Exception {
        Vpc vpc = world.vpc("proposals");
        CustomerGatewaySite cisco = world.site(1);
        CustomerGatewaySite aes128 = world.site(1);
        CustomerGatewaySite ikev2 = world.site(1);
        cisco.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 1, "3des-md5-modp1536", "3des-md5-modp1536"));
        aes128.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 1, "aes128-sha1-modp1024", "aes128-sha1"));
        ikev2.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes256-sha256-modp2048", "aes256-sha256-modp2048"));
        String vpnGateway = world.vpnGateway(vpc);
        Created toCisco = world.connect(vpnGateway, world.customerGateway(cisco, PSK, "3des-md5;modp1536", "3des-md5;modp1536", "ikeversion", "ikev1"),
                false);
        long ciscoMs = world.awaitConnected(toCisco, vpc, cisco);
        Created toAes128 = world.connect(vpnGateway, world.customerGateway(aes128, PSK, "aes128-sha1;modp1024", "aes128-sha1", "ikeversion", "ikev1"),
                false);
        long aes128Ms = world.awaitConnected(toAes128, vpc, aes128);
        Created toIkev2 = world.connect(vpnGateway,
                world.customerGateway(ikev2, PSK, "aes256-sha256;modp2048", "aes256-sha256;modp2048", "ikeversion", "ikev2"), false);
        System.out.println("proposals: connected_after_ms ikev1-3des-md5=" + ciscoMs + " ikev1-aes128-sha1=" + aes128Ms + " ikev2-aes256-sha256-pfs="
                + world.awaitConnected(toIkev2, vpc, ikev2));

        IkeSa sa = cisco.awaitEstablished(1, Duration.ofSeconds(5));
        assertEquals(List.of(1, "3DES_CBC", "HMAC_MD5_96", "MODP_1536"), List.of(sa.version(), sa.encryption(), sa.integrity(), sa.dhGroup()));
        CustomerGatewaySite.ChildSa child = sa.installed().get(0);
        assertEquals("ESP 3DES/MD5 with PFS group 5", List.of("3DES_CBC", "HMAC_MD5_96", "MODP_1536"),
                List.of(child.encryption(), child.integrity(), String.valueOf(child.dhGroup())));

        sa = aes128.awaitEstablished(1, Duration.ofSeconds(5));
        assertEquals(List.of(1, "AES_CBC", "128", "HMAC_SHA1_96", "MODP_1024"),
                List.of(sa.version(), sa.encryption(), sa.keySize(), sa.integrity(), sa.dhGroup()));
        child = sa.installed().get(0);
        assertEquals("ESP AES128/SHA1 without PFS", List.of("AES_CBC", "128", "HMAC_SHA1_96", "null"),
                List.of(child.encryption(), child.keySize(), child.integrity(), String.valueOf(child.dhGroup())));

        sa = ikev2.awaitEstablished(1, Duration.ofSeconds(5));
        assertEquals(List.of(2, "AES_CBC", "256", "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_2048"),
                List.of(sa.version(), sa.encryption(), sa.keySize(), sa.integrity(), sa.prf(), sa.dhGroup()));
        ikev2.rekeyChild(sa.installed().get(0).uniqueId());
        CustomerGatewaySite.ChildSa rekeyed = awaitChild(ikev2, c -> "MODP_2048".equals(c.dhGroup()));
        assertEquals("ESP AES256/SHA256, rekeyed with a new group 14 exchange (PFS)", List.of("AES_CBC", "256", "HMAC_SHA2_256_128"),
                List.of(rekeyed.encryption(), rekeyed.keySize(), rekeyed.integrity()));

        for (CustomerGatewaySite site : List.of(cisco, aes128, ikev2)) {
            world.assertPingsThroughTunnel(vpc, site);
        }
        world.node.server.component(RouterTimer.class).sweep();
        for (Created c : List.of(toCisco, toAes128, toIkev2)) {
            assertEquals("still Connected after traffic (and the IKEv2 rekey)", "Connected", S2sWorld.state(world.connection(c.id())));
        }
    }

    /**
     * Scenario 3: a customer gateway with another PSK, and one that refuses our proposal. Neither connection is ever
     * Connected, each says why, and nothing for the customer subnets leaves the router in clear meanwhile.
     */
    @Test
    public void scenario3AWrongPskAndARefusedProposalNeverConnectAndSayWhy() throws Exception {
        Vpc vpc = world.vpc("refused");
        CustomerGatewaySite otherPsk = world.site(1);
        CustomerGatewaySite otherProposal = world.site(1);
        otherPsk.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), "the customer typed another secret", 2, "aes128-sha256-modp2048",
                "aes128-sha256"));
        otherProposal.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes256-sha384-modp3072", "aes256-sha384"));
        String vpnGateway = world.vpnGateway(vpc);
        Created wrongPsk = world.connect(vpnGateway, world.customerGateway(otherPsk, PSK, "aes128-sha256;modp2048", "aes128-sha256"), false);
        Created refused = world.connect(vpnGateway, world.customerGateway(otherProposal, PSK, "aes128-sha1;modp1536", "aes128-sha1"), false);

        // The follow-up reads after the apply (up to 8 s), then a background check.
        Instant until = Instant.now().plusSeconds(8 + CHECK_INTERVAL_SECONDS);
        while (Instant.now().isBefore(until)) {
            for (Created c : List.of(wrongPsk, refused)) {
                JsonObject now = world.connection(c.id());
                assertNotEquals("never Connected: " + now, "Connected", S2sWorld.state(now));
            }
            ApiClient.sleep(100);
        }
        JsonObject psk = world.connection(wrongPsk.id());
        assertEquals(psk + "\n" + world.diagnostics(vpc, otherPsk), List.of("Disconnected", "authentication failed"),
                List.of(S2sWorld.state(psk), String.valueOf(S2sWorld.reason(psk))));
        JsonObject proposal = world.connection(refused.id());
        assertEquals(proposal + "\n" + world.diagnostics(vpc, otherProposal), List.of("Disconnected", "no proposal chosen"),
                List.of(S2sWorld.state(proposal), String.valueOf(S2sWorld.reason(proposal))));
        for (CustomerGatewaySite site : List.of(otherPsk, otherProposal)) {
            assertTrue("the router did try " + site, site.heardFrom(vpc.publicIp()));
            assertTrue("no IKE SA established with " + site + ": " + site.sas(), site.sas().stream().noneMatch(IkeSa::established));
            assertEquals(0, world.alerts(site.name, "Connecting", "Connected"));
            CustomerGatewaySite.Counters before = site.counters();
            assertFalse("no way to " + site + " without a tunnel", S2sWorld.ping(vpc, site.host(), 1));
            assertEquals("nothing for " + site + " left the router in clear", before.clearPackets(), site.counters().clearPackets());
        }
    }

    /**
     * Scenario 4: DPD on, and the customer gateway's daemon dies without a word (SIGKILL, no DELETE). The server says
     * Disconnected, with an alert, within DPD delay + timeout + one check interval; when the daemon comes back (only
     * responding, it initiates nothing), the router's own DPD restart brings the tunnel up, no API call needed.
     * IKEv1, whose DPD has the renderer's timeout; IKEv2 declares a peer dead only when charon's retransmits run out.
     */
    @Test
    public void scenario4DeadPeerIsDisconnectedWithinTheDpdTimeoutAndComesBackByItself() throws Throwable {
        deadPeer.awaitVerdict();
        Duration bound = DPD_DELAY.plus(DPD_TIMEOUT).plusSeconds(CHECK_INTERVAL_SECONDS).plusSeconds(5);
        System.out.println("dpd: Disconnected " + deadPeer.disconnectedAfterMs + " ms after the customer gateway's charon died (bound "
                + bound.toMillis() + " ms)");
        JsonObject down = deadPeer.seen;
        assertEquals(down + "\n" + world.diagnostics(deadPeer.vpc, deadPeer.site), "Disconnected", S2sWorld.state(down));
        assertTrue("Disconnected after " + deadPeer.disconnectedAfterMs + " ms, more than " + bound, deadPeer.disconnectedAfterMs <= bound.toMillis());
        assertEquals("peer unreachable", S2sWorld.reason(down));
        assertEquals(1, world.alerts(deadPeer.site.name, "Connected", "Disconnected"));

        Instant restarted = Instant.now();
        deadPeer.site.startCharon();
        world.awaitState(deadPeer.connection, "Connected", Duration.ofSeconds(90), deadPeer.vpc, deadPeer.site);
        System.out.println("dpd: Connected again " + Duration.between(restarted, Instant.now()).toMillis()
                + " ms after the customer gateway's charon came back");
        assertEquals(1, world.alerts(deadPeer.site.name, "Disconnected", "Connected"));
        world.assertPingsThroughTunnel(deadPeer.vpc, deadPeer.site);
    }

    /** Scenario 5: rebootRouter builds the namespace and its charon anew, with nothing loaded; the server applies again. */
    @Test
    public void scenario5EveryTunnelOfARebootedRouterComesBackWithoutAnApiCall() throws Exception {
        Vpc vpc = world.vpc("reboot");
        CustomerGatewaySite v1 = world.site(2);
        CustomerGatewaySite v2 = world.site(1);
        v1.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 1, "aes128-sha1-modp1536", "aes128-sha1-modp1536"));
        v2.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes256-sha256-modp2048", "aes256-sha256"));
        String vpnGateway = world.vpnGateway(vpc);
        Created c1 = world.connect(vpnGateway, world.customerGateway(v1, PSK, "aes128-sha1;modp1536", "aes128-sha1;modp1536", "ikeversion", "ikev1",
                "dpd", "true"), false);
        Created c2 = world.connect(vpnGateway, world.customerGateway(v2, PSK, "aes256-sha256;modp2048", "aes256-sha256"), false);
        world.awaitConnected(c1, vpc, v1);
        world.awaitConnected(c2, vpc, v2);
        long sa1 = v1.awaitEstablished(2, Duration.ofSeconds(5)).uniqueId();
        long sa2 = v2.awaitEstablished(1, Duration.ofSeconds(5)).uniqueId();
        String charonBefore = charonPid(vpc);
        List<Integer> nicsBefore = routerNics(vpc);

        JsonObject rebooted = world.node.job("rebootRouter", "id", vpc.routerId()).getAsJsonObject("router");
        assertEquals("Running", rebooted.get("state").getAsString());
        assertNotEquals("a new charon runs in the router", charonBefore, charonPid(vpc));
        List<Integer> nicsAfter = routerNics(vpc);
        assertTrue("the router's NICs were made anew: " + nicsBefore + " -> " + nicsAfter,
                !nicsAfter.isEmpty() && nicsAfter.stream().noneMatch(nicsBefore::contains));
        Instant rebootedAt = Instant.now();
        world.awaitState(c1.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, v1);
        world.awaitState(c2.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, vpc, v2);
        System.out.println("reboot: both tunnels Connected " + Duration.between(rebootedAt, Instant.now()).toMillis()
                + " ms after the rebootRouter job");
        awaitNewSa(v1, sa1, 2);
        awaitNewSa(v2, sa2, 1);
        assertTrue(world.routerStatus(vpc).get("hash").isJsonPrimitive());
        world.assertPingsThroughTunnel(vpc, v1);
        world.assertPingsThroughTunnel(vpc, v2);
    }

    /**
     * Scenario 6: two VPCs, three customer gateways with several subnets each. IKEv2 with splitconnections on makes
     * one CHILD SA per subnet, off one CHILD SA for all; IKEv1 always one per subnet. Each VPC reaches its own
     * customers' subnets and no other's; turning splitconnections on for a running connection splits it.
     */
    @Test
    public void scenario6TwoVpcsAndThreeCustomerGatewaysWithSeveralSubnetsSplitOrNot() throws Exception {
        Vpc a = world.vpc("multi-a");
        Vpc b = world.vpc("multi-b");
        CustomerGatewaySite split = world.site(2);
        CustomerGatewaySite joined = world.site(2);
        CustomerGatewaySite ikev1 = world.site(3);
        split.configure(Peer.responder(a.publicIp(), a.cidr(), PSK, 2, "aes128-sha256-modp2048", "aes128-sha256"));
        joined.configure(Peer.responder(a.publicIp(), a.cidr(), PSK, 2, "aes128-sha256-modp2048", "aes128-sha256"));
        ikev1.configure(Peer.responder(b.publicIp(), b.cidr(), PSK, 1, "aes256-sha1-modp1536", "aes256-sha1"));
        String gatewayA = world.vpnGateway(a);
        String gatewayB = world.vpnGateway(b);
        String joinedCustomer = world.customerGateway(joined, PSK, "aes128-sha256;modp2048", "aes128-sha256", "splitconnections", "false");
        Created toSplit = world.connect(gatewayA, world.customerGateway(split, PSK, "aes128-sha256;modp2048", "aes128-sha256", "splitconnections",
                "true"), false);
        Created toJoined = world.connect(gatewayA, joinedCustomer, false);
        Created toIkev1 = world.connect(gatewayB, world.customerGateway(ikev1, PSK, "aes256-sha1;modp1536", "aes256-sha1", "ikeversion", "ikev1"),
                false);
        world.awaitConnected(toSplit, a, split);
        world.awaitConnected(toJoined, a, joined);
        world.awaitConnected(toIkev1, b, ikev1);

        assertEquals("one CHILD SA per subnet", List.of(List.of(split.subnets.get(0).toString()), List.of(split.subnets.get(1).toString())),
                split.awaitEstablished(2, Duration.ofSeconds(10)).installed().stream().map(CustomerGatewaySite.ChildSa::localTs).sorted(
                        Comparator.comparing(Object::toString)).toList());
        assertEquals("one CHILD SA for both subnets", List.of(joined.subnets.get(0).toString(), joined.subnets.get(1).toString()),
                joined.awaitEstablished(1, Duration.ofSeconds(10)).installed().get(0).localTs().stream().sorted().toList());
        assertEquals("IKEv1: one CHILD SA per subnet", 3, ikev1.awaitEstablished(3, Duration.ofSeconds(10)).installed().size());
        world.assertPingsThroughTunnel(a, split);
        world.assertPingsThroughTunnel(a, joined);
        world.assertPingsThroughTunnel(b, ikev1);
        assertFalse("VPC B has no tunnel to the customer of VPC A", S2sWorld.ping(b, split.host(), 1));

        world.node.job("updateVpnCustomerGateway", "id", joinedCustomer, "name", joined.name, "gateway", joined.publicIp, "cidrlist",
                joined.cidrList(), "ipsecpsk", PSK, "ikepolicy", "aes128-sha256;modp2048", "esppolicy", "aes128-sha256", "splitconnections", "true");
        world.awaitState(toJoined.id(), "Connected", S2sWorld.CONNECT_TIMEOUT, a, joined);
        assertEquals("split now: one CHILD SA per subnet", 2, joined.awaitEstablished(2, Duration.ofSeconds(10)).installed().size());
        world.assertPingsThroughTunnel(a, joined);
    }

    /**
     * Scenario 7: a passive connection. The router never initiates (the customer gateway, which does not initiate
     * either, never hears from it); once the customer gateway initiates, the tunnel comes up and carries traffic.
     */
    @Test
    public void scenario7APassiveConnectionWaitsForTheCustomerGatewayToInitiate() throws Exception {
        Vpc vpc = world.vpc("passive");
        CustomerGatewaySite site = world.site(1);
        site.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 2, "aes256-sha256-modp2048", "aes256-sha256"));
        Created passive = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes256-sha256;modp2048", "aes256-sha256"), true);
        assertTrue(passive.response().get("passive").getAsBoolean());

        // The router's initiation runs in the background right after its apply: seconds are plenty to see one.
        Instant until = Instant.now().plusSeconds(CHECK_INTERVAL_SECONDS + 1);
        while (Instant.now().isBefore(until)) {
            assertNotEquals("Connected", S2sWorld.state(world.connection(passive.id())));
            ApiClient.sleep(200);
        }
        JsonObject waiting = world.connection(passive.id());
        assertEquals(List.of("Disconnected", "not established"), List.of(S2sWorld.state(waiting), String.valueOf(S2sWorld.reason(waiting))));
        assertFalse("the router never initiated: " + site.logTail(10), site.heardFrom(vpc.publicIp()));
        assertEquals(List.of(), site.sas());

        Instant initiated = Instant.now();
        site.initiate();
        site.awaitEstablished(1, Duration.ofSeconds(10));
        world.awaitState(passive.id(), "Connected", Duration.ofSeconds(CHECK_INTERVAL_SECONDS * 2 + 5), vpc, site);
        System.out.println("passive: Connected " + Duration.between(initiated, Instant.now()).toMillis()
                + " ms after the customer gateway initiated");
        world.assertPingsThroughTunnel(vpc, site);
    }

    private static String charonPid(Vpc vpc) throws IOException {
        return Files.readString(Path.of("/var/lib/s2svpn/routers", vpc.routerNamespace(), "run", "charon.pid")).strip();
    }

    /**
     * The interface indexes of the router's veth ends in this namespace (the router tool names them by alias): new
     * ones when the router was built anew. (A namespace's own inode number is no proof: the kernel reuses them.)
     */
    private static List<Integer> routerNics(Vpc vpc) {
        return JsonParser.parseString(Shell.must("ip", "-j", "link", "show", "type", "veth")).getAsJsonArray().asList().stream()
                .map(e -> e.getAsJsonObject())
                .filter(l -> l.has("ifalias") && l.get("ifalias").getAsString().startsWith("s2svpn:" + vpc.routerNamespace() + ":"))
                .map(l -> l.get("ifindex").getAsInt())
                .toList();
    }

    /** An established IKE SA other than the old one, with that many CHILD SAs installed. */
    private static IkeSa awaitNewSa(CustomerGatewaySite site, long old, int children) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (IkeSa sa : site.sas()) {
                if (sa.established() && sa.uniqueId() != old && sa.installed().size() == children) {
                    return sa;
                }
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("no new IKE SA at " + site + ": " + site.sas() + "\n" + site.logTail(20));
    }

    private static CustomerGatewaySite.ChildSa awaitChild(CustomerGatewaySite site, Predicate<CustomerGatewaySite.ChildSa> test) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (IkeSa sa : site.sas()) {
                for (CustomerGatewaySite.ChildSa c : sa.installed()) {
                    if (test.test(c)) {
                        return c;
                    }
                }
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("no such CHILD SA at " + site + ": " + site.sas() + "\n" + site.logTail(20));
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

    /** Scenario 4's first half, run before the others: a Connected tunnel whose customer gateway dies, and a watcher. */
    static final class DeadPeer {
        final Vpc vpc;
        final CustomerGatewaySite site;
        final String connection;
        final Thread watcher;
        private final long killedNanos;
        private volatile Throwable failure;
        volatile JsonObject seen;
        volatile long disconnectedAfterMs = -1;

        private DeadPeer(Vpc vpc, CustomerGatewaySite site, String connection, long killedNanos) {
            this.vpc = vpc;
            this.site = site;
            this.connection = connection;
            this.killedNanos = killedNanos;
            this.watcher = new Thread(this::watch, "dead-peer-watcher");
            watcher.setDaemon(true);
        }

        /** Sets the tunnel up, kills the customer gateway's charon and starts watching; a failure waits for scenario 4. */
        static DeadPeer start(S2sWorld world) {
            try {
                Vpc vpc = world.vpc("dead-peer");
                CustomerGatewaySite site = world.site(1);
                world.keepUntilClose(vpc, site);
                site.configure(Peer.responder(vpc.publicIp(), vpc.cidr(), PSK, 1, "aes128-sha1-modp1536", "aes128-sha1"));
                Created created = world.connect(world.vpnGateway(vpc), world.customerGateway(site, PSK, "aes128-sha1;modp1536", "aes128-sha1",
                        "ikeversion", "ikev1", "dpd", "true"), false);
                world.awaitConnected(created, vpc, site);
                world.assertPingsThroughTunnel(vpc, site);
                site.killCharon();
                DeadPeer deadPeer = new DeadPeer(vpc, site, created.id(), System.nanoTime());
                deadPeer.watcher.start();
                return deadPeer;
            } catch (Throwable t) {
                DeadPeer failed = new DeadPeer(null, null, null, 0);
                failed.failure = t;
                return failed;
            }
        }

        private void watch() {
            long deadline = killedNanos + Duration.ofMinutes(4).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    JsonObject c = world.connection(connection);
                    seen = c;
                    if (!S2sWorld.state(c).equals("Connected")) {
                        disconnectedAfterMs = (System.nanoTime() - killedNanos) / 1_000_000;
                        return;
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void awaitVerdict() throws Throwable {
            if (failure == null) {
                watcher.join();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
