package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.server.router.SimulatedRouterChannel;
import org.s2svpn.vpn.router.SimulatedS2s;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Site-to-site VPN on simulated routers, through Debian's `cloudstack` CLI and plain signed HTTP. */
public class S2sSimulatorTest {
    private static TestServer server;
    private static CsCli cli;
    private static ApiClient admin;
    private static String zone;
    private static String vpcOffering;
    private static String tierOffering;
    private static int cidrs;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        cli = CsCli.admin(server);
        admin = server.admin();
        zone = ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
        ok("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                "endip", "203.0.113.99");
        vpcOffering = ok("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
        tierOffering = ok("listNetworkOfferings").getAsJsonArray("networkoffering").get(0).getAsJsonObject().get("id").getAsString();
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Test
    public void theUseCaseOf2012ThroughTheCliOverGetConnectsResetsAndDeletes() throws Exception {
        useCase("10.1.0.0/16", "198.51.100.50");
    }

    @Test
    public void theUseCaseOf2012ThroughTheCliOverPostConnectsResetsAndDeletes() throws Exception {
        useCase("10.2.0.0/16", "198.51.100.51", "--post");
    }

    /** The 2012 use case through the cs CLI (flags such as --post first), every call signed with signatureVersion=3. */
    private static void useCase(String cidr, String peer, String... flags) throws Exception {
        String vpc = cliOk(flags, "createVPC", "name=use-case", "cidr=" + cidr, "vpcofferingid=" + vpcOffering, "zoneid=" + zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        String prefix = cidr.substring(0, cidr.indexOf(".0.0/"));
        String tier = cliOk(flags, "createNetwork", "name=web", "networkofferingid=" + tierOffering, "zoneid=" + zone, "vpcid=" + vpc,
                "gateway=" + prefix + ".1.1", "netmask=255.255.255.0").getAsJsonObject("network").get("id").getAsString();
        JsonObject customer = cliOk(flags, "createVpnCustomerGateway", "name=branch office " + peer, "gateway=" + peer,
                "cidrlist=192.168.10.0/24,192.168.20.0/24", "ipsecpsk=s3cr*t~ a+b/c=d,e;f", "ikepolicy=3des-md5;modp1536",
                "esppolicy=3des-md5;modp1536", "ikelifetime=86400", "esplifetime=3600", "dpd=true").getAsJsonObject("vpncustomergateway");
        assertEquals("s3cr*t~ a+b/c=d,e;f", customer.get("ipsecpsk").getAsString());
        JsonObject vpnGateway = cliOk(flags, "createVpnGateway", "vpcid=" + vpc).getAsJsonObject("vpngateway");
        JsonObject created = cliOk(flags, "createVpnConnection", "s2svpngatewayid=" + vpnGateway.get("id").getAsString(),
                "s2scustomergatewayid=" + customer.get("id").getAsString()).getAsJsonObject("vpnconnection");
        String connection = created.get("id").getAsString();
        assertEquals("Connecting", created.get("state").getAsString());
        assertEquals(vpnGateway.get("publicip").getAsString(), created.get("publicip").getAsString());

        awaitState(connection, "Connected");
        JsonObject reset = cliOk(flags, "resetVpnConnection", "id=" + connection).getAsJsonObject("vpnconnection");
        assertEquals(connection, reset.get("id").getAsString());
        awaitState(connection, "Connected");
        // the simulated SA counts bytes by the second: sweep until the router has reported some
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        Instant deadline = Instant.now().plusSeconds(10);
        String usage = "";
        while (!usage.contains("\"usageid\":\"" + connection + "\"") && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(500);
            server.component(RouterTimer.class).sweep();
            usage = ok("listUsageRecords", "startdate", today, "enddate", today).toString();
        }
        assertTrue(usage, usage.contains("\"usageid\":\"" + connection + "\"") && usage.contains("\"usagetype\":101"));

        assertTrue(cliOk(flags, "deleteVpnConnection", "id=" + connection).get("success").getAsBoolean());
        assertTrue(cliOk(flags, "deleteVpnGateway", "id=" + vpnGateway.get("id").getAsString()).get("success").getAsBoolean());
        assertTrue(cliOk(flags, "deleteVpnCustomerGateway", "id=" + customer.get("id").getAsString()).get("success").getAsBoolean());
        assertTrue(cliOk(flags, "deleteNetwork", "id=" + tier).get("success").getAsBoolean());
        assertTrue(cliOk(flags, "deleteVPC", "id=" + vpc).get("success").getAsBoolean());
        assertFalse(ok("listVpnConnections").toString().contains(connection));
    }

    @Test
    public void everyResponseDecodesWithGoCloudstackTypes() {
        Setup s = setup("types");
        JsonObject connection = ok("listVpnConnections", "id", s.connection()).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
        assertTypes(connection, Map.of("id", "string", "s2svpngatewayid", "string", "publicip", "string", "s2scustomergatewayid", "string",
                "ikelifetime", "number", "esplifetime", "number", "dpd", "boolean", "forceencap", "boolean", "passive", "boolean",
                "fordisplay", "boolean"));
        assertTypes(connection, Map.of("created", "string", "state", "string", "ikepolicy", "string", "esppolicy", "string",
                "cidrlist", "string", "gateway", "string", "ipsecpsk", "string", "account", "string", "domainid", "string"));
        JsonObject customer = ok("listVpnCustomerGateways", "id", s.customer()).getAsJsonArray("vpncustomergateway").get(0).getAsJsonObject();
        assertTypes(customer, Map.of("id", "string", "name", "string", "gateway", "string", "cidrlist", "string", "ipsecpsk", "string",
                "ikelifetime", "number", "esplifetime", "number", "dpd", "boolean", "forceencap", "boolean", "splitconnections", "boolean"));
        JsonObject gateway = ok("listVpnGateways", "id", s.vpnGateway()).getAsJsonArray("vpngateway").get(0).getAsJsonObject();
        assertTypes(gateway, Map.of("id", "string", "publicip", "string", "vpcid", "string", "fordisplay", "boolean", "account", "string"));
        JsonObject count = ok("listVpnConnections", "vpcid", s.vpc());
        assertTrue(count.get("count").getAsJsonPrimitive().isNumber());
        // no resource belongs to a project here, so a project's list is empty, as go-cloudstack's projectid filter expects
        assertFalse(ok("listVpnConnections", "projectid", "-1").has("vpnconnection"));
    }

    @Test
    public void badValuesAre431NamingTheParameterAndChangeNothing() {
        Setup s = setup("bad");
        int customers = ok("listVpnCustomerGateways").get("count").getAsInt();
        int connections = ok("listVpnConnections").get("count").getAsInt();
        String[] good = {"name", "x", "gateway", "198.51.100.60", "cidrlist", "172.16.0.0/24", "ipsecpsk", "long-enough-key",
                "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1"};
        refused("gateway", with(good, "gateway", "300.1.1.1"));
        refused("gateway", with(good, "gateway", "2001:db8::1"));
        refused("cidrlist", with(good, "cidrlist", "172.16.0.0/33"));
        refused("cidrlist", with(good, "cidrlist", "172.16.0.0/24, 172.17.0.0/24"));
        refused("cidrlist", with(good, "cidrlist", "172.16.0.0/16,172.16.5.0/24"));
        refused("cidrlist", with(good, "cidrlist", String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "172.20." + i + ".0/24")
                .toList())));
        refused("IKE policy", with(good, "ikepolicy", "aes128-sha1"));
        refused("ESP policy", with(good, "esppolicy", "aes128-md4"));
        refused("ikelifetime", with(good, "ikelifetime", "86401"));
        refused("ikelifetime", with(good, "ikelifetime", "0"));
        refused("esplifetime", with(good, "esplifetime", "60"));
        refused("ipsecpsk", with(good, "ipsecpsk", "has\"quote\"inside"));
        refused("ipsecpsk", with(good, "ipsecpsk", "line\nbreak-key"));
        refused("ipsecpsk", with(good, "ipsecpsk", "short"));
        refused("ikeversion", with(good, "ikeversion", "ikev3"));
        String vpnGatewayApplies = appliedOf(s);
        assertEquals(customers, ok("listVpnCustomerGateways").get("count").getAsInt());
        assertEquals(connections, ok("listVpnConnections").get("count").getAsInt());

        // a second connection whose remote subnet is the VPC's own, and a duplicate pair: refused, and the router keeps its config
        String overlapping = job("createVpnCustomerGateway", with(good, "name", "inside", "cidrlist", s.cidrPrefix() + ".5.0/24"))
                .getAsJsonObject("vpncustomergateway").get("id").getAsString();
        ApiClient.Answer overlap = admin.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", overlapping);
        assertEquals(overlap.body(), 431, overlap.status());
        assertTrue(overlap.body(), overlap.body().contains("overlapped with VPC cidr"));
        ApiClient.Answer duplicate = admin.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", s.customer());
        assertEquals(duplicate.body(), 537, duplicate.status());
        assertEquals(connections, ok("listVpnConnections").get("count").getAsInt());
        assertEquals(vpnGatewayApplies, appliedOf(s));
    }

    @Test
    public void cloudStackRulesOnGatewaysAndConnectionsAre431AndChangeNothing() {
        Setup s = setup("rules");
        String applied = appliedOf(s);
        int customers = ok("listVpnCustomerGateways").get("count").getAsInt();
        ApiClient.Answer sameName = admin.call("createVpnCustomerGateway", "name", "rules-gw", "gateway", "198.51.100.80", "cidrlist",
                "172.21.0.0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1");
        assertEquals(sameName.body(), 431, sameName.status());
        assertTrue(sameName.body(), sameName.body().contains("already exists"));
        assertEquals(customers, ok("listVpnCustomerGateways").get("count").getAsInt());

        ApiClient.Answer secondGateway = admin.call("createVpnGateway", "vpcid", s.vpc());
        assertEquals(secondGateway.body(), 431, secondGateway.status());
        assertTrue(secondGateway.body(), secondGateway.body().contains("already existed"));

        String otherIp = ok("listPublicIpAddresses").getAsJsonArray("publicipaddress").asList().stream()
                .map(e -> e.getAsJsonObject())
                .filter(ip -> !ip.has("vpcid") || !ip.get("vpcid").getAsString().equals(s.vpc()))
                .map(ip -> ip.get("id").getAsString()).findFirst().orElseThrow();
        Setup other = setup("rules2");
        job("deleteVpnConnection", "id", other.connection());
        job("deleteVpnGateway", "id", other.vpnGateway());
        ApiClient.Answer wrongIp = admin.call("createVpnGateway", "vpcid", other.vpc(), "ipaddressid", otherIp);
        assertEquals(wrongIp.body(), 431, wrongIp.status());

        // a customer gateway whose subnet overlaps one already connected to this VPN gateway
        String overlapping = job("createVpnCustomerGateway", "name", "rules-overlap", "gateway", "198.51.100.81", "cidrlist",
                ok("listVpnCustomerGateways", "id", s.customer()).getAsJsonArray("vpncustomergateway").get(0).getAsJsonObject()
                        .get("cidrlist").getAsString(), "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536",
                "esppolicy", "aes128-sha1").getAsJsonObject("vpncustomergateway").get("id").getAsString();
        ApiClient.Answer crossOverlap = admin.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", overlapping);
        assertEquals(crossOverlap.body(), 431, crossOverlap.status());
        assertTrue(crossOverlap.body(), crossOverlap.body().contains("overlaps a subnet of customer gateway"));

        JsonObject gatewayInUse = admin.waitForJob(ok("deleteVpnGateway", "id", s.vpnGateway()).get("jobid").getAsString());
        assertEquals(2, gatewayInUse.get("jobstatus").getAsInt());
        assertTrue(gatewayInUse.toString(), gatewayInUse.toString().contains("still related VPN connections"));
        JsonObject customerInUse = admin.waitForJob(ok("deleteVpnCustomerGateway", "id", s.customer()).get("jobid").getAsString());
        assertEquals(2, customerInUse.get("jobstatus").getAsInt());
        assertTrue(ok("listVpnGateways").toString().contains(s.vpnGateway()));
        assertTrue(ok("listVpnCustomerGateways").toString().contains(s.customer()));
        assertEquals(applied, appliedOf(s));
    }

    @Test
    public void connectionsArePagedNewestFirstWithTheCountOfAll() {
        setup("paged-1");
        setup("paged-2");
        setup("paged-3");
        JsonObject all = ok("listVpnConnections", "listall", "true");
        int count = all.get("count").getAsInt();
        java.util.List<String> ids = all.getAsJsonArray("vpnconnection").asList().stream().map(c -> c.getAsJsonObject().get("id").getAsString())
                .toList();
        assertEquals(count, ids.size());
        java.util.List<String> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= (count + 1) / 2; page++) {
            JsonObject answer = ok("listVpnConnections", "listall", "true", "page", String.valueOf(page), "pagesize", "2");
            assertEquals("every page says how many there are in all", count, answer.get("count").getAsInt());
            answer.getAsJsonArray("vpnconnection").forEach(c -> paged.add(c.getAsJsonObject().get("id").getAsString()));
        }
        assertEquals("the pages are the whole list, in its order", ids, paged);
        JsonObject beyond = ok("listVpnConnections", "listall", "true", "page", String.valueOf(count + 1), "pagesize", "2");
        assertFalse("a page beyond the end is empty: " + beyond, beyond.has("vpnconnection"));
    }

