package org.s2svpn.vpn.render;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;
import org.s2svpn.vpn.policy.InvalidValueException;

/**
 * Each customer gateway configuration renders exactly as its golden file under src/test/resources/device-golden/
 * says (a difference fails with a line diff); regenerate after a deliberate change and review with git diff:
 *
 * <pre>mvn -o test -pl plugins/network-elements/site2site-vpn -Dtest=DeviceConfigGoldenTest -Ds2svpn.golden.update=true</pre>
 */
public class DeviceConfigGoldenTest {
    @Test
    public void everyVendorRendersEveryCaseAsItsGoldenFile() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, S2sConnection> c : DeviceConfigCases.all().entrySet()) {
            for (Map.Entry<String, String> file : DeviceConfigCases.render(c.getValue()).entrySet()) {
                GoldenRenderingTest.compare(DeviceConfigCases.DIR.resolve(c.getKey()).resolve(file.getKey()), file.getValue(), mismatches);
            }
        }
        if (!mismatches.isEmpty()) {
            fail(String.join("\n", mismatches));
        }
    }

    @Test
    public void noGoldenFileIsLeftWithoutItsCase() throws IOException {
        Set<String> expected = new TreeSet<>();
        DeviceConfigCases.all().forEach((name, c) -> DeviceConfigCases.render(c).keySet().forEach(f -> expected.add(name + "/" + f)));
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DeviceConfigCases.DIR)) {
            files.filter(Files::isRegularFile).forEach(p -> found.add(DeviceConfigCases.DIR.relativize(p).toString()));
        }
        assertEquals(expected, found);
    }

    @Test
    public void onlyLibreswanHasSecretsApart() {
        S2sConnection c = DeviceConfigCases.all().get("ikev2-pfs");
        for (DeviceVendor vendor : DeviceVendor.values()) {
            DeviceConfig config = vendor.render(c);
            if (vendor == DeviceVendor.LIBRESWAN) {
                assertTrue(config.secrets(), config.secrets().contains("\"" + c.psk().value() + "\""));
                assertTrue(config.configuration(), !config.configuration().contains(c.psk().value()));
            } else {
                assertNull(vendor + " keeps the key in its configuration", config.secrets());
            }
            assertTrue("toString never shows the key", !config.toString().contains(c.psk().value()));
        }
    }

    @Test
    public void aVendorIsOneOfTheFourExactly() {
        for (DeviceVendor vendor : DeviceVendor.values()) {
            assertEquals(vendor, DeviceVendor.parse(vendor.token()));
        }
        for (String wrong : new String[] {"Cisco-IOS", "cisco", "", " strongswan", "openswan", null}) {
            try {
                DeviceVendor.parse(wrong);
                fail("accepted " + wrong);
            } catch (InvalidValueException e) {
                assertEquals(DeviceVendor.PARAMETER, e.parameter());
                assertTrue(e.getMessage(), e.getMessage().contains("cisco-ios, juniper-srx, strongswan, libreswan"));
            }
        }
    }
}
