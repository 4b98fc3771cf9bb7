package org.s2svpn.test;

import static org.junit.Assert.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.Test;

/**
 * Two management servers on one MariaDB: a list on one shows at once, count and pages, what the other just created,
 * deleted, hid or updated (each server keeps the ids and rows of its recent lists while the database says they are
 * current), the remote subnets' CHILD SA states that the first server's router check wrote included. The first server
 * makes the changes: its simulated routers live in its process.
 */
public class ListAcrossServersTest {

    @Test
    public void aListShowsAtOnceWhatAnotherServerChanged() throws Exception {
        Path base = Files.createTempDirectory("s2svpn-lists-");
        TestDatabase database = TestDatabase.create("mariadb", base);
        try (ServerProcess first = ServerProcess.start(Files.createDirectories(base.resolve("ms1")), database)) {
            Path dir = Files.createDirectories(base.resolve("ms2"));
            Files.copy(base.resolve("ms1").resolve("key"), dir.resolve("key"));
            Files.copy(base.resolve("ms1").resolve("admin.keys"), dir.resolve("admin.keys"));
            try (ServerProcess second = ServerProcess.start(dir, database)) {
                ApiClient a = first.admin();
                ApiClient b = second.admin();
                S2sFleet fleet = S2sFleet.build(a, 2, 3, 2);
                List<String> all = new ArrayList<>(fleet.connections());
                assertListed(a, all);
                assertListed(b, all);

                a.ok("updateConfiguration", "name", "site2site.vpn.vpngateway.connection.limit", "value", "10");
                String vpnGateway = a.ok("listVpnGateways", "vpcid", fleet.vpcs().get(0)).getAsJsonArray("vpngateway").get(0).getAsJsonObject()
                        .get("id").getAsString();
                String customer = a.job("createVpnCustomerGateway", "name", "late", "gateway", "198.51.100.7", "cidrlist", "192.168.200.0/24",
                        "ipsecpsk", "late-secret", "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256")
                        .getAsJsonObject("vpncustomergateway").get("id").getAsString();
                String late = a.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                        .getAsJsonObject("vpnconnection").get("id").getAsString();
                all.add(late);
                assertListed(b, all);

                String gone = all.remove(0);
                a.job("deleteVpnConnection", "id", gone);
                assertListed(b, all);

                String hidden = all.get(1);
                List<String> shown = ids(b.ok("listVpnConnections", "fordisplay", "true"));
                a.job("updateVpnConnection", "id", hidden, "fordisplay", "false");
                shown.remove(hidden);
                assertEquals(shown, ids(b.ok("listVpnConnections", "fordisplay", "true")));
                assertListed(b, all);

                // what a listed connection shows: a customer gateway's update, and the state a router's stop leaves
                String updated = all.get(2);
                JsonObject before = listed(b, updated);
                a.job("updateVpnCustomerGateway", "id", before.get("s2scustomergatewayid").getAsString(), "name", "renamed", "gateway",
                        before.get("gateway").getAsString(), "cidrlist", "192.168.77.0/24", "ipsecpsk", "new-secret", "ikepolicy",
                        before.get("ikepolicy").getAsString(), "esppolicy", before.get("esppolicy").getAsString());
                assertEquals("192.168.77.0/24", listed(b, updated).get("cidrlist").getAsString());
                assertEquals("new-secret", listed(b, updated).get("ipsecpsk").getAsString());
                assertEquals("192.168.77.0/24", b.ok("listVpnConnections", "id", updated).getAsJsonArray("vpnconnection").get(0)
                        .getAsJsonObject().get("cidrlist").getAsString());

                String vpc = fleet.vpcs().get(1);
                List<String> ofVpc = ids(b.ok("listVpnConnections", "vpcid", vpc));
                for (String c : ofVpc) {
                    awaitListed(b, c, "Connected", "Up");
                }
                String router = a.ok("listRouters", "vpcid", vpc).getAsJsonArray("router").get(0).getAsJsonObject().get("id").getAsString();
                a.job("stopRouter", "id", router);
                for (String c : ofVpc) {
                    assertEquals(c, "Disconnected", listed(b, c).get("state").getAsString());
                    assertEquals(c, List.of("Down"), subnetStates(listed(b, c)));
                }
            }
        } finally {
            database.drop();
        }
    }

    /** All of them and no other, the count is the total, and pages of 2 are cut from the list in its order. */
    private static void assertListed(ApiClient api, List<String> connections) {
        List<String> listed = ids(api.ok("listVpnConnections"));
        assertEquals(connections.size(), api.ok("listVpnConnections").get("count").getAsInt());
        assertEquals(new HashSet<>(connections), new HashSet<>(listed));
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= (connections.size() + 1) / 2; page++) {
            JsonObject answer = api.ok("listVpnConnections", "page", String.valueOf(page), "pagesize", "2");
            assertEquals(connections.size(), answer.get("count").getAsInt());
            paged.addAll(ids(answer));
        }
        assertEquals(listed, paged);
    }

    /** Waits until the whole list shows the connection in that state, with every remote subnet's CHILD SA in that state. */
    private static void awaitListed(ApiClient api, String id, String state, String subnetState) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonObject c = listed(api, id);
        while (!(c.get("state").getAsString().equals(state) && subnetStates(c).equals(List.of(subnetState)))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is not " + state + " with its subnets " + subnetState + " within 15 s: " + c);
            }
            ApiClient.sleep(100);
            c = listed(api, id);
        }
    }

    /** The distinct states of a listed connection's remote subnets. */
    private static List<String> subnetStates(JsonObject connection) {
        return connection.getAsJsonArray("remotesubnets").asList().stream().map(r -> r.getAsJsonObject().get("state").getAsString())
                .distinct().toList();
    }

    /** The connection as the whole list shows it. */
    private static JsonObject listed(ApiClient api, String id) {
        for (JsonElement c : api.ok("listVpnConnections").getAsJsonArray("vpnconnection")) {
            if (c.getAsJsonObject().get("id").getAsString().equals(id)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError(id + " is not listed");
    }

    private static List<String> ids(JsonObject list) {
        List<String> ids = new ArrayList<>();
        if (list.has("vpnconnection")) {
            for (JsonElement c : list.getAsJsonArray("vpnconnection")) {
                ids.add(c.getAsJsonObject().get("id").getAsString());
            }
        }
        return ids;
    }
}