    @Test
    public void adminsSetDisplayAndCustomIdsOfConnectionsAndVpnGateways() {
        Setup s = setup("custom");
        String customId = java.util.UUID.randomUUID().toString();
        JsonObject updated = job("updateVpnConnection", "id", s.connection(), "customid", customId, "fordisplay", "false")
                .getAsJsonObject("vpnconnection");
        assertEquals(customId, updated.get("id").getAsString());
        assertFalse(updated.get("fordisplay").getAsBoolean());
        assertEquals(1, ok("listVpnConnections", "id", customId).get("count").getAsInt());
        assertFalse(job("updateVpnGateway", "id", s.vpnGateway(), "fordisplay", "false").getAsJsonObject("vpngateway")
                .get("fordisplay").getAsBoolean());
        assertEquals(431, admin.call("updateVpnGateway", "id", s.vpnGateway(), "customid", "not-a-uuid").status());
    }

    @Test
    public void connectionLimitIsASettingThatAppliesAtOnce() {
        Setup s = setup("limit");
        ok("updateConfiguration", "name", "site2site.vpn.vpngateway.connection.limit", "value", "1");
        try {
            String second = job("createVpnCustomerGateway", "name", "second", "gateway", "198.51.100.61", "cidrlist", "172.18.0.0/24",
                    "ipsecpsk", "long-enough-key", "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256gcm16-sha256;ecp256")
                    .getAsJsonObject("vpncustomergateway").get("id").getAsString();
            ApiClient.Answer refused = admin.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", second);
            assertEquals(refused.body(), 431, refused.status());
            assertTrue(refused.body(), refused.body().contains("site2site.vpn.vpngateway.connection.limit"));
        } finally {
            ok("updateConfiguration", "name", "site2site.vpn.vpngateway.connection.limit", "value", "4");
        }
    }

