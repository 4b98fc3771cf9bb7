package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

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
    private final String caseName;
    private final List<S2sConnection> connections;
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
        LibreswanTools.require();
        conf = LibreswanTools.write(GoldenCases.read(caseName, "ipsec.conf"));
    }

    @After
    public void removeConf() throws IOException {
        LibreswanTools.remove(conf);
    }

    @Test
    public void addconnChecksTheConfigWithoutAComplaint() {
        LibreswanTools.assertCheckconfigIsClean(conf);
    }

    @Test
    public void addconnListsEveryConnection() {
        assertEquals(connectionNames(), LibreswanTools.listall(conf));
    }

    @Test
    public void libreswanReadsTheLifetimesAndIkeVersion() {
        Commands.Result parsed = Commands.run(LibreswanTools.tool("readwriteconf"), "--config", conf.toString());
        assertEquals(parsed.toString(), 0, parsed.exitCode());
        Map<String, String> sections = LibreswanTools.sections(parsed.stdout());
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
            LibreswanTools.algparse(version, "-pfs=no", "ike=" + IpsecConfRenderer.ike(c.ikePolicy()));
            LibreswanTools.algparse(version, c.espPolicy().pfs() ? "-pfs=yes" : "-pfs=no", "esp=" + IpsecConfRenderer.esp(c.espPolicy()));
        }
    }

    private List<S2sConnection> sorted() {
        return connections.stream().sorted(Comparator.comparingLong(S2sConnection::id)).toList();
    }

    private List<String> connectionNames() {
        return sorted().stream().map(S2sConnection::name).toList();
    }
}
