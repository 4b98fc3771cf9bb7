package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.server.router.SimulatedRouterChannel;
import org.junit.Test;

/** One log line per API call, and no secret in any of them: passwords, secret keys, signatures, session keys. */
public class SecretsInLogsTest {

    @Test
    public void apiCallsAreLoggedWithEverySecretMasked() throws Exception {
        List<String> secrets = new java.util.ArrayList<>();
        try (TestServer server = TestServer.start("h2")) {
            ApiClient admin = server.admin();
            String password = "Pw-Secret-" + System.nanoTime();
            String account = "logged-" + System.nanoTime();
            secrets.add(password);
            admin.post("createAccount", "username", account, "password", password, "account", account, "accounttype", "0");
            ApiClient.Answer login = admin.sendRaw("POST", "command=login&response=json&username=" + account + "&password=" + password);
            String sessionKey = login.json().getAsJsonObject("loginresponse").get("sessionkey").getAsString();
            secrets.add(sessionKey);
            admin.sendRaw("GET", "command=listZones&response=json&sessionkey=" + sessionKey);
            String userId = admin.call("listUsers", "username", account).inner().getAsJsonArray("user").get(0).getAsJsonObject()
                    .get("id").getAsString();
            var keys = admin.call("registerUserKeys", "id", userId).inner().getAsJsonObject("userkeys");
            secrets.add(keys.get("secretkey").getAsString());
            var signed = admin.signed("listZones");
            secrets.add(signed.get("signature"));
            admin.send("GET", signed);
            secrets.add(TestServer.readKeys(server.dataDir().resolve("admin.keys")).get("secretkey"));
        }
        String log = Files.readString(Path.of("target/s2svpn-test.log"));
        for (String secret : secrets) {
            assertFalse("a secret reached the log: " + secret, log.contains(secret));
        }
        assertTrue("createAccount is logged with its password masked", log.contains("command=createAccount") && log.contains("password=*****"));
        assertTrue("session calls are logged with the key masked", log.contains("sessionkey=*****"));
        assertTrue("signatures are masked", log.contains("signature=*****"));
    }

    /**
     * A whole S2S run on simulated routers, with every server log at TRACE: create, connect, update the PSK (to
     * non-ASCII, and to the longest one, of 3-byte characters), refusals, a router that refuses the configuration, a
     * reset, deletes. No PSK appears in the database in any form but AES-GCM under the key file (which itself is not
     * in the database), and none reaches the log in any form the server could have written it: plain, URL-, Base64-
     * or hex-encoded.
     */
    @Test
    public void pskIsEncryptedAtRestAndReachesNoLogInAWholeS2sRun() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String first = "Psk1 " + run + " a+b/c=d,e;f*~'{}#$\\";
        String second = "Psk2-" + run + "-\u20ac\u00fc\u6f22\u5b57";
        String prefix = "Psk3-" + run + "-";
        String longest = prefix + "\u20ac".repeat(255 - prefix.length()); // CloudStack's limit; 3 bytes each in UTF-8
        String tooShort = "P" + run.substring(0, 5);
        String badPolicy = "Psk4-" + run;
        String refusedByRouter = "Psk5-" + run;
        List<String> secrets = List.of(first, second, longest, tooShort, badPolicy, refusedByRouter);