    @Test
    public void aPeerThatRefusesNeverShowsConnectedAndSaysWhy() {
        Setup s = setup("refuse", "198.51.100.70");
        simulatedS2s().peer("198.51.100.70", SimulatedS2s.PeerBehaviour.REFUSE_AUTH);
        try {
            String reset = admin.call("resetVpnConnection", "id", s.connection()).inner().get("jobid").getAsString();
            admin.waitForJob(reset);
            JsonObject c = awaitState(s.connection(), "Disconnected");
            assertEquals("authentication failed", c.get("reason").getAsString());
        } finally {
            simulatedS2s().peer("198.51.100.70", SimulatedS2s.PeerBehaviour.ACCEPT);
        }
    }

    @Test
    public void aFlappingTunnelGivesOneAlertPerChangeAndAnEmptyAnswerNone() {
        ok("updateConfiguration", "name", "router.check.interval", "value", "0"); // only this test's sweeps read the router
        Setup s = setup("flap", "198.51.100.71");
        awaitState(s.connection(), "Connected");
        // the close watch after an apply ends at its first read that finds every tunnel Connected; then only the sweeps below read the router
        ApiClient.sleep(9_000);
        String namespace = namespaceOf(s.vpc());
        int before = alertsAbout("flap-gw");
        simulatedS2s().peer("198.51.100.71", SimulatedS2s.PeerBehaviour.FLAP);
        try {
            RouterTimer timer = server.component(RouterTimer.class);
            // the flapping peer answers up, down, up, down: three changes from Connected
            for (int i = 0; i < 4; i++) {
                timer.sweep();
            }
            assertEquals("one alert per change", 3, alertsAbout("flap-gw") - before);
            assertEquals("Disconnected", ok("listVpnConnections", "id", s.connection()).getAsJsonArray("vpnconnection").get(0)
                    .getAsJsonObject().get("state").getAsString());
            simulatedS2s().emptyStatus(namespace, true);
            for (int i = 0; i < 3; i++) {
                timer.sweep();
            }
            assertEquals("an empty answer changes nothing", 3, alertsAbout("flap-gw") - before);
        } finally {
            simulatedS2s().emptyStatus(namespace, false);
            simulatedS2s().peer("198.51.100.71", SimulatedS2s.PeerBehaviour.ACCEPT);
            ok("updateConfiguration", "name", "router.check.interval", "value", "30");
        }
    }

