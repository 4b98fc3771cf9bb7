package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reset and delete race of {@link S2sRaceTest} on a real router (this machine as the node): after every round
 * the connections the router's strongSwan was given are exactly the database's live ones.
 */
public class S2sRealRouterRaceTest {
    static final int ROUNDS = 5;

    @Test
    public void resetAndDeleteSentTogetherLeaveARealRouterAsTheDatabaseSays() throws Exception {
        try (S2sWorld world = new S2sWorld(30)) {
            TestNode node = world.node;
            S2sWorld.Vpc vpc = world.vpc("race-real");
            String vpnGateway = world.vpnGateway(vpc);
            // peers that do not exist: the router keeps trying them, which changes nothing of its configuration
            Cidr range = node.publicRange;
            String steady = world.connect(vpnGateway, customerGateway(node, "race-real-steady", range.network().plus(230).toString(),
                    "172.30.1.0/24"), false).id();
            String customer = customerGateway(node, "race-real-gw", range.network().plus(231).toString(), "172.30.2.0/24");
            int resetFirst = 0;
            long started = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                String connection = world.connect(vpnGateway, customer, false).id();
                List<ApiClient.Answer> sent = S2sRaceTest.together(2, i -> node.admin.call(i == 0 ? "resetVpnConnection"
                        : "deleteVpnConnection", "id", connection));
                JsonObject delete = node.admin.waitForJob(sent.get(1).inner().get("jobid").getAsString());
                assertEquals("round " + round + ": " + delete, 1, delete.get("jobstatus").getAsInt());
                if (sent.get(0).status() == 200 && node.admin.waitForJob(sent.get(0).inner().get("jobid").getAsString())
                        .get("jobstatus").getAsInt() == 1) {
                    resetFirst++;
                }
                List<String> database = databaseConnections(node, vpc);
                assertFalse("no connection stays Pending: " + database, database.stream().anyMatch(c -> c.endsWith(" Pending")));
                assertEquals("round " + round + ": the router runs what the database has",
                        database.stream().map(c -> c.split(" ")[0]).toList(), S2sWorld.names(world.routerStatus(vpc).getAsJsonArray("connections")));
            }
            assertEquals(1, node.ok("listVpnConnections", "vpcid", vpc.id()).get("count").getAsInt());
            assertEquals(steady, node.ok("listVpnConnections", "vpcid", vpc.id()).getAsJsonArray("vpnconnection").get(0).getAsJsonObject()
                    .get("id").getAsString());
            System.out.printf("real router: %d rounds of resetVpnConnection and deleteVpnConnection sent together (reset first %d times):"
                    + " the router ran the database's connections after every round (%d ms)%n", ROUNDS, resetFirst,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String customerGateway(TestNode node, String name, String peer, String cidr) {
        return node.job("createVpnCustomerGateway", "name", name, "gateway", peer, "cidrlist", cidr, "ipsecpsk", "long-enough-key",
                "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256;modp2048").getAsJsonObject("vpncustomergateway")
                .get("id").getAsString();
    }

    private static List<String> databaseConnections(TestNode node, S2sWorld.Vpc vpc) {
        return node.server.component(JdbcClient.class).sql("SELECT c.id, c.state FROM s2s_vpn_connection c JOIN s2s_vpn_gateway g"
                        + " ON g.id = c.vpn_gateway_id JOIN vpc v ON v.id = g.vpc_id WHERE v.uuid = ? AND c.removed IS NULL ORDER BY c.id")
                .param(vpc.id()).query((rs, row) -> "vpn-" + rs.getLong("id") + " " + rs.getString("state")).list();
    }
}
