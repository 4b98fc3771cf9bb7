package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;

/**
 * No value a user gives can leave the key it is written to, in either dialect: 100,000 random connections, every
 * one built through the API's own validating parsers ({@link RandomConnections}), in router configurations of 1 to
 * 8 connections, are rendered by {@link SwanctlRenderer} and {@link IpsecConfRenderer}, and
 * <ul>
 * <li>each rendered text is read back by a strict parser written from strongSwan's and Libreswan's own lexers
 *     ({@link SwanctlSyntax}, {@link IpsecConfSyntax}), and must hold exactly the expected sections and keys, each
 *     with exactly the model's value; the key, as swanctl or Libreswan would decode it, must equal the user's
 *     key byte for byte (UTF-8);
 * <li>Libreswan's own parser (addconn, readwriteconf) reads every ipsec.conf, 1000 connections a file, without a
 *     complaint, lists every connection and reads back each one's peer, subnets, lifetimes and algorithms as
 *     written;
 * <li>a real charon loads a sample of the swanctl configurations, several routers' at once: every secret and
 *     connection loads, and {@code --list-conns} shows every connection and CHILD SA with its subnets, and each
 *     connection's addresses and peer identity as written.
 * </ul>
 * The algorithm strings and rekey times in the expectations come from the renderers' own helpers: they are made
 * of enum tokens and numbers, which the golden tests check against charon and Libreswan's algparse. Everything a
 * user typed (addresses, names, subnets, the key) is expected straight from the model.
 *
 * <p>The seed is printed; {@code -Ds2svpn.fuzz.seed=N} replays a run, {@code -Ds2svpn.fuzz.count=N} and
 * {@code -Ds2svpn.fuzz.charon=N} make it smaller. Needs root, strongSwan and the unpacked Libreswan, as the golden
 * tests do; it fails when they are missing.
 */
public class RenderFuzzTest {
    private static final long SEED = Long.getLong("s2svpn.fuzz.seed", 20261123L);
    private static final int COUNT = Integer.getInteger("s2svpn.fuzz.count", 100_000);
    private static final int CHARON_SAMPLE = Integer.getInteger("s2svpn.fuzz.charon", 600);
    private static final int MAX_PER_ROUTER = 8;
    private static final int CONNS_PER_LIBRESWAN_FILE = 1000;
    private static final int CONNS_PER_CHARON_LOAD = 100;
    private static final Path TOOLS = Path.of(System.getProperty("s2svpn.libreswan.dir", "/var/cache/s2svpn/libreswan"))
            .resolve("usr/libexec/ipsec");

    private final List<S2sConnection> libreswanConns = new ArrayList<>();
    private final StringBuilder libreswanConf = new StringBuilder();
    private int libreswanFiles;
    private int libreswanParsed;
    private final List<S2sConnection> charonConns = new ArrayList<>();
    private final List<SwanctlConfig> charonConfigs = new ArrayList<>();
    private int charonLoads;
    private int charonLoaded;
    private Path dir;