    @Test
    public void usageOfARoutersConnectionsIsWhatTheRouterCountedAndNeverGoesBack() {
        ok("updateConfiguration", "name", "router.check.interval", "value", "0"); // only this test's sweeps read the router
        try {
            Setup s = setup("usage");
            List<String> connections = new ArrayList<>(List.of(s.connection()));
            for (int i = 1; i <= 2; i++) {
                String customer = job("createVpnCustomerGateway", "name", "usage-gw" + i, "gateway", "198.51.100." + (80 + i), "cidrlist",
                        "172.30." + i + ".0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1")
                        .getAsJsonObject("vpncustomergateway").get("id").getAsString();
                connections.add(job("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", customer)
                        .getAsJsonObject("vpnconnection").get("id").getAsString());
            }
            connections.forEach(c -> awaitState(c, "Connected"));
            String namespace = namespaceOf(s.vpc());
            RouterTimer timer = server.component(RouterTimer.class);
            ApiClient.sleep(9_000); // the close watch after the applies ends once all are Connected; then only these sweeps read the router
            for (int phase = 0; phase < 2; phase++) {
                if (phase == 1) {
                    simulatedS2s().forget(namespace); // a charon restart: the sweep applies again, and the SAs count from 0
                }
                timer.sweep();
                Map<String, Long> usedBefore = new HashMap<>();
                Map<String, Long> countedBefore = new HashMap<>();
                JsonObject status = simulatedS2s().status(namespace);
                connections.forEach(c -> {
                    usedBefore.put(c, usage(c).get(101));
                    countedBefore.put(c, routerBytes(status, c, "bytes_out"));
                });
                for (int round = 0; round < 2; round++) {
                    ApiClient.sleep(1_100);
                    timer.sweep();
                    JsonObject counted = simulatedS2s().status(namespace);
                    for (String c : connections) {
                        long used = usage(c).get(101) - usedBefore.get(c);
                        long routerCounted = routerBytes(counted, c, "bytes_out") - countedBefore.get(c);
                        // each read right after its sweep, so within a second of the counters the sweep saw
                        assertTrue("phase " + phase + " round " + round + ": " + c + " used " + used + " more, the router counted "
                                + routerCounted + " more", used > 0 && Math.abs(used - routerCounted) <= 3_000);
                        Map<Integer, Long> both = usage(c);
                        assertEquals("bytes in and out come from one reading: " + both, both.get(101) * 2, both.get(102) * 3);
                    }
                }
            }
        } finally {
            ok("updateConfiguration", "name", "router.check.interval", "value", "30");
        }
    }

