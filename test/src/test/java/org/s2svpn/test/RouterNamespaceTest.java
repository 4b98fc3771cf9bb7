package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.server.host.LocalSshd;
import org.s2svpn.server.host.ManagementServerKeyPair;
import org.s2svpn.server.net.Cidr;

/**
 * VPC routers that really route: this machine registered as a network node over SSH (a real sshd on a loopback port
 * with a key of its own), a VPC with two tiers whose router is a network namespace, "VMs" on the tier bridges.
 */
public class RouterNamespaceTest {
    private TestServer server;
    private LocalSshd sshd;
    private TestNetwork net;
    private ApiClient admin;
    private String zone;
    private String routerNamespace;

    @Before
    public void registerThisMachineAsANode() throws Exception {
        server = TestServer.start("h2");
        admin = server.admin();
        net = new TestNetwork();
        sshd = LocalSshd.start(server.component(ManagementServerKeyPair.class).publicKeyLine());
        zone = admin.call("listZones").inner().getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
    }

    @After
    public void cleanUp() throws Exception {
        try {
            if (routerNamespace != null && TestNetwork.namespaceExists(routerNamespace)) {
                Shell.run("/opt/s2svpn/bin/s2svpn-router", "destroy", routerNamespace);
            }
            net.cleanUp();
        } finally {
            sshd.close();
            server.close();
        }
    }

