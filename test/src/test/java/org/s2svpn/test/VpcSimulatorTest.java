package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.server.router.SimulatedRouterChannel;

/** VPCs, tiers and routers through Debian's `cloudstack` CLI, on simulated routers (no network node in the zone). */
public class VpcSimulatorTest {
    private static TestServer server;
    private static CsCli cli;
    private static String zone;
    private static String vpcOffering;
    private static String tierOffering;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        cli = CsCli.admin(server);
        zone = first(ok("listZones"), "zone").get("id").getAsString();
        ok("createVlanIpRange", "zoneid=" + zone, "gateway=203.0.113.1", "netmask=255.255.255.0", "startip=203.0.113.10",
                "endip=203.0.113.40");
        vpcOffering = first(ok("listVPCOfferings", "isdefault=true"), "vpcoffering").get("id").getAsString();
        tierOffering = first(ok("listNetworkOfferings", "forvpc=true"), "networkoffering").get("id").getAsString();
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Test
    public void vpcWithTwoTiersRunsARouterWithItsSourceNatIpThenRestartsAndGoes() throws Exception {
        JsonObject vpc = ok("createVPC", "name=vpc-a", "displaytext=VPC A", "cidr=10.10.0.0/16", "vpcofferingid=" + vpcOffering,
                "zoneid=" + zone).getAsJsonObject("vpc");
        String vpcId = vpc.get("id").getAsString();
        assertEquals("Enabled", vpc.get("state").getAsString());
        assertEquals("10.10.0.0/16", vpc.get("cidr").getAsString());
        String publicIp = vpc.get("publicip").getAsString();
        String tier1 = tier(vpcId, "tier1", "10.10.1.1", "255.255.255.0").get("id").getAsString();
        String tier2 = tier(vpcId, "tier2", "10.10.2.1", "255.255.255.0").get("id").getAsString();

        JsonObject router = first(ok("listRouters", "vpcid=" + vpcId), "router");
        assertEquals("Running", router.get("state").getAsString());
        assertEquals(publicIp, router.get("publicip").getAsString());
        assertTrue(router.get("simulated").getAsBoolean());
        assertEquals(List.of(publicIp, "10.10.1.1", "10.10.2.1"), nicAddresses(router));
        JsonObject ip = first(ok("listPublicIpAddresses", "vpcid=" + vpcId), "publicipaddress");
        assertEquals(publicIp, ip.get("ipaddress").getAsString());
        assertTrue(ip.get("issourcenat").getAsBoolean());
        assertEquals(2, ok("listNetworks", "vpcid=" + vpcId).get("count").getAsInt());
        String namespace = "r-" + router.get("name").getAsString().split("-")[1];
        assertEquals(3, simulator().running(namespace).map(s -> 1 + s.tiers().size()).orElse(0).intValue());

        assertTrue(ok("restartVPC", "id=" + vpcId).get("success").getAsBoolean());
        assertTrue(ok("restartVPC", "id=" + vpcId, "cleanup=true").get("success").getAsBoolean());
        assertEquals("Running", first(ok("listRouters", "vpcid=" + vpcId), "router").get("state").getAsString());

        assertEquals(431, fails("deleteVPC", "id=" + vpcId).get("errorcode").getAsInt());
        assertTrue(ok("deleteNetwork", "id=" + tier1).get("success").getAsBoolean());
        assertTrue(ok("deleteNetwork", "id=" + tier2).get("success").getAsBoolean());
        assertEquals(List.of(publicIp), nicAddresses(first(ok("listRouters", "vpcid=" + vpcId), "router")));
        assertTrue(ok("deleteVPC", "id=" + vpcId).get("success").getAsBoolean());
        // as in CloudStack, a removed id no longer names anything; go-cloudstack reads this text as "not found"
        assertTrue(fails("listVPCs", "id=" + vpcId).get("errortext").getAsString().contains("entity does not exist"));
        assertFalse(server.admin().call("listRouters").body().contains(vpcId));
        assertTrue(simulator().running(namespace).isEmpty());
        assertFalse("the source-NAT address is free again", ok("listPublicIpAddresses", "ipaddress=" + publicIp).has("publicipaddress"));
    }

