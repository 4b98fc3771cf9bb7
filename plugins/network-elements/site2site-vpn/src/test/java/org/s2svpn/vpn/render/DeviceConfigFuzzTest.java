package org.s2svpn.vpn.render;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * No value a user gives can leave its place in a customer gateway configuration: random connections, every one built
 * through the API's own validating parsers ({@link RandomConnections}, the render fuzzer's generator: odd keys,
 * names that look like numbers or ttodata, every policy), rendered for every vendor, and
 * <ul>
 * <li>strongSwan: read back by the strict swanctl.conf parser ({@link SwanctlSyntax}), it holds exactly one
 *     connection and one secret with exactly the model's ids, addresses, subnets and (decoded) key;
 * <li>Libreswan: read back by the ipsec.conf and ipsec.secrets parser ({@link IpsecConfSyntax}), exactly the
 *     model's ends and subnets, and the key byte for byte;
 * <li>Cisco IOS and Junos (no parser of theirs runs here): every command line is made of characters no value can
 *     smuggle a command in with, except the key's line, which holds exactly the key (IOS: as one token, and only
 *     when it has no space or {@code ?}; Junos: in quotes, read back with Junos's escapes); no comment holds the key.
 * </ul>
 * {@code -Ds2svpn.fuzz.seed=N} replays a run, {@code -Ds2svpn.fuzz.devices=N} sets the number of connections.
 */
public class DeviceConfigFuzzTest {
    private static final long SEED = Long.getLong("s2svpn.fuzz.seed", 20261207L);
    private static final int COUNT = Integer.getInteger("s2svpn.fuzz.devices", 20_000);
    private static final Pattern CISCO_LINE = Pattern.compile("[A-Za-z0-9 ./-]*");
    private static final Pattern JUNOS_LINE = Pattern.compile("set [A-Za-z0-9 ./\\[\\]-]*");

    @Test
    public void noValueLeavesItsPlaceForAnyVendor() {
        RandomConnections random = new RandomConnections(SEED);
        int rendered = 0;
        while (rendered < COUNT) {
            for (S2sConnection c : random.router(8)) {
                String context = "seed " + SEED + ", connection " + rendered + " " + c.name() + " to " + c.peerGateway();
                strongswan(c, DeviceVendor.STRONGSWAN.render(c), context);
                libreswan(c, DeviceVendor.LIBRESWAN.render(c), context);
                cisco(c, DeviceVendor.CISCO_IOS.render(c).configuration(), context);
                junos(c, DeviceVendor.JUNIPER_SRX.render(c).configuration(), context);
                rendered++;
            }
        }
        System.out.println("DeviceConfigFuzzTest: seed " + SEED + ", " + rendered + " connections rendered for 4 vendors and read back");
    }

    private static void strongswan(S2sConnection c, DeviceConfig config, String context) {
        SwanctlSyntax.Section root = SwanctlSyntax.parse(config.configuration());
        assertEquals(context, List.of("connections", "secrets"), List.copyOf(root.sections().keySet()));
        assertTrue(context, root.values().isEmpty());
        SwanctlSyntax.Section conns = root.sections().get("connections");
        assertEquals(context, List.of(c.name()), List.copyOf(conns.sections().keySet()));
        SwanctlSyntax.Section conn = conns.sections().get(c.name());
        String router = c.localPublicIp().toString();
        assertEquals(context, c.peerGateway().isAddress() ? c.peerGateway().value() : null, conn.values().get("local_addrs"));
        assertEquals(context, router, conn.values().get("remote_addrs"));
        assertEquals(context, c.peerGateway().value(), conn.sections().get("local").values().get("id"));
        assertEquals(context, router, conn.sections().get("remote").values().get("id"));
        Map<String, String> children = new LinkedHashMap<>();
        conn.sections().get("children").sections().forEach((name, child) ->
                children.put(name, child.values().get("local_ts") + " " + child.values().get("remote_ts")));
        Map<String, String> expected = new LinkedHashMap<>();
        for (S2sChild child : c.children()) {
            expected.put(child.name(), child.remoteCidrs().stream().map(Cidr::toString).collect(Collectors.joining(",")) + " "
                    + c.localCidr());
        }
        assertEquals(context, expected, children);
        SwanctlSyntax.Section secrets = root.sections().get("secrets");
        assertEquals(context, List.of("ike-" + c.name()), List.copyOf(secrets.sections().keySet()));
        Map<String, String> secret = secrets.sections().get("ike-" + c.name()).values();
        assertEquals(context, List.of(c.peerGateway().value(), router), List.of(secret.get("id-local"), secret.get("id-remote")));
        assertArrayEquals(context, c.psk().value().getBytes(StandardCharsets.UTF_8), SwanctlSyntax.secret(secret.get("secret")));
    }

