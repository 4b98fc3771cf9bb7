package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.s2svpn.vpn.policy.DhGroup;

/**
 * Every golden ipsec.conf is read by Libreswan's own parsers (4.10, Debian 12), unpacked by scripts/test-deps.sh
 * into /var/cache/s2svpn/libreswan (the package conflicts with strongSwan's, so it is never installed):
 * <ul>
 * <li>{@code addconn --checkconfig} must exit 0 with nothing on stderr. It checks keywords and enumerated values
 *     ({@code dpdaction=bogus} fails) but not everything: it reports a bad {@code leftsubnet} on stderr with exit
 *     0, and drops a lifetime it cannot read ({@code ikelifetime=abc}) without a word. Hence also:
 * <li>{@code addconn --listall} must list exactly the connections;
 * <li>{@code readwriteconf} (the parsed config written back) must show each lifetime in milliseconds and the IKE
 *     version Libreswan settled on;
 * <li>{@code algparse} must take every {@code ike=} and {@code esp=} list for that IKE version, with PFS when
 *     {@code pfs=yes}: addconn does not look at algorithms at all. The one exception is {@code modp1024}, which
 *     Libreswan 4 no longer implements (RFC 8247); OpenSwan had it, and CloudStack offers it, so the renderer keeps
 *     it, and the test checks that nothing else in such a list is refused.
 * </ul>
 */
@RunWith(Parameterized.class)
public class LibreswanAcceptsIpsecConfGoldenTest {
    private static final Path LIBRESWAN = Path.of(System.getProperty("s2svpn.libreswan.dir",
            "/var/cache/s2svpn/libreswan"));
    private static final Path TOOLS = LIBRESWAN.resolve("usr/libexec/ipsec");

    private final String caseName;
    private final List<S2sConnection> connections;
    private Path dir;
    private Path conf;

    public LibreswanAcceptsIpsecConfGoldenTest(String caseName, List<S2sConnection> connections) {
        this.caseName = caseName;
        this.connections = connections;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() {
        return GoldenCases.all().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
    }

    @Before
    public void writeConf() throws IOException {
        for (String tool : List.of("addconn", "readwriteconf", "algparse")) {
            if (!Files.isExecutable(TOOLS.resolve(tool))) {
                fail("Libreswan's " + tool + " is missing from " + TOOLS + ": run scripts/test-deps.sh (as root), which"
                        + " unpacks the libreswan package there");
            }
        }
        dir = Files.createTempDirectory("s2svpn-libreswan");
        conf = dir.resolve("ipsec.conf");
        Files.writeString(conf, GoldenCases.read(caseName, "ipsec.conf"), StandardCharsets.UTF_8);
    }

    @After
    public void removeConf() throws IOException {
        if (conf != null) {
            Files.deleteIfExists(conf);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    public void addconnChecksTheConfigWithoutAComplaint() {
        Commands.Result check = Commands.run(tool("addconn"), "--config", conf.toString(), "--checkconfig");
        assertEquals(check.toString(), 0, check.exitCode());
        assertEquals(check.toString(), "", check.stderr());
    }

    @Test
    public void addconnListsEveryConnection() {
        Commands.Result list = Commands.run(tool("addconn"), "--config", conf.toString(), "--listall");
        assertEquals(list.toString(), 0, list.exitCode());
        List<String> names = List.of(list.stdout().strip().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
        assertEquals(list.toString(), connectionNames(), names);
    }

    @Test
    public void libreswanReadsTheLifetimesAndIkeVersion() {
        Commands.Result parsed = Commands.run(tool("readwriteconf"), "--config", conf.toString());
        assertEquals(parsed.toString(), 0, parsed.exitCode());
        Map<String, String> sections = sections(parsed.stdout());
        for (S2sConnection c : sorted()) {
            String section = sections.get(c.name());
            assertTrue(parsed.toString(), section != null);
            assertTrue(section, section.contains("\tikelifetime=" + c.lifetimes().ikeSeconds() * 1000 + "\n"));
            assertTrue(section, section.contains("\tsalifetime=" + c.lifetimes().espSeconds() * 1000 + "\n"));
            // Libreswan 4 has no "either version": it reads permit as IKEv1.
            String ikev2 = switch (c.ikeVersion()) {
                case IKEV2 -> "yes";
                case IKE, IKEV1 -> "no";
            };
            assertTrue(section, section.contains("\tikev2=" + ikev2 + "\n"));
        }
    }

    @Test
    public void algparseTakesEveryProposalList() {
        for (S2sConnection c : sorted()) {
            String version = c.ikeVersion() == org.s2svpn.vpn.policy.IkeVersion.IKEV2 ? "-v2" : "-v1";
            algparse(version, "-pfs=no", "ike=" + IpsecConfRenderer.ike(c.ikePolicy()));
            algparse(version, c.espPolicy().pfs() ? "-pfs=yes" : "-pfs=no", "esp=" + IpsecConfRenderer.esp(c.espPolicy()));
        }
    }

    private void algparse(String version, String pfs, String proposals) {
        Commands.Result result = Commands.run(tool("algparse"), version, pfs, proposals);
        String modp1024 = DhGroup.MODP1024.token();
        if (proposals.contains(modp1024)) {
            assertTrue(result.toString(), result.exitCode() != 0
                    && result.stdout().contains("DH algorithm '" + modp1024 + "' is not supported"));
            // Everything else in the list is fine: with a group Libreswan still has, it parses.
            algparse(version, pfs, proposals.replace(modp1024, DhGroup.MODP1536.token()));
            return;
        }
        assertEquals(result.toString(), 0, result.exitCode());
        assertTrue(result.toString(), !result.stdout().contains("ERROR") && !result.stderr().contains("ERROR"));
    }

    private List<S2sConnection> sorted() {
        return connections.stream().sorted(Comparator.comparingLong(S2sConnection::id)).toList();
    }

    private List<String> connectionNames() {
        return sorted().stream().map(S2sConnection::name).toList();
    }

    /** readwriteconf's output, by connection: the lines of each {@code conn} section. */
    private static Map<String, String> sections(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : (text + "\n").lines().toList()) {
            if (!line.startsWith("\t")) {
                if (name != null) {
                    sections.put(name, String.join("\n", lines) + "\n");
                }
                name = line.startsWith("conn ") ? line.substring(5).strip() : null;
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        return sections;
    }

    private static String tool(String name) {
        return TOOLS.resolve(name).toString();
    }
}