    /** The bytes a connection has in listUsageRecords today, by usage type (101 sent, 102 received), from one call. */
    private static Map<Integer, Long> usage(String connection) {
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonObject records = ok("listUsageRecords", "startdate", today, "enddate", today);
        Map<Integer, Long> bytes = new HashMap<>(Map.of(101, 0L, 102, 0L));
        if (records.has("usagerecord")) {
            records.getAsJsonArray("usagerecord").asList().stream().map(JsonElement::getAsJsonObject)
                    .filter(r -> r.get("usageid").getAsString().equals(connection))
                    .forEach(r -> bytes.merge(r.get("usagetype").getAsInt(), r.get("rawusage").getAsLong(), Long::sum));
        }
        return bytes;
    }

    /** A counter the router reports for a connection, summed over its CHILD SAs. */
    private static long routerBytes(JsonObject status, String connection, String counter) {
        long id = idOf(connection);
        return status.getAsJsonArray("connections").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(c -> c.get("name").getAsString().equals("vpn-" + id))
                .flatMap(c -> c.getAsJsonArray("children").asList().stream())
                .mapToLong(child -> child.getAsJsonObject().get(counter).getAsLong()).sum();
    }

    @Test
    public void eachRemoteSubnetSaysWhichChildSaCarriesItAndWhetherItIsUp() {
        ok("updateConfiguration", "name", "router.check.interval", "value", "0"); // only this test's sweeps read the router
        try {
            Setup split = setup("subnets-split", "198.51.100.72", "cidrlist", "192.168.210.0/24,192.168.211.0/24", "splitconnections", "true");
            Setup shared = setup("subnets-shared", "198.51.100.73", "cidrlist", "192.168.212.0/24,192.168.213.0/24");
            String vpnSplit = "vpn-" + idOf(split.connection());
            String vpnShared = "vpn-" + idOf(shared.connection());
            assertEquals(List.of(List.of("192.168.210.0/24", vpnSplit, "Up"), List.of("192.168.211.0/24", vpnSplit + "-2", "Up")),
                    remoteSubnets(awaitState(split.connection(), "Connected")));
            assertEquals("without split connections one CHILD SA carries both subnets",
                    List.of(List.of("192.168.212.0/24", vpnShared, "Up"), List.of("192.168.213.0/24", vpnShared, "Up")),
                    remoteSubnets(awaitState(shared.connection(), "Connected")));
            // a job's answer: the connection is Connecting again, and none of its CHILD SAs is known up yet
            assertEquals(List.of(List.of("192.168.212.0/24", vpnShared, "Down"), List.of("192.168.213.0/24", vpnShared, "Down")),
                    remoteSubnets(job("resetVpnConnection", "id", shared.connection()).getAsJsonObject("vpnconnection")));
            awaitState(shared.connection(), "Connected");

            RouterTimer timer = server.component(RouterTimer.class);
            ApiClient.sleep(9_000); // the close watch after the applies ends once all are Connected; then only these sweeps read the routers
            timer.sweep();
            long listed = listedGeneration();
            timer.sweep();
            timer.sweep();
            assertEquals("sweeps of tunnels that stay as they were write nothing a list shows", listed, listedGeneration());

            for (String peer : List.of("198.51.100.72", "198.51.100.73")) {
                simulatedS2s().peer(peer, SimulatedS2s.PeerBehaviour.FIRST_SUBNET_ONLY);
            }
            timer.sweep();
            JsonObject half = ok("listVpnConnections", "id", split.connection()).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
            assertEquals(List.of("Disconnected", "traffic selectors refused"), List.of(half.get("state").getAsString(), half.get("reason").getAsString()));
            assertEquals(List.of(List.of("192.168.210.0/24", vpnSplit, "Up"), List.of("192.168.211.0/24", vpnSplit + "-2", "Down")),
                    remoteSubnets(half));
            assertEquals("a peer that takes only the first subnet takes the one CHILD SA that carries both", "Connected",
                    ok("listVpnConnections", "id", shared.connection()).getAsJsonArray("vpnconnection").get(0).getAsJsonObject()
                            .get("state").getAsString());

            simulatedS2s().peer("198.51.100.72", SimulatedS2s.PeerBehaviour.ACCEPT);
            timer.sweep();
            assertEquals(List.of(List.of("192.168.210.0/24", vpnSplit, "Up"), List.of("192.168.211.0/24", vpnSplit + "-2", "Up")),
                    remoteSubnets(awaitState(split.connection(), "Connected")));
        } finally {
            for (String peer : List.of("198.51.100.72", "198.51.100.73")) {
                simulatedS2s().peer(peer, SimulatedS2s.PeerBehaviour.ACCEPT);
            }
            ok("updateConfiguration", "name", "router.check.interval", "value", "30");
        }
    }

