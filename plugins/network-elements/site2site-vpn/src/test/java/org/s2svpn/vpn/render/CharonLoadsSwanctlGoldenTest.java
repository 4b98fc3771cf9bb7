package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.s2svpn.server.net.Cidr;

/**
 * Every golden swanctl rendering is loaded by a real charon (strongSwan 5.9), run as a router runs it: in a
 * network namespace of its own, with its own /run, configured by the routers' own strongswan.conf template
 * (systemvm-patches/etc/strongswan.conf.in: the minimal plugin list, kdf included). {@code swanctl --load-creds}
 * and {@code --load-conns} must load every secret and connection without a complaint, and {@code --list-conns}
 * must show every connection and CHILD SA with the right IKE version and subnets, and nothing else.
 *
 * <p>Needs root and the strongSwan packages (scripts/test-deps.sh). The namespace and the charon are removed
 * afterwards, also when a test fails or the JVM is stopped.
 */
@RunWith(Parameterized.class)
public class CharonLoadsSwanctlGoldenTest {
    private static TestCharon charon;

    private final String caseName;
    private final List<S2sConnection> connections;

    public CharonLoadsSwanctlGoldenTest(String caseName, List<S2sConnection> connections) {
        this.caseName = caseName;
        this.connections = connections;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() {
        return GoldenCases.all().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
    }

    @BeforeClass
    public static void startCharon() throws Exception {
        charon = TestCharon.start("s2svpn-t" + ProcessHandle.current().pid(), List.of());
    }

    @AfterClass
    public static void stopCharon() {
        if (charon != null) {
            charon.close();
        }
    }

    @Test
    public void charonLoadsEveryConnectionAndSecret() throws IOException {
        SwanctlConfig rendered = new SwanctlConfig(GoldenCases.read(caseName, "swanctl-connections.conf"),
                GoldenCases.read(caseName, "swanctl-secrets.conf"));
        Path swanctlConf = charon.write(rendered);

        Commands.Result creds = charon.swanctl("--load-creds", "--clear", "--file", swanctlConf.toString());
        charon.check(creds);
        String expectedCreds = connections.stream().map(c -> "loaded ike secret 'ike-" + c.name() + "'\n")
                .sorted().collect(Collectors.joining());
        assertEquals(creds.toString(), expectedCreds, creds.stdout().lines().sorted()
                .map(l -> l + "\n").collect(Collectors.joining()));

        Commands.Result conns = charon.swanctl("--load-conns", "--file", swanctlConf.toString());
        charon.check(conns);
        assertTrue(conns.toString(), connections.isEmpty()
                ? conns.stdout().contains("no connections found")
                : conns.stdout().contains("successfully loaded " + connections.size() + " connections"));

        Commands.Result list = charon.swanctl("--list-conns");
        charon.check(list);
        assertEquals(list.toString(), expectedListing(connections), listing(list.stdout()));
    }

    /** What --list-conns must show: per connection its IKE version, per CHILD SA its subnets. */
    static Map<String, String> expectedListing(List<S2sConnection> connections) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (S2sConnection c : connections.stream().sorted(Comparator.comparingLong(S2sConnection::id)).toList()) {
            String version = switch (c.ikeVersion()) {
                case IKE -> "IKEv1/2";
                case IKEV1 -> "IKEv1";
                case IKEV2 -> "IKEv2";
            };
            expected.put(c.name(), version);
            for (S2sChild child : c.children()) {
                expected.put(c.name() + "/" + child.name(), "local " + c.localCidr() + " remote "
                        + child.remoteCidrs().stream().map(Cidr::toString).collect(Collectors.joining(" ")));
            }
        }
        return expected;
    }

    /** The same, read from swanctl's --list-conns text: connections at column 0, CHILD SAs indented by 2. */
    static Map<String, String> listing(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        String conn = null;
        String child = null;
        String local = null;
        for (String line : text.lines().toList()) {
            if (!line.startsWith(" ") && line.contains(": ")) {
                conn = line.substring(0, line.indexOf(": "));
                child = null;
                found.put(conn, line.substring(line.indexOf(": ") + 2).split(",")[0]);
            } else if (line.startsWith("  ") && !line.startsWith("   ") && line.contains(": TUNNEL")) {
                child = line.substring(2, line.indexOf(": "));
            } else if (child != null && line.startsWith("    local:")) {
                local = line.substring("    local:".length()).strip();
            } else if (child != null && line.startsWith("    remote:")) {
                found.put(conn + "/" + child, "local " + local + " remote "
                        + line.substring("    remote:".length()).strip());
            }
        }
        return found;
    }
}
