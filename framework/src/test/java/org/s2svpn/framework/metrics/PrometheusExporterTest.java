package org.s2svpn.framework.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.Test;

public class PrometheusExporterTest {

    @Test
    public void allowedIpsAreIpv4AndIpv6AddressesSeparatedByCommas() throws Exception {
        assertNull(PrometheusExporter.checkAddresses("127.0.0.1"));
        assertNull(PrometheusExporter.checkAddresses("127.0.0.1,192.0.2.7,::1,2001:db8::5"));
        assertEquals(Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"), InetAddress.getByName("192.0.2.7")),
                PrometheusExporter.addresses("127.0.0.1, 0:0:0:0:0:0:0:1,192.0.2.7"));
    }

    @Test
    public void namesRangesAndShortFormsAreRefusedSayingWhich() {
        for (String refused : new String[] {"localhost", "prometheus.example.org", "10.0.0.0/8", "127.1", "256.0.0.1", "127.0.0.1;10.0.0.1"}) {
            String problem = PrometheusExporter.checkAddresses("127.0.0.1," + refused);
            assertTrue(refused + ": " + problem, problem != null && problem.contains(refused));
        }
    }
}