        Level level = LogManager.getLogger("org.s2svpn").getLevel();
        Configurator.setLevel("org.s2svpn", Level.TRACE);
        try (TestServer server = TestServer.start("mariadb")) {
            ApiClient admin = server.admin();
            String zone = admin.ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
            admin.ok("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                    "endip", "203.0.113.20");
            String vpc = admin.job("createVPC", "name", "secrets", "cidr", "10.7.0.0/16", "zoneid", zone, "vpcofferingid",
                    firstId(admin.ok("listVPCOfferings"), "vpcoffering")).getAsJsonObject("vpc").get("id").getAsString();
            String tier = admin.ok("createNetwork", "name", "web", "zoneid", zone, "vpcid", vpc, "gateway", "10.7.1.1", "netmask",
                    "255.255.255.0", "networkofferingid", firstId(admin.ok("listNetworkOfferings"), "networkoffering"))
                    .getAsJsonObject("network").get("id").getAsString();
            String[] gateway = {"gateway", "198.51.100.7", "cidrlist", "192.168.7.0/24", "ikepolicy", "aes256-sha256;modp2048",
                    "esppolicy", "aes256-sha256"};
            String customer = admin.job("createVpnCustomerGateway", concat(gateway, "name", "hq", "ipsecpsk", first))
                    .getAsJsonObject("vpncustomergateway").get("id").getAsString();
            String vpnGateway = admin.job("createVpnGateway", "vpcid", vpc).getAsJsonObject("vpngateway").get("id").getAsString();
            String connection = admin.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                    .getAsJsonObject("vpnconnection").get("id").getAsString();
            awaitConnected(admin, connection);
            for (String psk : List.of(second, longest)) {
                admin.job("updateVpnCustomerGateway", concat(gateway, "id", customer, "ipsecpsk", psk));
                awaitConnected(admin, connection);
                assertEquals("the owner reads the PSK back", psk, admin.ok("listVpnCustomerGateways", "id", customer)
                        .getAsJsonArray("vpncustomergateway").get(0).getAsJsonObject().get("ipsecpsk").getAsString());
            }
            assertEquals(431, admin.call("createVpnCustomerGateway", concat(gateway, "name", "short", "ipsecpsk", tooShort)).status());
            String[] badIke = gateway.clone();
            badIke[5] = "aes256-sha256;modp2048;bogus";
            assertEquals(431, admin.call("createVpnCustomerGateway", concat(badIke, "name", "bad", "ipsecpsk", badPolicy)).status());

            String namespace = admin.ok("listRouters", "vpcid", vpc).getAsJsonArray("router").get(0).getAsJsonObject().get("name")
                    .getAsString().replaceAll("-VM$", "");
            SimulatedRouterChannel routers = server.component(SimulatedRouterChannel.class);
            routers.inject(namespace, SimulatedRouterChannel.Fault.failing("s2s-apply"));
            admin.job("updateVpnCustomerGateway", concat(gateway, "id", customer, "ipsecpsk", refusedByRouter));
            JsonObject failed = admin.ok("listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
            assertEquals("a connection its router refused is in Error: " + failed, "Error", failed.get("state").getAsString());
            routers.clear(namespace);
            admin.job("resetVpnConnection", "id", connection);
            awaitConnected(admin, connection);
            for (String vendor : List.of("cisco-ios", "juniper-srx", "strongswan", "libreswan")) {
                JsonObject config = admin.ok("getVpnConnectionDeviceConfig", "id", connection, "vendor", vendor)
                        .getAsJsonObject("vpnconnectiondeviceconfig");
                assertTrue("the " + vendor + " device configuration holds the PSK (as is, or in hex)", forms(refusedByRouter).stream()
                        .anyMatch(form -> config.toString().contains(form)));
            }

            Map<String, List<String>> dump = DatabaseDump.of(server.database());
            String stored = dump.get("s2s_customer_gateway").get(0).split("\t")[5];
            assertTrue("the PSK is stored AES-GCM-encrypted: " + stored, stored.startsWith("gcm1:"));
            Path keyFile = server.dataDir().resolve("key");
            assertEquals("the key file is the owner's alone", "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            String current = admin.ok("listVpnCustomerGateways", "id", customer).getAsJsonArray("vpncustomergateway").get(0).getAsJsonObject()
                    .get("ipsecpsk").getAsString();
            assertEquals("the key file decrypts the stored PSK", current, Encryptor.fromKeyFile(keyFile).decrypt(stored));
            String key = Files.readString(keyFile).strip();
            String all = dump.toString();
            assertFalse("the encryption key is not in the database", all.contains(key));
            for (String psk : secrets) {
                for (String form : forms(psk)) {
                    assertFalse("a PSK (" + form + ") is in the database in clear", all.contains(form));
                }
            }

            admin.job("deleteVpnConnection", "id", connection);
            admin.job("deleteVpnGateway", "id", vpnGateway);
            admin.job("deleteVpnCustomerGateway", "id", customer);
            admin.job("deleteNetwork", "id", tier);
            admin.job("deleteVPC", "id", vpc);
        } finally {
            Configurator.setLevel("org.s2svpn", level);
        }
        String log = Files.readString(Path.of("target/s2svpn-test.log"));
        assertTrue("the run was logged at TRACE", log.contains("s2s-apply"));
        for (String psk : secrets) {
            for (String form : forms(psk)) {
                assertFalse("a PSK reached the log as " + form, log.contains(form));
            }
        }
    }

    /** The forms in which a server could write a PSK: as it is, URL-encoded, Base64 and hex of its UTF-8 bytes. */
    private static List<String> forms(String psk) {
        byte[] bytes = psk.getBytes(StandardCharsets.UTF_8);
        return List.of(psk, URLEncoder.encode(psk, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(bytes),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes));
    }

    private static void awaitConnected(ApiClient admin, String connection) {
        Instant deadline = Instant.now().plusSeconds(20);
        String state = null;
        while (Instant.now().isBefore(deadline)) {
            state = admin.ok("listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject().get("state")
                    .getAsString();
            if (state.equals("Connected")) {
                return;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("connection " + connection + " is " + state + ", not Connected, after 20 s");
    }

    private static String firstId(JsonObject list, String key) {
        return list.getAsJsonArray(key).get(0).getAsJsonObject().get("id").getAsString();
    }

    private static String[] concat(String[] base, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
    }
}
