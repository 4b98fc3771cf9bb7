package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    private static final Path CHARON = Path.of("/usr/lib/ipsec/charon");
    private static final Path TEMPLATE = Path.of("../../../systemvm-patches/etc/strongswan.conf.in");
    // swanctl looks for credentials in these folders beside the file it loads, and complains when they are missing.
    private static final List<String> CREDENTIAL_DIRS = List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac",
            "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12");

    private static String namespace;
    private static Path stateDir;
    private static Process charon;
    private static Thread cleanupHook;

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
        if (!Files.isExecutable(CHARON) || !Files.isExecutable(Path.of("/usr/sbin/swanctl"))) {
            fail("strongSwan's charon and swanctl are missing: run scripts/test-deps.sh (as root)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("this test starts a charon in a network namespace, which needs root");
        }
        namespace = "s2svpn-t" + ProcessHandle.current().pid();
        stateDir = Files.createTempDirectory("s2svpn-charon");
        Files.createDirectories(stateDir.resolve("run"));
        for (String dir : CREDENTIAL_DIRS) {
            Files.createDirectories(stateDir.resolve(dir));
        }
        Files.writeString(stateDir.resolve("strongswan.conf"), Files.readString(TEMPLATE, StandardCharsets.UTF_8)
                .replace("@STATE_DIR@", stateDir.toString()), StandardCharsets.UTF_8);
        cleanupHook = new Thread(CharonLoadsSwanctlGoldenTest::cleanUp);
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        check(Commands.run("ip", "netns", "add", namespace));
        // As systemvm-patches/bin/s2svpn-router starts a router's charon: a private mount namespace where the state
        // dir's run/ is /run, so its pid file and sockets are its own. ip, unshare and sh all exec, so the
        // process is charon itself.
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", namespace, "unshare", "-m", "sh", "-c",
                "mount --bind \"$1\" /run && exec \"$2\"", "sh", stateDir.resolve("run").toString(), CHARON.toString())
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("charon.out").toFile());
        pb.environment().put("STRONGSWAN_CONF", stateDir.resolve("strongswan.conf").toString());
        charon = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!swanctl("--stats").toString().contains("exited 0")) {
            if (!charon.isAlive() || System.nanoTime() > deadline) {
                fail("charon did not come up: " + charonLog());
            }
            Thread.sleep(100);
        }
    }

    @AfterClass
    public static void stopCharon() {
        cleanUp();
        if (cleanupHook != null) {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        }
    }

    private static synchronized void cleanUp() {
        try {
            if (charon != null && charon.isAlive()) {
                charon.destroy();
                if (!charon.waitFor(10, TimeUnit.SECONDS)) {
                    charon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            charon = null;
            if (namespace != null) {
                Commands.run("ip", "netns", "del", namespace);
                namespace = null;
            }
            if (stateDir != null) {
                try (Stream<Path> files = Files.walk(stateDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                stateDir = null;
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("cleaning up the test charon failed: " + e);
        }
    }

    @Test
    public void charonLoadsEveryConnectionAndSecret() throws IOException {
        SwanctlConfig rendered = new SwanctlConfig(GoldenCases.read(caseName, "swanctl-connections.conf"),
                GoldenCases.read(caseName, "swanctl-secrets.conf"));
        Path connectionsFile = stateDir.resolve("connections.conf");
        Path secretsFile = stateDir.resolve("secrets.conf");
        Path swanctlConf = stateDir.resolve("swanctl.conf");
        Files.writeString(connectionsFile, rendered.connections(), StandardCharsets.UTF_8);
        Files.writeString(secretsFile, rendered.secrets(), StandardCharsets.UTF_8);
        Files.writeString(swanctlConf, "include " + connectionsFile + "\ninclude " + secretsFile + "\n",
                StandardCharsets.UTF_8);

        Commands.Result creds = swanctl("--load-creds", "--clear", "--file", swanctlConf.toString());
        check(creds);
        String expectedCreds = connections.stream().map(c -> "loaded ike secret 'ike-" + c.name() + "'\n")
                .sorted().collect(Collectors.joining());
        assertEquals(creds.toString(), expectedCreds, creds.stdout().lines().sorted()
                .map(l -> l + "\n").collect(Collectors.joining()));

        Commands.Result conns = swanctl("--load-conns", "--file", swanctlConf.toString());
        check(conns);
        assertTrue(conns.toString(), connections.isEmpty()
                ? conns.stdout().contains("no connections found")
                : conns.stdout().contains("successfully loaded " + connections.size() + " connections"));

        Commands.Result list = swanctl("--list-conns");
        check(list);
        assertEquals(list.toString(), expectedListing(), listing(list.stdout()));
    }

    /** What --list-conns must show: per connection its IKE version, per CHILD SA its subnets. */
    private Map<String, String> expectedListing() {
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
    private static Map<String, String> listing(String text) {
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

    private static Commands.Result swanctl(String... args) {
        List<String> command = new ArrayList<>(List.of("swanctl"));
        command.addAll(List.of(args));
        command.addAll(List.of("--uri", "unix://" + stateDir.resolve("charon.vici")));
        return Commands.run(Duration.ofSeconds(30),
                Map.of("STRONGSWAN_CONF", stateDir.resolve("strongswan.conf").toString()),
                command.toArray(String[]::new));
    }

    /** Exit 0 and not a word on stderr: swanctl reports a value it refused there, and on stdout as "failed". */
    private static void check(Commands.Result result) {
        if (result.exitCode() != 0 || !result.stderr().isEmpty() || result.stdout().contains("failed")) {
            fail(result + "\n--- charon log:\n" + charonLog());
        }
    }

    private static String charonLog() {
        try {
            Path log = stateDir.resolve("charon.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no charon.log)";
        } catch (IOException e) {
            return "(unreadable charon.log: " + e + ")";
        }
    }
}
