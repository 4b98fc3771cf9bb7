package org.s2svpn.test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.s2svpn.vpn.router.SimulatedS2s;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * VPCs with a tier and a VPN gateway on simulated routers, built through the API of one test server, for the race
 * and fault tests; and what they check afterwards: the connections the database has, and what the router was given.
 */
final class SimulatedVpcs {
    /** A VPC with one tier, its VPN gateway and its simulated router's namespace. */
    record Vpc(String id, String prefix, String vpnGateway, String namespace) {
    }

    private static final AtomicInteger MADE = new AtomicInteger();

    final TestServer server;
    /** The client every call goes through: the admin's, or an owner's (see {@link #as}). */
    final ApiClient admin;
    private final String zone;
    private final String vpcOffering;
    private final String tierOffering;

    SimulatedVpcs(TestServer server) {
        this.server = server;
        this.admin = server.admin();
        zone = ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
        if (!ok("listVlanIpRanges").has("vlan")) {
            ok("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                    "endip", "203.0.113.99");
        }
        vpcOffering = ok("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
        tierOffering = ok("listNetworkOfferings").getAsJsonArray("networkoffering").get(0).getAsJsonObject().get("id").getAsString();
    }

    private SimulatedVpcs(SimulatedVpcs made, ApiClient owner) {
        this.server = made.server;
        this.admin = owner;
        this.zone = made.zone;
        this.vpcOffering = made.vpcOffering;
        this.tierOffering = made.tierOffering;
    }

    /** The same, through owner's keys: what it makes belongs to owner's account, and lists show what owner sees. */
    SimulatedVpcs as(ApiClient owner) {
        return new SimulatedVpcs(this, owner);
    }

    Vpc vpc(String name) {
        String prefix = "10." + (150 + MADE.incrementAndGet());
        String vpc = job("createVPC", "name", name, "cidr", prefix + ".0.0/16", "vpcofferingid", vpcOffering, "zoneid", zone)
                .getAsJsonObject("vpc").get("id").getAsString();
        ok("createNetwork", "name", name + "-tier", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpc, "gateway",
                prefix + ".1.1", "netmask", "255.255.255.0");
        String vpnGateway = job("createVpnGateway", "vpcid", vpc).getAsJsonObject("vpngateway").get("id").getAsString();
        // routers are the admin's to list (a user gets 432)
        String namespace = "r-" + server.admin().ok("listRouters", "vpcid", vpc).getAsJsonArray("router").get(0).getAsJsonObject().get("name")
                .getAsString().split("-")[1];
        return new Vpc(vpc, prefix, vpnGateway, namespace);
    }

    /** A customer gateway at peer with one /24 of its own. */
    String customerGateway(String name, String peer) {
        int n = MADE.incrementAndGet();
        return job("createVpnCustomerGateway", "name", name, "gateway", peer, "cidrlist", "192.168." + n + ".0/24", "ipsecpsk",
                "long-enough-key", "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256;modp2048")
                .getAsJsonObject("vpncustomergateway").get("id").getAsString();
    }

    String connect(Vpc vpc, String customerGateway) {
        return job("createVpnConnection", "s2svpngatewayid", vpc.vpnGateway(), "s2scustomergatewayid", customerGateway)
                .getAsJsonObject("vpnconnection").get("id").getAsString();
    }

    /** The connection as listVpnConnections shows it, or null when it is not listed. */
    JsonObject listed(String connection) {
        // listed by all rather than by id: an id of a removed connection is refused (431) rather than listed as none
        JsonObject list = ok("listVpnConnections", "listall", "true");
        if (!list.has("vpnconnection")) {
            return null;
        }
        return list.getAsJsonArray("vpnconnection").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(c -> c.get("id").getAsString().equals(connection)).findFirst().orElse(null);
    }

    JsonObject awaitState(String connection, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject c = listed(connection);
        while (c == null || !c.get("state").getAsString().equals(state)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("connection " + connection + " is not " + state + " within " + timeout + ": " + c);
            }
            ApiClient.sleep(50);
            c = listed(connection);
        }
        return c;
    }

    /** The live connections of the VPC in the database, as "vpn-<id> <state>", by id. */
    List<String> databaseConnections(Vpc vpc) {
        return jdbc().sql("SELECT c.id, c.state FROM s2s_vpn_connection c JOIN s2s_vpn_gateway g ON g.id = c.vpn_gateway_id"
                        + " JOIN vpc v ON v.id = g.vpc_id WHERE v.uuid = ? AND c.removed IS NULL ORDER BY c.id")
                .param(vpc.id()).query((rs, row) -> "vpn-" + rs.getLong("id") + " " + rs.getString("state")).list();
    }

    /** The names of the connections the simulated router was last given, in the order it was given them. */
    List<String> routerConnections(Vpc vpc) {
        return simulated().appliedConnections(vpc.namespace()).stream().map(c -> c.get("name").getAsString()).toList();
    }

    SimulatedS2s simulated() {
        return server.component(SimulatedS2s.class);
    }

    JdbcClient jdbc() {
        return server.component(JdbcClient.class);
    }

    /** Jobs whose status is still pending (0). */
    long pendingJobs() {
        return jdbc().sql("SELECT COUNT(*) FROM async_job WHERE job_status = 0").query(Long.class).single();
    }

    JsonObject ok(String command, String... params) {
        ApiClient.Answer answer = admin.call(command, params);
        if (answer.status() != 200) {
            throw new AssertionError(command + ": " + answer.body());
        }
        return answer.inner();
    }

    JsonObject job(String command, String... params) {
        JsonObject job = admin.waitForJob(ok(command, params).get("jobid").getAsString());
        if (job.get("jobstatus").getAsInt() != 1) {
            throw new AssertionError(command + " failed: " + job);
        }
        return job.getAsJsonObject("jobresult");
    }

    static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
