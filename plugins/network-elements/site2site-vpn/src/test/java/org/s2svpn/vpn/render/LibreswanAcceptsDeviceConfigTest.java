package org.s2svpn.vpn.render;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * Every golden Libreswan customer gateway configuration is read by Libreswan's own parsers (see
 * {@link LibreswanAcceptsIpsecConfGoldenTest} for what each checks and misses): {@code addconn --checkconfig}
 * without a complaint, {@code --listall} with the one connection, {@code readwriteconf} with the lifetimes and the
 * IKE version the router speaks, {@code algparse} with every proposal list; and its ipsec.secrets record, read as
 * Libreswan's lexer reads it, holds the gateway's and the router's ids and the key byte for byte.
 */
@RunWith(Parameterized.class)
public class LibreswanAcceptsDeviceConfigTest {
    private final String caseName;
    private final S2sConnection connection;
    private Path conf;

    public LibreswanAcceptsDeviceConfigTest(String caseName, S2sConnection connection) {
        this.caseName = caseName;
        this.connection = connection;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() {
        return DeviceConfigCases.all().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
    }

    @Before
    public void writeConf() throws IOException {
        LibreswanTools.require();
        conf = LibreswanTools.write(DeviceConfigCases.read(caseName, "libreswan.conf"));
    }

    @After
    public void removeConf() throws IOException {
        LibreswanTools.remove(conf);
    }

    @Test
    public void addconnChecksTheConfigWithoutAComplaintAndListsTheConnection() {
        LibreswanTools.assertCheckconfigIsClean(conf);
        assertEquals(List.of(connection.name()), LibreswanTools.listall(conf));
    }

    @Test
    public void libreswanReadsTheLifetimesAndTheRoutersIkeVersion() {
        Commands.Result parsed = Commands.run(LibreswanTools.tool("readwriteconf"), "--config", conf.toString());
        assertEquals(parsed.toString(), 0, parsed.exitCode());
        String section = LibreswanTools.sections(parsed.stdout()).get(connection.name());
        assertTrue(parsed.toString(), section != null);
        assertTrue(section, section.contains("\tikelifetime=" + connection.lifetimes().ikeSeconds() * 1000 + "\n"));
        assertTrue(section, section.contains("\tsalifetime=" + connection.lifetimes().espSeconds() * 1000 + "\n"));
        boolean ikev2 = connection.ikeVersion() != IkeVersion.IKEV1;
        assertTrue(section, section.contains("\tikev2=" + (ikev2 ? "yes" : "no") + "\n"));
        assertTrue(section, section.contains("\tright=" + connection.localPublicIp() + "\n"));
        assertTrue(section, section.contains("\trightsubnet=" + connection.localCidr() + "\n"));
    }

    @Test
    public void algparseTakesEveryProposalList() {
        String version = connection.ikeVersion() == IkeVersion.IKEV1 ? "-v1" : "-v2";
        LibreswanTools.algparse(version, "-pfs=no", "ike=" + IpsecConfRenderer.ike(connection.ikePolicy()));
        LibreswanTools.algparse(version, connection.espPolicy().pfs() ? "-pfs=yes" : "-pfs=no",
                "esp=" + IpsecConfRenderer.esp(connection.espPolicy()));
    }

    @Test
    public void theSecretsRecordHoldsBothIdsAndTheKey() {
        List<IpsecConfSyntax.Secret> secrets = IpsecConfSyntax.parseSecrets(DeviceConfigCases.read(caseName, "libreswan.secrets"));
        assertEquals(1, secrets.size());
        String gateway = connection.peerGateway().value();
        assertEquals(List.of(connection.peerGateway().isAddress() ? gateway : "@" + gateway, connection.localPublicIp().toString()),
                secrets.get(0).ids());
        assertArrayEquals(connection.psk().value().getBytes(StandardCharsets.UTF_8), secrets.get(0).psk());
    }
}
