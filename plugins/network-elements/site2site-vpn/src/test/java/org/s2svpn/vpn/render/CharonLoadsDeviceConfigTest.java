package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
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
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * Every golden strongSwan customer gateway configuration is loaded by a real charon (strongSwan 5.9, in a namespace
 * of its own) exactly as its users are told to: the one file, {@code swanctl --load-all --file <file>}. Everything
 * loads without a complaint, and {@code --list-conns} shows the connection in the router's IKE version with the
 * router's CHILD SAs, ends swapped: the customer subnets local, the VPC remote. (The end-to-end proof, a tunnel
 * with our router from nothing but this file, is S2sDeviceConfigTunnelTest in test/.)
 */
@RunWith(Parameterized.class)
public class CharonLoadsDeviceConfigTest {
    private static TestCharon charon;

    private final String caseName;
    private final S2sConnection connection;

    public CharonLoadsDeviceConfigTest(String caseName, S2sConnection connection) {
        this.caseName = caseName;
        this.connection = connection;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() {
        return DeviceConfigCases.all().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
    }

    @BeforeClass
    public static void startCharon() throws Exception {
        charon = TestCharon.start("s2svpn-d" + ProcessHandle.current().pid(), List.of());
    }

    @AfterClass
    public static void stopCharon() {
        if (charon != null) {
            charon.close();
        }
    }

    @Test
    public void charonLoadsTheWholeFileAsIs() throws IOException {
        Path file = charon.stateDir.resolve("device.conf");
        Files.writeString(file, DeviceConfigCases.read(caseName, "strongswan.conf"), StandardCharsets.UTF_8);
        Commands.Result load = charon.swanctl("--load-all", "--clear", "--noprompt", "--file", file.toString());
        charon.check(load);
        assertTrue(load.toString(), load.stdout().contains("loaded ike secret 'ike-" + connection.name() + "'"));
        assertTrue(load.toString(), load.stdout().contains("successfully loaded 1 connections"));

        Commands.Result list = charon.swanctl("--list-conns");
        charon.check(list);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(connection.name(), connection.ikeVersion() == IkeVersion.IKEV1 ? "IKEv1" : "IKEv2");
        for (S2sChild child : connection.children()) {
            expected.put(connection.name() + "/" + child.name(), "local " + child.remoteCidrs().stream().map(Cidr::toString)
                    .collect(Collectors.joining(" ")) + " remote " + connection.localCidr());
        }
        assertEquals(list.toString(), expected, CharonLoadsSwanctlGoldenTest.listing(list.stdout()));
    }
}
