package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * getVpnConnectionDeviceConfig over real HTTP (H2, simulated routers): each vendor's configuration of the customer
 * gateway, the vendor refused with 431 naming {@code vendor}, and the PSK rule: the configuration (which holds the
 * key) is given to exactly the callers to whom listVpnConnections shows the connection and its {@code ipsecpsk};
 * anyone else gets, word for word, the answer of an id that does not exist.
 * <pre>
 * ROOT (admin)
 * ├── D1: alice (owner), bob (user), dadm1 (domain admin)
 * └── D2: dadm2 (domain admin)
 * </pre>
 */
public class DeviceConfigApiTest {
    private static final String COMMAND = "getVpnConnectionDeviceConfig";
    private static final String PSK = "device config key, 2026";
    private static final String VENDORS = "cisco-ios, juniper-srx, strongswan, libreswan";

    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient alice;
    private static ApiClient bob;
    private static ApiClient dadm1;
    private static ApiClient dadm2;
    private static String connection;
    private static String routerIp;

    @BeforeClass
    public static void createAConnectionOfAlice() throws Exception {
        server = TestServer.start("h2");
        admin = server.admin();
        String zone = admin.ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
        admin.ok("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                "endip", "203.0.113.50");
        String suffix = Long.toHexString(System.nanoTime());
        String d1 = admin.ok("createDomain", "name", "dc1-" + suffix).getAsJsonObject("domain").get("id").getAsString();
        String d2 = admin.ok("createDomain", "name", "dc2-" + suffix).getAsJsonObject("domain").get("id").getAsString();
        alice = server.newAccount("alice-" + suffix, 0, d1);
        bob = server.newAccount("bob-" + suffix, 0, d1);
        dadm1 = server.newAccount("dadm1-" + suffix, 2, d1);
        dadm2 = server.newAccount("dadm2-" + suffix, 2, d2);

        String vpcOffering = alice.ok("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
        String tierOffering = alice.ok("listNetworkOfferings", "forvpc", "true").getAsJsonArray("networkoffering").get(0).getAsJsonObject()
                .get("id").getAsString();
        JsonObject vpc = alice.job("createVPC", "name", "office", "cidr", "10.42.0.0/16", "vpcofferingid", vpcOffering, "zoneid", zone)
                .getAsJsonObject("vpc");
        alice.ok("createNetwork", "name", "web", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpc.get("id").getAsString(),
                "gateway", "10.42.1.1", "netmask", "255.255.255.0");
        String vpnGateway = alice.job("createVpnGateway", "vpcid", vpc.get("id").getAsString()).getAsJsonObject("vpngateway").get("id")
                .getAsString();
        String customer = alice.job("createVpnCustomerGateway", "name", "branch", "gateway", "198.51.100.77", "cidrlist",
                "192.168.10.0/24,192.168.20.0/24", "ipsecpsk", PSK, "ikepolicy", "aes256-sha256;modp2048", "esppolicy",
                "aes256-sha256;modp2048", "ikeversion", "ikev1", "dpd", "true").getAsJsonObject("vpncustomergateway").get("id").getAsString();
        JsonObject created = alice.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                .getAsJsonObject("vpnconnection");
        connection = created.get("id").getAsString();
        routerIp = created.get("publicip").getAsString();
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void eachVendorGetsTheCustomerGatewaysSideOfTheConnection() {
        for (String vendor : List.of("cisco-ios", "juniper-srx", "strongswan", "libreswan")) {
            JsonObject config = alice.ok(COMMAND, "id", connection, "vendor", vendor).getAsJsonObject("vpnconnectiondeviceconfig");
            assertEquals(config.toString(), connection, config.get("id").getAsString());
            assertEquals(vendor, config.get("vendor").getAsString());
            String text = config.get("configuration").getAsString();
            for (String expected : List.of(routerIp, "198.51.100.77", "10.42.0.0", "192.168.10.0", "192.168.20.0")) {
                assertTrue(vendor + " names " + expected + ":\n" + text, text.contains(expected));
            }
            boolean libreswan = vendor.equals("libreswan");
            assertEquals(vendor + " has secrets apart: " + config, libreswan, config.has("secrets"));
            String key = switch (vendor) {
                case "strongswan" -> "0x" + HexFormat.of().formatHex(PSK.getBytes(StandardCharsets.UTF_8));
                case "libreswan" -> "\"" + PSK + "\"";
                case "juniper-srx" -> "ascii-text \"" + PSK + "\"";
                default -> "<KEY>"; // the key has spaces, which the IOS command line cannot take: the administrator types it
            };
            assertTrue(vendor + " holds the key as " + key, (libreswan ? config.get("secrets").getAsString() : text).contains(key));
            if (libreswan) {
                assertFalse("the Libreswan conn section leaves the key to ipsec.secrets", text.contains(PSK));
            }
        }
        // IKEv1 and two subnets: a CHILD SA (strongSwan), an IPsec SA (Libreswan), an ACL line (IOS) per subnet.
        String strongswan = config(alice, "strongswan");
        assertTrue(strongswan, strongswan.contains("version = 1") && strongswan.contains("local_ts = \"192.168.10.0/24\"")
                && strongswan.contains("local_ts = \"192.168.20.0/24\"") && strongswan.contains("remote_ts = \"10.42.0.0/16\""));
        assertTrue(config(alice, "libreswan"), config(alice, "libreswan").contains("leftsubnets={192.168.10.0/24 192.168.20.0/24}"));
        String cisco = config(alice, "cisco-ios");
        assertTrue(cisco, cisco.contains(" permit ip 192.168.10.0 0.0.0.255 10.42.0.0 0.0.255.255\n")
                && cisco.contains(" permit ip 192.168.20.0 0.0.0.255 10.42.0.0 0.0.255.255\n") && cisco.contains("crypto isakmp policy 10\n"));
    }

    @Test
    public void aVendorOutsideTheFourIs431NamingVendorAndTheValidOnes() {
        for (String wrong : List.of("fortigate", "Cisco-IOS", "strongswan ")) {
            ApiClient.Answer answer = alice.call(COMMAND, "id", connection, "vendor", wrong);
            assertEquals(answer.body(), 431, answer.status());
            String text = answer.inner().get("errortext").getAsString();
            assertTrue(text, text.contains("vendor") && text.contains(VENDORS));
            assertFalse("nothing of the connection: " + answer.body(), answer.body().contains("198.51.100.77"));
        }
        ApiClient.Answer missing = alice.call(COMMAND, "id", connection);
        assertEquals(missing.body(), 431, missing.status());
        assertTrue(missing.body(), missing.inner().get("errortext").getAsString().contains("vendor"));
    }

    @Test
    public void theConfigurationGoesToExactlyThoseWhoseListShowsTheConnectionAndItsKey() {
        String unknown = UUID.randomUUID().toString();
        ApiClient.Answer none = alice.call(COMMAND, "id", unknown, "vendor", "strongswan");
        assertEquals(none.body(), 431, none.status());
        String unknownText = none.inner().get("errortext").getAsString();
        assertTrue(unknownText, unknownText.contains(unknown));

        Map<String, ApiClient> mayNot = Map.of("bob (another user of the domain)", bob, "dadm2 (domain admin of another domain)", dadm2);
        for (Map.Entry<String, ApiClient> caller : mayNot.entrySet()) {
            assertNull(caller.getKey() + " does not see the connection", listed(caller.getValue()));
            for (String vendor : List.of("strongswan", "libreswan", "cisco-ios", "juniper-srx")) {
                ApiClient.Answer answer = caller.getValue().call(COMMAND, "id", connection, "vendor", vendor);
                assertEquals(answer.body(), 431, answer.status());
                assertEquals(caller.getKey() + " gets the answer of an id that does not exist", unknownText.replace(unknown, connection),
                        answer.inner().get("errortext").getAsString());
                assertEquals(none.inner().get("errorcode"), answer.inner().get("errorcode"));
                assertEquals(none.inner().get("cserrorcode"), answer.inner().get("cserrorcode"));
                for (String hidden : List.of(PSK, "198.51.100.77", "192.168.10.0", routerIp)) {
                    assertFalse(caller.getKey() + " learns nothing of the connection: " + answer.body(), answer.body().contains(hidden));
                }
            }
        }
        Map<String, ApiClient> may = Map.of("alice (the owner)", alice, "dadm1 (domain admin of its domain)", dadm1, "the root admin", admin);
        for (Map.Entry<String, ApiClient> caller : may.entrySet()) {
            JsonObject row = listed(caller.getValue());
            assertEquals(caller.getKey() + " sees the key in listVpnConnections", PSK, row.get("ipsecpsk").getAsString());
            assertTrue(caller.getKey() + " gets it in the configuration", config(caller.getValue(), "juniper-srx").contains(PSK));
        }
    }

    @Test
    public void listApisShowsTheCommandAndItsParametersToAUser() {
        JsonObject api = alice.ok("listApis", "name", COMMAND).getAsJsonArray("api").get(0).getAsJsonObject();
        assertEquals(COMMAND, api.get("name").getAsString());
        assertFalse(api.get("isasync").getAsBoolean());
        Map<String, String> params = api.getAsJsonArray("params").asList().stream().map(JsonElement::getAsJsonObject)
                .collect(Collectors.toMap(p -> p.get("name").getAsString(), p -> p.get("type").getAsString() + " " + p.get("required")));
        assertEquals(Map.of("id", "uuid true", "vendor", "string true"), params);
        List<String> response = api.getAsJsonArray("response").asList().stream().map(r -> r.getAsJsonObject().get("name").getAsString())
                .sorted().toList();
        assertEquals(List.of("configuration", "id", "secrets", "vendor"), response);
    }

    private static String config(ApiClient caller, String vendor) {
        return caller.ok(COMMAND, "id", connection, "vendor", vendor).getAsJsonObject("vpnconnectiondeviceconfig").get("configuration")
                .getAsString();
    }

    /** The connection as listVpnConnections by id shows it to that caller, or null. */
    private static JsonObject listed(ApiClient caller) {
        JsonObject list = caller.ok("listVpnConnections", "id", connection);
        return list.has("vpnconnection") ? list.getAsJsonArray("vpnconnection").get(0).getAsJsonObject() : null;
    }
}