    private static void libreswan(S2sConnection c, DeviceConfig config, String context) {
        Map<String, Map<String, String>> conf = IpsecConfSyntax.parseConf(config.configuration());
        boolean ikev1 = DeviceVendor.peerVersion(c) == IkeVersion.IKEV1;
        assertEquals(context, ikev1 ? List.of("config setup", "conn " + c.name()) : List.of("conn " + c.name()), List.copyOf(conf.keySet()));
        if (ikev1) {
            assertEquals(context, Map.of("ikev1-policy", "accept"), conf.get("config setup"));
        }
        Map<String, String> conn = conf.get("conn " + c.name());
        String router = c.localPublicIp().toString();
        String localId = c.peerGateway().isAddress() ? c.peerGateway().value() : "@" + c.peerGateway().value();
        assertEquals(context, List.of(c.peerGateway().isAddress() ? c.peerGateway().value() : "%defaultroute", localId, router, router,
                c.localCidr().toString()), List.of(conn.get("left"), conn.get("leftid"), conn.get("right"), conn.get("rightid"),
                conn.get("rightsubnet")));
        List<Cidr> subnets = c.peerCidrs().cidrs();
        if (subnets.size() == 1) {
            assertEquals(context, subnets.get(0).toString(), conn.get("leftsubnet"));
        } else {
            assertEquals(context, subnets.stream().map(Cidr::toString).collect(Collectors.joining(" ", "{", "}")), conn.get("leftsubnets"));
        }
        List<IpsecConfSyntax.Secret> secrets = IpsecConfSyntax.parseSecrets(config.secrets());
        assertEquals(context, 1, secrets.size());
        assertEquals(context, List.of(localId, router), secrets.get(0).ids());
        assertArrayEquals(context, c.psk().value().getBytes(StandardCharsets.UTF_8), secrets.get(0).psk());
    }

    private static void cisco(S2sConnection c, String text, String context) {
        String key = c.psk().value();
        boolean plain = DeviceVendor.isPlainKey(key);
        List<String> keyLines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("!") || line.startsWith(" !")) {
                assertTrue(context + ": a comment holds the key: " + line, !line.contains(key));
            } else if (line.startsWith("crypto isakmp key ") || line.startsWith("  pre-shared-key ")) {
                keyLines.add(line);
            } else {
                assertTrue(context + ": " + line, CISCO_LINE.matcher(line).matches());
            }
        }
        assertEquals(context, 1, keyLines.size());
        String[] tokens = keyLines.get(0).strip().split(" ");
        String typed = tokens[0].equals("crypto") ? tokens[3] : tokens[1];
        assertEquals(context + ": " + keyLines.get(0), tokens[0].equals("crypto") ? 6 : 2, tokens.length);
        assertEquals(context, plain ? key : "<KEY>", typed);
    }

    private static void junos(S2sConnection c, String text, String context) {
        String key = c.psk().value();
        String keyPrefix = "set security ike policy " + c.name() + " pre-shared-key ascii-text \"";
        int keyLines = 0;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                assertTrue(context + ": a comment holds the key: " + line, !line.contains(key));
            } else if (line.startsWith(keyPrefix)) {
                keyLines++;
                assertEquals(context, key, junosString(line.substring(keyPrefix.length() - 1)));
            } else {
                assertTrue(context + ": " + line, JUNOS_LINE.matcher(line).matches());
            }
        }
        boolean ascii = key.chars().allMatch(ch -> ch >= ' ' && ch < 0x7f);
        assertEquals(context, ascii ? 1 : 0, keyLines);
    }

    /** A Junos quoted string that must make up the rest of its line: {@code \x} is x, and it ends at an unescaped quote. */
    private static String junosString(String quoted) {
        StringBuilder value = new StringBuilder();
        int i = 1;
        while (quoted.charAt(i) != '"') {
            char ch = quoted.charAt(i++);
            value.append(ch == '\\' ? quoted.charAt(i++) : ch);
        }
        assertEquals("nothing after the key's closing quote: " + quoted, quoted.length() - 1, i);
        return value.toString();
    }
}
