package org.s2svpn.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many VPCs on simulated routers, each with a tier, a VPN gateway and its connections to customer gateways of its
 * own, made through the API by several clients at once: the population of the scale benchmarks. Router i has the
 * VPC 10.a.b.0/24 and its connection j goes to the peer 198.18.x.y (unique per connection) with the subnet
 * 192.168.j.0/24 (peers of different routers may share subnets, as they do in real life).
 */
record S2sFleet(List<String> vpcs, List<String> connections) {

    /** Builds routers × perRouter connections with that many clients in parallel; prints how long it took. */
    static S2sFleet build(ApiClient admin, int routers, int perRouter, int clients) throws Exception {
        if (routers > 60_000 || perRouter > 250) {
            throw new IllegalArgumentException("the address plan holds 60,000 routers of up to 250 connections");
        }
        long start = System.nanoTime();
        String zone = firstId(admin.ok("listZones"), "zone");
        String vpcOffering = firstId(admin.ok("listVPCOfferings"), "vpcoffering");
        String tierOffering = firstId(admin.ok("listNetworkOfferings"), "networkoffering");
        // one source-NAT address per VPC, from a range nothing routes (the routers are simulated), as many as needed
        int last = 10 + routers;
        admin.ok("createVlanIpRange", "zoneid", zone, "gateway", "100.64.0.1", "netmask", "255.255.0.0", "startip", "100.64.0.10",
                "endip", "100.64." + (last / 256) + "." + (last % 256));
        admin.ok("updateConfiguration", "name", "site2site.vpn.vpngateway.connection.limit", "value", String.valueOf(perRouter));

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int i = 0; i < routers; i++) {
                int n = i;
                made.add(pool.submit(() -> router(admin, n, perRouter, zone, vpcOffering, tierOffering)));
            }
            List<String> vpcs = new ArrayList<>();
            List<String> connections = new ArrayList<>();
            for (Future<List<String>> f : made) {
                List<String> ids = f.get();
                vpcs.add(ids.get(0));
                connections.addAll(ids.subList(1, ids.size()));
            }
            System.out.printf("fleet: %d routers, %d connections made through the API in %.1f s%n", routers, connections.size(),
                    (System.nanoTime() - start) / 1e9);
            return new S2sFleet(vpcs, connections);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One VPC with its tier, VPN gateway and connections: [vpc id, connection ids...]. */
    private static List<String> router(ApiClient admin, int n, int perRouter, String zone, String vpcOffering, String tierOffering) {
        String prefix = "10." + (n / 250) + "." + (n % 250);
        String vpc = admin.job("createVPC", "name", "fleet-" + n, "cidr", prefix + ".0/24", "vpcofferingid", vpcOffering, "zoneid", zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        admin.ok("createNetwork", "name", "fleet-" + n + "-tier", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpc,
                "gateway", prefix + ".1", "netmask", "255.255.255.128");
        String vpnGateway = admin.job("createVpnGateway", "vpcid", vpc).getAsJsonObject("vpngateway").get("id").getAsString();
        List<String> ids = new ArrayList<>(List.of(vpc));
        for (int j = 0; j < perRouter; j++) {
            int peer = n * perRouter + j;
            String customer = admin.job("createVpnCustomerGateway", "name", "fleet-" + n + "-" + j, "gateway",
                    "198." + (18 + peer / 250 / 256) + "." + (peer / 250 % 256) + "." + (peer % 250 + 1), "cidrlist", "192.168." + j + ".0/24",
                    "ipsecpsk", "fleet-secret-" + n, "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256")
                    .getAsJsonObject("vpncustomergateway").get("id").getAsString();
            ids.add(admin.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                    .getAsJsonObject("vpnconnection").get("id").getAsString());
        }
        return ids;
    }

    private static String firstId(com.google.gson.JsonObject list, String key) {
        return list.getAsJsonArray(key).get(0).getAsJsonObject().get("id").getAsString();
    }
}