    @Test
    public void badInputIs431NamingTheParameterAndChangesNothing() throws Exception {
        String vpcId = ok("createVPC", "name=vpc-b", "cidr=10.20.0.0/16", "vpcofferingid=" + vpcOffering, "zoneid=" + zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        tier(vpcId, "web", "10.20.1.1", "255.255.255.0");
        int vpcs = ok("listVPCs").get("count").getAsInt();
        int tiers = ok("listNetworks").get("count").getAsInt();
        int ips = ok("listPublicIpAddresses").get("count").getAsInt();

        assertRefused("cidr", "createVPC", "name=x", "cidr=10.0.0.0/33", "vpcofferingid=" + vpcOffering, "zoneid=" + zone);
        assertRefused("cidr", "createVPC", "name=x", "cidr=10.0.0.0", "vpcofferingid=" + vpcOffering, "zoneid=" + zone);
        assertRefused("cidr", "createVPC", "name=x", "cidr=10.0.0.0 /16", "vpcofferingid=" + vpcOffering, "zoneid=" + zone);
        assertRefused("vpcofferingid", "createVPC", "name=x", "cidr=10.30.0.0/16", "vpcofferingid=6f0c9d1e-0000-4000-8000-000000000000",
                "zoneid=" + zone);
        assertRefused("zoneid", "createVPC", "name=x", "cidr=10.30.0.0/16", "vpcofferingid=" + vpcOffering, "zoneid=nope");
        assertRefused("gateway", "createNetwork", "name=t", "networkofferingid=" + tierOffering, "zoneid=" + zone, "vpcid=" + vpcId,
                "gateway=10.99.1.1", "netmask=255.255.255.0");
        assertRefused("overlaps network web", "createNetwork", "name=t", "networkofferingid=" + tierOffering, "zoneid=" + zone,
                "vpcid=" + vpcId, "gateway=10.20.1.129", "netmask=255.255.255.128");
        assertRefused("netmask", "createNetwork", "name=t", "networkofferingid=" + tierOffering, "zoneid=" + zone, "vpcid=" + vpcId,
                "gateway=10.20.2.1", "netmask=255.0.255.0");
        assertRefused("gateway", "createNetwork", "name=t", "networkofferingid=" + tierOffering, "zoneid=" + zone, "vpcid=" + vpcId,
                "gateway=10.20.2.300", "netmask=255.255.255.0");
        assertRefused("networkofferingid", "createNetwork", "name=t", "networkofferingid=6f0c9d1e-0000-4000-8000-000000000000",
                "zoneid=" + zone, "vpcid=" + vpcId, "gateway=10.20.2.1", "netmask=255.255.255.0");
        assertRefused("startip", "createVlanIpRange", "zoneid=" + zone, "gateway=198.51.100.1", "netmask=255.255.255.0",
                "startip=198.51.101.5", "endip=198.51.100.9");

        assertEquals(vpcs, ok("listVPCs").get("count").getAsInt());
        assertEquals(tiers, ok("listNetworks").get("count").getAsInt());
        assertEquals(ips, ok("listPublicIpAddresses").get("count").getAsInt());
        assertEquals(1, first(ok("listRouters", "vpcid=" + vpcId), "router").getAsJsonArray("nic").size() - 1);
    }

    @Test
    public void exhaustedPublicRangesAreReportedAsSuch() throws Exception {
        try (TestServer small = TestServer.start("h2")) {
            CsCli smallCli = CsCli.admin(small);
            String smallZone = first(smallCli.run("listZones").json(), "zone").get("id").getAsString();
            String offering = first(smallCli.run("listVPCOfferings").json(), "vpcoffering").get("id").getAsString();
            assertEquals(0, smallCli.run("createVlanIpRange", "zoneid=" + smallZone, "gateway=203.0.113.1", "netmask=255.255.255.0",
                    "startip=203.0.113.50").exitCode());
            assertEquals(0, smallCli.run("createVPC", "name=one", "cidr=10.1.0.0/16", "vpcofferingid=" + offering,
                    "zoneid=" + smallZone).exitCode());
            CsCli.Run second = smallCli.run("createVPC", "name=two", "cidr=10.2.0.0/16", "vpcofferingid=" + offering, "zoneid=" + smallZone);
            assertEquals(second.toString(), 1, second.exitCode());
            JsonObject error = second.json().getAsJsonObject("createvpcresponse");
            assertEquals(533, error.get("errorcode").getAsInt());
            assertTrue(error.toString(), error.get("errortext").getAsString().contains("no free public IP address"));
            assertEquals(1, smallCli.run("listVPCs").json().get("count").getAsInt());
        }
    }

    @Test
    public void routerThatCannotBeReachedFailsTheStartAndStartsOnceBack() throws Exception {
        String vpcId = ok("createVPC", "name=vpc-c", "cidr=10.40.0.0/16", "vpcofferingid=" + vpcOffering, "zoneid=" + zone, "start=false")
                .getAsJsonObject("vpc").get("id").getAsString();
        JsonObject router = first(ok("listRouters", "vpcid=" + vpcId), "router");
        assertEquals("Stopped", router.get("state").getAsString());
        String namespace = "r-" + router.get("name").getAsString().split("-")[1];
        simulator().inject(namespace, SimulatedRouterChannel.Fault.unreachableRouter());
        try {
            CsCli.Run failed = cli.run("startRouter", "id=" + router.get("id").getAsString());
            assertEquals(failed.toString(), 1, failed.exitCode());
            assertTrue(failed.stdout(), failed.stdout().contains("534") && failed.stdout().contains("unreachable"));
            JsonObject stopped = first(ok("listRouters", "vpcid=" + vpcId), "router");
            assertEquals("Stopped", stopped.get("state").getAsString());
            assertTrue(stopped.get("lasterror").getAsString().contains("unreachable"));
        } finally {
            simulator().clear(namespace);
        }
        assertEquals("Running", ok("startRouter", "id=" + router.get("id").getAsString()).getAsJsonObject("router").get("state").getAsString());
    }

    @Test
    public void routerTimerRebuildsARouterItsNodeLost() throws Exception {
        String vpcId = ok("createVPC", "name=vpc-d", "cidr=10.50.0.0/16", "vpcofferingid=" + vpcOffering, "zoneid=" + zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        tier(vpcId, "app", "10.50.1.1", "255.255.255.0");
        DomainRouterVO router = server.component(RouterDao.class).search(null, null, null, "Running", null).stream()
                .filter(r -> r.vpcId() == server.component(org.s2svpn.schema.dao.VpcDao.class).search(null, null, "vpc-d", null, null)
                        .get(0).id())
                .findFirst().orElseThrow();
        simulator().send(router, org.s2svpn.server.router.RouterCommand.of("destroy", null)); // the node loses it
        assertTrue(simulator().running(router.namespace()).isEmpty());

        server.component(RouterTimer.class).sweep();

        assertNotNull(simulator().running(router.namespace()).orElse(null));
        assertEquals("Running", first(ok("listRouters", "vpcid=" + vpcId), "router").get("state").getAsString());
        JsonObject alerts = ok("listAlerts");
        assertTrue(alerts.toString(), alerts.toString().contains("Router " + router.name() + " was lost by its network node"));
    }

    private static JsonObject tier(String vpcId, String name, String gateway, String netmask) throws Exception {
        return ok("createNetwork", "name=" + name, "displaytext=" + name, "networkofferingid=" + tierOffering, "zoneid=" + zone,
                "vpcid=" + vpcId, "gateway=" + gateway, "netmask=" + netmask).getAsJsonObject("network");
    }

    private static SimulatedRouterChannel simulator() {
        return server.component(SimulatedRouterChannel.class);
    }

    private static JsonObject ok(String... args) throws Exception {
        CsCli.Run run = cli.run(args);
        assertEquals(run.toString(), 0, run.exitCode());
        return run.json();
    }

    private static JsonObject fails(String... args) throws Exception {
        CsCli.Run run = cli.run(args);
        assertEquals(run.toString(), 1, run.exitCode());
        return run.json().entrySet().iterator().next().getValue().getAsJsonObject();
    }

    private static void assertRefused(String named, String... args) throws Exception {
        JsonObject error = fails(args);
        assertEquals(error.toString(), 431, error.get("errorcode").getAsInt());
        assertTrue(error + " should name " + named, error.get("errortext").getAsString().contains(named));
    }

    private static JsonObject first(JsonObject list, String key) {
        JsonArray items = list.getAsJsonArray(key);
        assertNotNull(list + " has no " + key, items);
        return items.get(0).getAsJsonObject();
    }

    private static List<String> nicAddresses(JsonObject router) {
        return router.getAsJsonArray("nic").asList().stream().map(n -> n.getAsJsonObject().get("ipaddress").getAsString()).toList();
    }
}