    @Test
    public void noValueLeavesItsKeyAndRealParsersTakeEveryRendering() throws Exception {
        long start = System.nanoTime();
        System.out.println("RenderFuzzTest: seed " + SEED + " (-Ds2svpn.fuzz.seed=" + SEED + " replays it), " + COUNT
                + " connections, charon sample " + CHARON_SAMPLE);
        for (String tool : List.of("addconn", "readwriteconf")) {
            if (!Files.isExecutable(TOOLS.resolve(tool))) {
                fail("Libreswan's " + tool + " is missing from " + TOOLS + ": run scripts/test-deps.sh (as root)");
            }
        }
        RandomConnections random = new RandomConnections(SEED);
        dir = Files.createTempDirectory("s2svpn-fuzz");
        int models = 0;
        int routers = 0;
        try (TestCharon charon = TestCharon.start("fz" + ProcessHandle.current().pid(), List.of())) {
            while (models < COUNT) {
                List<S2sConnection> router = random.router(Math.min(MAX_PER_ROUTER, COUNT - models));
                SwanctlConfig swanctl = new SwanctlRenderer().render(router);
                IpsecConf ipsec = new IpsecConfRenderer().render(router);
                String context = "seed " + SEED + ", router " + routers + " (" + router.stream()
                        .map(S2sConnection::name).collect(Collectors.joining(" ")) + ")";
                checkSwanctl(router, swanctl, context);
                checkIpsecConf(router, ipsec, context);
                addToLibreswanFile(router, ipsec);
                // A spread-out sample: a router is taken when the sample has fallen behind its share.
                if (charonLoaded + charonConns.size() < CHARON_SAMPLE
                        && (long) (charonLoaded + charonConns.size()) * COUNT <= (long) models * CHARON_SAMPLE) {
                    charonConns.addAll(router);
                    charonConfigs.add(swanctl);
                    if (charonConns.size() >= CONNS_PER_CHARON_LOAD) {
                        loadIntoCharon(charon);
                    }
                }
                models += router.size();
                routers++;
            }
            checkLibreswanFile();
            loadIntoCharon(charon);
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                System.out.println("RenderFuzzTest: the Libreswan file that failed is kept in " + dir);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RenderFuzzTest summary: seed %d; %d random connections (%d router configurations) rendered"
                + " and read back key by key in both dialects (swanctl.conf + secrets, ipsec.conf + ipsec.secrets);"
                + " Libreswan 4.10 addconn+readwriteconf read %d files / %d conns; charon loaded %d sampled"
                + " connections and their secrets in %d loads; validation refused candidates %s, took raw random"
                + " strings %s; %.0f s%n", SEED, models, routers, libreswanFiles, libreswanParsed, charonLoaded,
                charonLoads, random.refused(), random.rawAccepted(), seconds);
        assertEquals(COUNT, models);
        assertEquals(COUNT, libreswanParsed);
        assertTrue("charon loaded " + charonLoaded, charonLoaded >= Math.min(CHARON_SAMPLE, COUNT));
    }

    // --- swanctl ---

    private static void checkSwanctl(List<S2sConnection> router, SwanctlConfig swanctl, String context) {
        SwanctlSyntax.Section conns = parse(() -> SwanctlSyntax.parse(swanctl.connections()), swanctl.connections(),
                context);
        SwanctlSyntax.Section secrets = parse(() -> SwanctlSyntax.parse(swanctl.secrets()), swanctl.secrets(), context);
        SwanctlSyntax.Section expectedConns = new SwanctlSyntax.Section();
        SwanctlSyntax.Section connections = section(expectedConns, "connections");
        SwanctlSyntax.Section expectedSecrets = new SwanctlSyntax.Section();
        SwanctlSyntax.Section secretList = section(expectedSecrets, "secrets");
        for (S2sConnection c : router) {
            connections.sections().put(c.name(), expectedConnection(c));
            SwanctlSyntax.Section secret = section(secretList, "ike-" + c.name());
            secret.values().put("id-local", c.localPublicIp().toString());
            secret.values().put("id-remote", c.peerGateway().value());
            secret.values().put("secret", keyBytes(utf8(c.psk().value(), context)));
        }
        for (SwanctlSyntax.Section s : secrets.sections().getOrDefault("secrets", new SwanctlSyntax.Section())
                .sections().values()) {
            String value = s.values().get("secret");
            if (value != null) {
                s.values().put("secret", parse(() -> keyBytes(SwanctlSyntax.secret(value)), swanctl.secrets(), context));
            }
        }
        assertSame(expectedConns, conns, swanctl.connections(), context);
        assertSame(expectedSecrets, secrets, swanctl.secrets(), context);
    }

