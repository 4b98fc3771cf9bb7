package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.router.RouterTimer;

/**
 * Site-to-site VPN on real routers: two VPCs on this machine (network namespaces over SSH, each with its own
 * strongSwan), joined by a connection pair through the API alone, one side passive; traffic crosses the tunnel.
 */
public class S2sRealRouterTest {

    @Test
    public void twoVpcsJoinedByAConnectionPairPassTrafficAndCountBytes() throws Exception {
        try (TestNode node = new TestNode()) {
            Cidr a = TestNetwork.freeRange("10.241.0.0/16", "10.243.0.0/16");
            Cidr b = TestNetwork.freeRange("10.242.0.0/16", "10.244.0.0/16");
            String pa = prefix(a);
            String pb = prefix(b);
            String offering = node.ok("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
            String tierOffering = node.ok("listNetworkOfferings").getAsJsonArray("networkoffering").get(0).getAsJsonObject().get("id")
                    .getAsString();
            JsonObject vpcA = node.job("createVPC", "name", "site-a", "cidr", a.toString(), "vpcofferingid", offering, "zoneid", node.zone)
                    .getAsJsonObject("vpc");
            JsonObject vpcB = node.job("createVPC", "name", "site-b", "cidr", b.toString(), "vpcofferingid", offering, "zoneid", node.zone)
                    .getAsJsonObject("vpc");
            JsonObject tierA = node.ok("createNetwork", "name", "a1", "networkofferingid", tierOffering, "zoneid", node.zone, "vpcid",
                    vpcA.get("id").getAsString(), "gateway", pa + ".1.1", "netmask", "255.255.255.0").getAsJsonObject("network");
            JsonObject tierB = node.ok("createNetwork", "name", "b1", "networkofferingid", tierOffering, "zoneid", node.zone, "vpcid",
                    vpcB.get("id").getAsString(), "gateway", pb + ".1.1", "netmask", "255.255.255.0").getAsJsonObject("network");

            String toB = customerGateway(node, "to-b", vpcB.get("publicip").getAsString(), b);
            String toA = customerGateway(node, "to-a", vpcA.get("publicip").getAsString(), a);
            String gatewayA = node.job("createVpnGateway", "vpcid", vpcA.get("id").getAsString()).getAsJsonObject("vpngateway").get("id")
                    .getAsString();
            String gatewayB = node.job("createVpnGateway", "vpcid", vpcB.get("id").getAsString()).getAsJsonObject("vpngateway").get("id")
                    .getAsString();
            JsonObject passive = node.job("createVpnConnection", "s2svpngatewayid", gatewayB, "s2scustomergatewayid", toA, "passive", "true")
                    .getAsJsonObject("vpnconnection");
            assertEquals("a passive connection waits for its peer", "Disconnected", passive.get("state").getAsString());
            Instant submitted = Instant.now();
            JsonObject active = node.job("createVpnConnection", "s2svpngatewayid", gatewayA, "s2scustomergatewayid", toB)
                    .getAsJsonObject("vpnconnection");

            awaitConnected(node, active.get("id").getAsString());
            awaitConnected(node, passive.get("id").getAsString());
            System.out.printf("createVpnConnection to Connected on real routers: %d ms%n",
                    java.time.Duration.between(submitted, Instant.now()).toMillis());

            String vmA = node.net.vm("vma", bridge(tierA), pa + ".1.10/24", pa + ".1.1");
            node.net.vm("vmb", bridge(tierB), pb + ".1.10/24", pb + ".1.1");
            assertTrue("VM A reaches VM B through the tunnel", TestNetwork.pings(vmA, pb + ".1.10"));

            node.server.component(RouterTimer.class).sweep();
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            JsonObject usage = node.ok("listUsageRecords", "startdate", today, "enddate", today, "type", "101");
            assertTrue("bytes sent through the tunnel are counted: " + usage, usage.has("usagerecord"));

            node.job("deleteVpnConnection", "id", active.get("id").getAsString());
            String status = Shell.must("/opt/s2svpn/bin/s2svpn-router", "s2s-status", node.routerNamespace(vpcA.get("id").getAsString()));
            assertTrue("the deleted connection is gone from router A: " + status, status.contains("\"connections\": []")
                    || status.contains("\"connections\":[]"));
        }
    }

    private static String customerGateway(TestNode node, String name, String peer, Cidr subnets) {
        return node.job("createVpnCustomerGateway", "name", name, "gateway", peer, "cidrlist", subnets.toString(), "ipsecpsk",
                "shared secret of both sites", "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256;modp2048", "dpd", "true")
                .getAsJsonObject("vpncustomergateway").get("id").getAsString();
    }

    private static void awaitConnected(TestNode node, String connection) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonObject c = null;
        while (Instant.now().isBefore(deadline)) {
            c = node.ok("listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
            if (c.get("state").getAsString().equals("Connected")) {
                return;
            }
            ApiClient.sleep(200);
        }
        throw new AssertionError("not Connected within 30 s: " + c);
    }

    private static String bridge(JsonObject tier) {
        return tier.get("broadcasturi").getAsString().replace("bridge://", "");
    }

    private static String prefix(Cidr cidr) {
        String s = cidr.network().toString();
        return s.substring(0, s.lastIndexOf(".0.0"));
    }
}