    @Test
    public void aRouterThatLostOrChangedItsConfigurationGetsItAgainAndAnEventSaysSo() {
        ok("updateConfiguration", "name", "router.check.interval", "value", "0"); // only this test's sweeps read the router
        try {
            Setup s = setup("drift", "198.51.100.74");
            awaitState(s.connection(), "Connected");
            String namespace = namespaceOf(s.vpc());
            String router = ok("listRouters", "vpcid", s.vpc()).getAsJsonArray("router").get(0).getAsJsonObject().get("name").getAsString();
            String desired = simulatedS2s().appliedHash(namespace);
            RouterTimer timer = server.component(RouterTimer.class);
            int before = driftEvents(router).size();
            timer.sweep();
            timer.sweep();
            assertEquals("nothing drifted, no event", before, driftEvents(router).size());

            simulatedS2s().forget(namespace); // a charon restart
            SimulatedRouterChannel channel = server.component(SimulatedRouterChannel.class);
            channel.inject(namespace, SimulatedRouterChannel.Fault.failing("s2s-apply"));
            try {
                timer.sweep();
                timer.sweep();
                assertEquals("one event while the router refuses the configuration, not one per check", before + 1, driftEvents(router).size());
                assertNull(simulatedS2s().appliedHash(namespace));
            } finally {
                channel.clear(namespace);
            }
            timer.sweep();
            List<JsonObject> events = driftEvents(router);
            assertEquals(before + 1, events.size());
            String lost = events.get(0).get("description").getAsString();
            assertTrue(lost, lost.contains("router " + router + " is none, not the database's " + desired + " (the router has none"));
            assertEquals("WARN", events.get(0).get("level").getAsString());
            assertEquals(desired, simulatedS2s().appliedHash(namespace));
            awaitState(s.connection(), "Connected");

            simulatedS2s().alter(namespace); // a hand edit: the router runs a configuration without the connection
            assertTrue(simulatedS2s().appliedConnections(namespace).isEmpty());
            timer.sweep();
            events = driftEvents(router);
            assertEquals(before + 2, events.size());
            String changed = events.get(0).get("description").getAsString();
            assertTrue(changed, changed.contains("router " + router + " is " + "0".repeat(64) + ", not the database's " + desired
                    + " (the router runs another"));
            assertEquals(desired, simulatedS2s().appliedHash(namespace));
            assertEquals(1, simulatedS2s().appliedConnections(namespace).size());
            awaitState(s.connection(), "Connected");

            timer.sweep();
            timer.sweep();
            assertEquals("repaired, nothing drifts any more", before + 2, driftEvents(router).size());
        } finally {
            ok("updateConfiguration", "name", "router.check.interval", "value", "30");
        }
    }