    private static SwanctlSyntax.Section expectedConnection(S2sConnection c) {
        long ike = c.lifetimes().ikeSeconds();
        long esp = c.lifetimes().espSeconds();
        SwanctlSyntax.Section conn = new SwanctlSyntax.Section();
        Map<String, String> v = conn.values();
        v.put("version", switch (c.ikeVersion()) {
            case IKE -> "0";
            case IKEV1 -> "1";
            case IKEV2 -> "2";
        });
        v.put("local_addrs", c.localPublicIp().toString());
        v.put("remote_addrs", c.peerGateway().value());
        v.put("proposals", SwanctlRenderer.ikeProposals(c.ikePolicy()));
        v.put("rekey_time", SwanctlRenderer.rekeyTime(ike) + "s");
        v.put("over_time", ike - SwanctlRenderer.rekeyTime(ike) + "s");
        v.put("rand_time", SwanctlRenderer.randTime(ike) + "s");
        if (!c.passive()) {
            v.put("keyingtries", "0");
        }
        if (c.forceEncap()) {
            v.put("encap", "yes");
        }
        if (c.dpd()) {
            v.put("dpd_delay", SwanctlRenderer.DPD_DELAY_SECONDS + "s");
            v.put("dpd_timeout", SwanctlRenderer.DPD_TIMEOUT_SECONDS + "s");
        }
        SwanctlSyntax.Section local = section(conn, "local");
        local.values().put("auth", "psk");
        local.values().put("id", c.localPublicIp().toString());
        SwanctlSyntax.Section remote = section(conn, "remote");
        remote.values().put("auth", "psk");
        remote.values().put("id", c.peerGateway().value());
        SwanctlSyntax.Section children = section(conn, "children");
        for (S2sChild child : c.children()) {
            Map<String, String> cv = section(children, child.name()).values();
            cv.put("local_ts", c.localCidr().toString());
            cv.put("remote_ts", child.remoteCidrs().stream().map(Cidr::toString).collect(Collectors.joining(",")));
            cv.put("esp_proposals", SwanctlRenderer.espProposals(c.espPolicy()));
            cv.put("rekey_time", SwanctlRenderer.rekeyTime(esp) + "s");
            cv.put("life_time", esp + "s");
            cv.put("rand_time", SwanctlRenderer.randTime(esp) + "s");
            if (c.dpd()) {
                cv.put("dpd_action", c.passive() ? "clear" : "restart");
            }
            cv.put("start_action", c.passive() ? "none" : "start");
        }
        return conn;
    }

    private static SwanctlSyntax.Section section(SwanctlSyntax.Section parent, String name) {
        SwanctlSyntax.Section s = new SwanctlSyntax.Section();
        parent.sections().put(name, s);
        return s;
    }