    @Test
    public void routerNamespaceRoutesBetweenTiersSurvivesARebootAndLeavesNothingBehind() throws Exception {
        Cidr publicRange = TestNetwork.freeRange("198.51.100.0/24", "203.0.113.0/24");
        Cidr vpcCidr = TestNetwork.freeRange("10.251.0.0/16", "10.252.0.0/16", "172.30.0.0/16");
        String prefix = vpcCidr.toString().substring(0, vpcCidr.toString().indexOf(".0.0/"));
        String publicBridge = net.bridge("s2sp");
        ok("updateConfiguration", "name", "network.public.bridge", "value", publicBridge);

        JsonObject host = ok("addHost", "zoneid", zone, "url", "ssh://127.0.0.1:" + sshd.port(), "username", "root")
                .getAsJsonArray("host").get(0).getAsJsonObject();
        assertEquals("Up", host.get("state").getAsString());
        String gateway = publicRange.network().plus(1).toString();
        ok("createVlanIpRange", "zoneid", zone, "gateway", gateway, "netmask", publicRange.netmask(), "startip",
                publicRange.network().plus(10).toString(), "endip", publicRange.network().plus(20).toString());

        String offering = ok("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
        String tierOffering = ok("listNetworkOfferings").getAsJsonArray("networkoffering").get(0).getAsJsonObject().get("id").getAsString();
        JsonObject vpc = job(admin.call("createVPC", "name", "ns-vpc", "cidr", vpcCidr.toString(), "vpcofferingid", offering, "zoneid", zone))
                .getAsJsonObject("vpc");
        String vpcId = vpc.get("id").getAsString();
        String publicIp = vpc.get("publicip").getAsString();
        JsonObject tier1 = tier(vpcId, tierOffering, "tier1", prefix + ".1.1");
        JsonObject tier2 = tier(vpcId, tierOffering, "tier2", prefix + ".2.1");

        JsonObject router = ok("listRouters", "vpcid", vpcId).getAsJsonArray("router").get(0).getAsJsonObject();
        assertEquals("Running", router.get("state").getAsString());
        assertEquals(host.get("id").getAsString(), router.get("hostid").getAsString());
        assertFalse(router.get("simulated").getAsBoolean());
        routerNamespace = "r-" + router.get("name").getAsString().split("-")[1];
        assertTrue(TestNetwork.namespaceExists(routerNamespace));
        assertTrue("the router runs its own charon", TestNetwork.charonRunsFor(routerNamespace));
        String addresses = Shell.must("ip", "-n", routerNamespace, "-4", "-o", "addr");
        for (String expected : List.of(publicIp + "/" + publicRange.prefix(), prefix + ".1.1/24", prefix + ".2.1/24")) {
            assertTrue(addresses, addresses.contains(" " + expected + " "));
        }

        String vm1 = net.vm("vma", bridgeOf(tier1), prefix + ".1.10/24", prefix + ".1.1");
        String vm2 = net.vm("vmb", bridgeOf(tier2), prefix + ".2.10/24", prefix + ".2.1");
        assertTrue("VM1 pings its gateway", TestNetwork.pings(vm1, prefix + ".1.1"));
        assertTrue("VM1 pings VM2 through the router", TestNetwork.pings(vm1, prefix + ".2.10"));
        assertTrue("VM2 pings VM1 through the router", TestNetwork.pings(vm2, prefix + ".1.10"));

        JsonObject rebooted = job(admin.call("rebootRouter", "id", router.get("id").getAsString())).getAsJsonObject("router");
        assertEquals("Running", rebooted.get("state").getAsString());
        assertTrue("after the reboot VM1 pings VM2", TestNetwork.pings(vm1, prefix + ".2.10"));
        assertTrue("after the reboot VM2 pings its gateway", TestNetwork.pings(vm2, prefix + ".2.1"));

        job(admin.call("deleteNetwork", "id", tier1.get("id").getAsString()));
        job(admin.call("deleteNetwork", "id", tier2.get("id").getAsString()));
        assertFalse("a deleted tier's bridge is gone", TestNetwork.linkExists(bridgeOf(tier1)));
        job(admin.call("deleteVPC", "id", vpcId));
        assertFalse("no router namespace", TestNetwork.namespaceExists(routerNamespace));
        assertFalse("no tier bridge", TestNetwork.linkExists(bridgeOf(tier2)));
        assertFalse("no charon of the router", TestNetwork.charonRunsFor(routerNamespace));
        assertFalse("no veth of the router", Shell.must("ip", "-o", "link").contains("s2svpn:" + routerNamespace + ":"));
        assertTrue("the zone's public bridge stays", TestNetwork.linkExists(publicBridge));
    }

    @Test
    public void unreachableNodeFailsWithinTheTimeoutAndIsNotStored() {
        int hostsBefore = admin.call("listHosts").inner().has("count") ? admin.call("listHosts").inner().get("count").getAsInt() : 0;
        long start = System.nanoTime();
        int closedPort;
        try {
            closedPort = LocalSshd.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ApiClient.Answer answer = admin.call("addHost", "zoneid", zone, "url", "ssh://127.0.0.1:" + closedPort, "username", "root");
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertEquals(answer.body(), 534, answer.status());
        assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("unreachable"));
        assertTrue("failed after " + seconds + " s", seconds <= 12);
        int hostsAfter = admin.call("listHosts").inner().has("count") ? admin.call("listHosts").inner().get("count").getAsInt() : 0;
        assertEquals(hostsBefore, hostsAfter);
    }

    private JsonObject tier(String vpcId, String offering, String name, String gateway) {
        return ok("createNetwork", "name", name, "networkofferingid", offering, "zoneid", zone, "vpcid", vpcId, "gateway", gateway,
                "netmask", "255.255.255.0").getAsJsonObject("network");
    }

    private static String bridgeOf(JsonObject tier) {
        return tier.get("broadcasturi").getAsString().replace("bridge://", "");
    }

    private JsonObject ok(String command, String... params) {
        ApiClient.Answer answer = admin.call(command, params);
        assertEquals(answer.body(), 200, answer.status());
        return answer.inner();
    }

    private JsonObject job(ApiClient.Answer submitted) {
        assertEquals(submitted.body(), 200, submitted.status());
        JsonObject job = admin.waitForJob(submitted.inner().get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        return job.getAsJsonObject("jobresult");
    }
}