    /** The VPN.S2S.CONFIG.DRIFT events that name a router, newest first, as listEvents gives them. */
    private static List<JsonObject> driftEvents(String router) {
        JsonObject events = ok("listEvents", "type", "VPN.S2S.CONFIG.DRIFT", "listall", "true");
        if (!events.has("event")) {
            return List.of();
        }
        return events.getAsJsonArray("event").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(e -> e.get("description").getAsString().contains("router " + router + " "))
                .toList();
    }

    /** A listed connection's remote subnets as [cidr, childsa, state]. */
    private static List<List<String>> remoteSubnets(JsonObject connection) {
        return connection.getAsJsonArray("remotesubnets").asList().stream().map(JsonElement::getAsJsonObject)
                .map(r -> List.of(r.get("cidr").getAsString(), r.get("childsa").getAsString(), r.get("state").getAsString())).toList();
    }

    /** The count that every write of what a listed connection shows increments. */
    private static long listedGeneration() {
        return server.component(JdbcClient.class).sql("SELECT generation FROM s2s_generation WHERE name = 's2s_vpn_connection_listed'")
                .query(Long.class).single();
    }

    private static long idOf(String connection) {
        return server.component(JdbcClient.class).sql("SELECT id FROM s2s_vpn_connection WHERE uuid = ?").param(connection)
                .query(Long.class).single();
    }

    @Test
    public void aRebootedRouterGetsItsTunnelsBackWithoutAnyApiCallOnThem() {
        Setup s = setup("reboot");
        awaitState(s.connection(), "Connected");
        JsonObject router = ok("listRouters", "vpcid", s.vpc()).getAsJsonArray("router").get(0).getAsJsonObject();
        String namespace = "r-" + router.get("name").getAsString().split("-")[1];
        job("rebootRouter", "id", router.get("id").getAsString());
        assertEquals("the router was given its whole S2S configuration again", 1, simulatedS2s().appliedConnections(namespace).size());
        awaitState(s.connection(), "Connected");
    }

    @Test
    public void aDeletedVpcTakesItsVpnGatewayAndConnectionsAlongButKeepsTheCustomerGateway() {
        Setup s = setup("gone");
        String tier = ok("listNetworks", "vpcid", s.vpc()).getAsJsonArray("network").get(0).getAsJsonObject().get("id").getAsString();
        job("deleteNetwork", "id", tier);
        job("deleteVPC", "id", s.vpc());
        assertFalse(ok("listVpnConnections").toString().contains(s.connection()));
        assertFalse(ok("listVpnGateways").toString().contains(s.vpnGateway()));
        assertTrue(ok("listVpnCustomerGateways").toString().contains(s.customer()));
    }

    @Test
    public void customerGatewaysAndVpnGatewaysOfDifferentAccountsCannotBeJoined() throws Exception {
        Setup s = setup("owned");
        ApiClient other = server.newAccount(ApiWireTest.unique("other"), 0, null);
        ApiClient.Answer created = other.call("createVpnCustomerGateway", "gateway", "198.51.100.90", "cidrlist", "172.19.0.0/24",
                "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1");
        String theirs = other.waitForJob(created.inner().get("jobid").getAsString()).getAsJsonObject("jobresult")
                .getAsJsonObject("vpncustomergateway").get("id").getAsString();
        assertEquals("VPN-198.51.100.90", other.call("listVpnCustomerGateways").inner().getAsJsonArray("vpncustomergateway").get(0)
                .getAsJsonObject().get("name").getAsString());
        ApiClient.Answer joined = admin.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", theirs);
        assertEquals(joined.body(), 431, joined.status());
        assertTrue(joined.body(), joined.body().contains("same account"));
        assertEquals(531, other.call("createVpnConnection", "s2svpngatewayid", s.vpnGateway(), "s2scustomergatewayid", theirs).status());
        assertFalse(other.call("listVpnConnections").body().contains(s.connection()));
    }

    @Test
    public void customerGatewayUpdateRechecksOverlapsAndReappliesItsConnections() {
        Setup s = setup("update");
        awaitState(s.connection(), "Connected");
        ApiClient.Answer overlapping = admin.call("updateVpnCustomerGateway", "id", s.customer(), "gateway", "198.51.100.100",
                "cidrlist", s.cidrPrefix() + ".9.0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes128-sha1;modp1536",
                "esppolicy", "aes128-sha1");
        assertEquals(overlapping.body(), 431, overlapping.status());
        assertTrue(overlapping.body(), overlapping.body().contains("overlaps the CIDR"));
        JsonObject updated = job("updateVpnCustomerGateway", "id", s.customer(), "name", "update-gw", "gateway", "198.51.100.100",
                "cidrlist", "192.168.250.0/24", "ipsecpsk", "another-long-key", "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1")
                .getAsJsonObject("vpncustomergateway");
        assertEquals(86400, updated.get("ikelifetime").getAsLong());
        JsonObject connection = awaitState(s.connection(), "Connected");
        assertEquals("192.168.250.0/24", connection.get("cidrlist").getAsString());
    }