    /**
     * The key's UTF-8 bytes, the bytes a peer configured with the same text uses. A text that has none (a lone
     * surrogate) is a key validation should not have let through: any rendering of it is another key.
     */
    private static byte[] utf8(String key, String context) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(key));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new AssertionError(context + ": validation let through a key that is not Unicode text (" + e
                    + "), so no rendering can be that key");
        }
    }

    /** A key's bytes, shown so that two keys compare as text. */
    private static String keyBytes(byte[] key) {
        return "key bytes " + HexFormat.of().formatHex(key);
    }

    // --- ipsec.conf ---

    private static void checkIpsecConf(List<S2sConnection> router, IpsecConf ipsec, String context) {
        Map<String, Map<String, String>> conf = parse(() -> IpsecConfSyntax.parseConf(ipsec.conf()), ipsec.conf(),
                context);
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        List<String> expectedSecrets = new ArrayList<>();
        for (S2sConnection c : router.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList()) {
            expected.put("conn " + c.name(), expectedConn(c));
            expectedSecrets.add(List.of(c.localPublicIp().toString(), c.peerGateway().value()) + " "
                    + keyBytes(utf8(c.psk().value(), context)));
        }
        assertSame(expected, conf, ipsec.conf(), context);
        List<String> secrets = parse(() -> IpsecConfSyntax.parseSecrets(ipsec.secrets()), ipsec.secrets(), context).stream().map(s -> s.ids() + " " + keyBytes(s.psk())).toList();
        assertSame(expectedSecrets, secrets, ipsec.secrets(), context);
    }

    private static Map<String, String> expectedConn(S2sConnection c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("left", c.localPublicIp().toString());
        v.put("leftsubnet", c.localCidr().toString());
        v.put("right", c.peerGateway().value());
        v.put("rightsubnets", rightsubnets(c));
        v.put("type", "tunnel");
        v.put("authby", "secret");
        v.put("ike", IpsecConfRenderer.ike(c.ikePolicy()));
        v.put("esp", IpsecConfRenderer.esp(c.espPolicy()));
        v.put("ikelifetime", c.lifetimes().ikeSeconds() + "s");
        v.put("salifetime", c.lifetimes().espSeconds() + "s");
        v.put("pfs", c.espPolicy().pfs() ? "yes" : "no");
        if (c.dpd()) {
            v.put("dpddelay", String.valueOf(SwanctlRenderer.DPD_DELAY_SECONDS));
            v.put("dpdtimeout", String.valueOf(SwanctlRenderer.DPD_TIMEOUT_SECONDS));
            v.put("dpdaction", c.passive() ? "clear" : "restart");
        }
        v.put("keyingtries", c.passive() ? "1" : "%forever");
        v.put("ikev2", switch (c.ikeVersion()) {
            case IKE -> "permit";
            case IKEV1 -> "never";
            case IKEV2 -> "insist";
        });
        if (c.forceEncap()) {
            v.put("encapsulation", "yes");
        }
        v.put("auto", c.passive() ? "add" : "start");
        return v;
    }

    private static String rightsubnets(S2sConnection c) {
        return c.peerCidrs().cidrs().stream().map(Cidr::toString).collect(Collectors.joining(" ", "{", "}"));
    }

    // --- Libreswan ---

    private void addToLibreswanFile(List<S2sConnection> router, IpsecConf ipsec) throws IOException {
        libreswanConf.append('\n').append(ipsec.conf());
        libreswanConns.addAll(router.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList());
        if (libreswanConns.size() >= CONNS_PER_LIBRESWAN_FILE) {
            checkLibreswanFile();
        }
    }

    /**
     * addconn --checkconfig takes the file without a word, --listall lists every connection, and readwriteconf (the
     * file as Libreswan understood it) has each connection's peer, subnets, algorithms and lifetimes as written.
     */
    private void checkLibreswanFile() throws IOException {
        if (libreswanConns.isEmpty()) {
            return;
        }
        Path conf = dir.resolve("ipsec-" + (libreswanFiles + 1) + ".conf");
        Files.writeString(conf, "config setup\n" + libreswanConf, StandardCharsets.UTF_8);
        String context = "seed " + SEED + ", Libreswan file " + (libreswanFiles + 1) + " (" + conf + ")";
        Commands.Result check = Commands.run(tool("addconn"), "--config", conf.toString(), "--checkconfig");
        assertTrue(context + ": " + check, check.exitCode() == 0 && check.stderr().isEmpty());
        Commands.Result list = Commands.run(tool("addconn"), "--config", conf.toString(), "--listall");
        assertEquals(context + ": " + list, libreswanConns.stream().map(S2sConnection::name).toList(),
                List.of(list.stdout().strip().split("\\s+")));
        Commands.Result parsed = Commands.run(tool("readwriteconf"), "--config", conf.toString());
        assertTrue(context + ": " + parsed, parsed.exitCode() == 0);
        Map<String, Map<String, String>> sections = readwriteconf(parsed.stdout());
        for (S2sConnection c : libreswanConns) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("left", c.localPublicIp().toString());
            expected.put("leftsubnet", c.localCidr().toString());
            expected.put("right", c.peerGateway().value());
            expected.put("rightsubnets", rightsubnets(c));
            expected.put("ikelifetime", String.valueOf(c.lifetimes().ikeSeconds() * 1000));
            expected.put("salifetime", String.valueOf(c.lifetimes().espSeconds() * 1000));
            expected.put("ike", IpsecConfRenderer.ike(c.ikePolicy()));
            expected.put("esp", IpsecConfRenderer.esp(c.espPolicy()));
            Map<String, String> section = sections.getOrDefault(c.name(), Map.of());
            Map<String, String> actual = new LinkedHashMap<>();
            expected.keySet().forEach(k -> actual.put(k, section.get(k)));
            assertEquals(context + ": Libreswan read conn " + c.name() + " otherwise", expected, actual);
        }
        Files.delete(conf);
        libreswanFiles++;
        libreswanParsed += libreswanConns.size();
        libreswanConns.clear();
        libreswanConf.setLength(0);
    }

    /** readwriteconf's output: per connection, the first value of each key (it writes some twice). */
    private static Map<String, Map<String, String>> readwriteconf(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("conn ")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(5).strip(), current);
            } else if (!line.startsWith("\t")) {
                current = null;
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.putIfAbsent(line.substring(1, eq), line.substring(eq + 1));
            }
        }
        return sections;
    }

    private static String tool(String name) {
        return TOOLS.resolve(name).toString();
    }

    // --- charon ---

    /** Loads the sampled routers' configurations at once; every secret and connection must load and list. */
    private void loadIntoCharon(TestCharon charon) throws IOException {
        if (charonConns.isEmpty()) {
            return;
        }
        Path swanctlConf = charon.write(charonConfigs);
        Commands.Result creds = charon.swanctl("--load-creds", "--clear", "--file", swanctlConf.toString());
        charon.check(creds);
        assertEquals("seed " + SEED + ": " + creds, charonConns.stream().map(c -> "loaded ike secret 'ike-" + c.name()
                + "'").sorted().toList(), creds.stdout().lines().sorted().toList());
        Commands.Result conns = charon.swanctl("--load-conns", "--file", swanctlConf.toString());
        charon.check(conns);
        assertTrue("seed " + SEED + ": " + conns, conns.stdout().contains("successfully loaded " + charonConns.size()
                + " connections"));
        Commands.Result list = charon.swanctl("--list-conns");
        charon.check(list);
        assertEquals("seed " + SEED + ": " + list, CharonLoadsSwanctlGoldenTest.expectedListing(charonConns),
                CharonLoadsSwanctlGoldenTest.listing(list.stdout()));
        Map<String, String> blocks = connectionBlocks(list.stdout());
        for (S2sConnection c : charonConns) {
            String block = blocks.getOrDefault(c.name(), "");
            String gateway = c.peerGateway().value();
            assertTrue("seed " + SEED + ": charon has another peer address or identity for " + c.name() + ":\n" + block,
                    block.contains("\n  local:  " + c.localPublicIp() + "\n") && block.contains("\n  remote: " + gateway
                            + "\n") && block.contains("remote pre-shared key authentication:\n    id: " + gateway + "\n"));
        }
        charonLoads++;
        charonLoaded += charonConns.size();
        charonConns.clear();
        charonConfigs.clear();
    }

    /** --list-conns text by connection: each starts in the first column and runs to the next. */
    private static Map<String, String> connectionBlocks(String text) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String name = null;
        StringBuilder block = new StringBuilder();
        for (String line : (text + "\nend: \n").lines().toList()) {
            if (!line.startsWith(" ") && line.contains(": ")) {
                if (name != null) {
                    blocks.put(name, block.toString());
                }
                name = line.substring(0, line.indexOf(": "));
                block.setLength(0);
            }
            block.append(line).append('\n');
        }
        return blocks;
    }

    // --- helpers ---

    private interface Parse<T> {
        T run();
    }

    private static <T> T parse(Parse<T> parse, String text, String context) {
        try {
            return parse.run();
        } catch (IllegalArgumentException e) {
            throw new AssertionError(context + ": " + e.getMessage() + "\n--- rendered:\n" + text, e);
        }
    }

    private static void assertSame(Object expected, Object actual, String text, String context) {
        if (!expected.equals(actual)) {
            fail(context + ": a value left its key or the structure differs\n--- expected: " + expected
                    + "\n--- parsed:   " + actual + "\n--- rendered:\n" + text);
        }
    }
}