    /** A VPC with a VPN gateway, a customer gateway and a connection between them. */
    private record Setup(String vpc, String cidrPrefix, String vpnGateway, String customer, String connection) {
    }

    private static Setup setup(String name) {
        return setup(name, "198.51.100." + (100 + (cidrs % 100)));
    }

    /** A setup whose customer gateway has these values instead of the defaults (cidrlist, splitconnections, ...). */
    private static synchronized Setup setup(String name, String peer, String... customerGateway) {
        int n = ++cidrs;
        String prefix = "10." + (100 + n);
        String vpc = job("createVPC", "name", name, "cidr", prefix + ".0.0/16", "vpcofferingid", vpcOffering, "zoneid", zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        // the router check watches routers that serve at least one tier
        ok("createNetwork", "name", name + "-tier", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpc, "gateway",
                prefix + ".1.1", "netmask", "255.255.255.0");
        String customer = job("createVpnCustomerGateway", with(new String[] {"name", name + "-gw", "gateway", peer, "cidrlist",
                "192.168." + n + ".0/24", "ipsecpsk", "long-enough-key", "ikepolicy", "aes256-sha256;modp2048", "esppolicy",
                "aes256-sha256;modp2048"}, customerGateway)).getAsJsonObject("vpncustomergateway").get("id").getAsString();
        String vpnGateway = job("createVpnGateway", "vpcid", vpc).getAsJsonObject("vpngateway").get("id").getAsString();
        String connection = job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                .getAsJsonObject("vpnconnection").get("id").getAsString();
        return new Setup(vpc, prefix, vpnGateway, customer, connection);
    }

    /** The network namespace of a VPC's router, as the simulator knows it. */
    private static String namespaceOf(String vpc) {
        return "r-" + ok("listRouters", "vpcid", vpc).getAsJsonArray("router").get(0).getAsJsonObject().get("name").getAsString().split("-")[1];
    }

    private static SimulatedS2s simulatedS2s() {
        return server.component(SimulatedS2s.class);
    }

    private static String appliedOf(Setup s) {
        String namespace = namespaceOf(s.vpc());
        return simulatedS2s().appliedConnections(namespace).toString();
    }

    private static int alertsAbout(String gateway) {
        JsonObject alerts = ok("listAlerts");
        if (!alerts.has("alert")) {
            return 0;
        }
        return (int) alerts.getAsJsonArray("alert").asList().stream()
                .filter(a -> a.getAsJsonObject().get("description").getAsString().contains("to " + gateway + " just switched"))
                .count();
    }

    private static JsonObject awaitState(String connection, String state) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonObject c = null;
        while (Instant.now().isBefore(deadline)) {
            c = ok("listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
            if (c.get("state").getAsString().equals(state)) {
                return c;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("connection " + connection + " is not " + state + " within 15 s: " + c);
    }

    private static void refused(String named, String... params) {
        ApiClient.Answer answer = admin.call("createVpnCustomerGateway", params);
        assertEquals(answer.body(), 431, answer.status());
        assertTrue(answer.body() + " should name " + named, answer.inner().get("errortext").getAsString().contains(named));
    }

    private static String[] with(String[] base, String... overrides) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < base.length; i += 2) {
            params.put(base[i], base[i + 1]);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            params.put(overrides[i], overrides[i + 1]);
        }
        return params.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    private static void assertTypes(JsonObject object, Map<String, String> types) {
        types.forEach((field, type) -> {
            JsonElement value = object.get(field);
            assertNotNull(field + " is missing from " + object, value);
            JsonPrimitive p = value.getAsJsonPrimitive();
            boolean matches = switch (type) {
                case "string" -> p.isString();
                case "number" -> p.isNumber();
                default -> p.isBoolean();
            };
            assertTrue(field + " should be a JSON " + type + " in " + object, matches);
        });
    }

    private static JsonObject ok(String command, String... params) {
        ApiClient.Answer answer = admin.call(command, params);
        assertEquals(answer.body(), 200, answer.status());
        return answer.inner();
    }

    private static JsonObject job(String command, String... params) {
        JsonObject job = admin.waitForJob(ok(command, params).get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        return job.getAsJsonObject("jobresult");
    }

    private static JsonObject cliOk(String... args) throws Exception {
        return cliOk(new String[0], args);
    }

    private static JsonObject cliOk(String[] flags, String... args) throws Exception {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(flags), java.util.Arrays.stream(args)).toArray(String[]::new);
        CsCli.Run run = cli.run(all);
        assertEquals(run.toString(), 0, run.exitCode());
        return run.json();
    }
}
