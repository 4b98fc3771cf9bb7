package org.s2svpn.vpn.policy;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;

/** The per-value rules of a customer gateway: each failure names its API parameter first. */
public class GatewayValuesTest {
    @Test
    public void gatewayTakesAnIpv4Address() {
        PeerGateway g = PeerGateway.parse("203.0.113.5");
        assertTrue(g.isAddress());
        assertEquals("203.0.113.5", g.toString());
    }

    @Test
    public void gatewayTakesADomainName() {
        for (String name : List.of("vpn.example.com", "VPN.Example.COM", "a", "gw-1.branch-2.example", "1vpn.example.com",
                "x".repeat(63) + ".example.com", "0x7f.example.com", "0xfg", "0t1.example.com", "a.0x1g")) {
            PeerGateway g = PeerGateway.parse(name);
            assertFalse(name, g.isAddress());
            assertEquals(name, g.value());
        }
    }

    @Test
    public void gatewayRefusesIpv6() {
        assertThat(gatewayError("2001:db8::1"), containsString("is an IPv6 address"));
        assertThat(gatewayError("::ffff:203.0.113.5"), containsString("is an IPv6 address"));
    }

    @Test
    public void gatewayRefusesWhatIsNeitherAnAddressNorAName() {
        for (String bad : List.of("203.0.113.256", "203.0.113.05", "10.0.0.300", "1.2.3", ".example.com",
                "example.com.", "a..b", "-vpn.example.com", "vpn-.example.com", "vpn_1.example.com", "vpn example.com",
                "x".repeat(64) + ".example.com", "a.".repeat(95) + "bc", " 203.0.113.5", "vpn.example.com\n",
                "\"x\"", "x}y", "0x7f000001", "0Xaf", "0x", "10.0x1", "vpn.0x0a")) {
            assertThat(bad, gatewayError(bad), containsString("is neither a valid IPv4 address nor a valid domain name"));
        }
        assertThat(gatewayError(""), startsWith("gateway is empty"));
        assertThat(gatewayError(null), startsWith("gateway is missing"));
    }

    @Test
    public void gatewayRefusesAddressesNoPeerCanHave() {
        for (String bad : List.of("0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "224.0.0.5", "239.255.255.250", "240.0.0.1",
                "255.255.255.255")) {
            assertThat(bad, gatewayError(bad), containsString("is not a unicast address"));
        }
        for (String good : List.of("1.0.0.1", "126.255.255.254", "128.0.0.1", "223.255.255.254")) {
            assertTrue(good, PeerGateway.parse(good).isAddress());
        }
    }

    @Test
    public void aDomainNameHasAtMost190Characters() {
        String name190 = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".abcdefg";
        assertEquals(190, name190.length());
        PeerGateway.parse(name190);
        gatewayError(name190 + "h");
    }

    @Test
    public void cidrlistIsNormalizedToNetworkAddresses() {
        PeerCidrs cidrs = PeerCidrs.parse("10.1.1.5/24,172.16.3.7/16", 10);
        assertEquals(List.of(Cidr.parse("10.1.1.0/24"), Cidr.parse("172.16.0.0/16")), cidrs.cidrs());
        assertEquals("10.1.1.0/24,172.16.0.0/16", cidrs.toString());
    }

    @Test
    public void cidrlistRefusesInvalidEntries() {
        for (String bad : List.of("172.16.0.0/33", "10.1.1.0", "10.1.1.0/24, 10.2.0.0/16", " 10.1.1.0/24",
                "10.1.1.0/24,", ",10.1.1.0/24", "10.1.1.0/24,,10.2.0.0/16", "10.1.1.0/024", "2001:db8::/32",
                "10.1.1.0/24;10.2.0.0/16")) {
            assertThat(bad, cidrError(bad, 10), startsWith("cidrlist "));
            assertThat(bad, cidrError(bad, 10), containsString("contains an invalid cidr"));
        }
        assertThat(cidrError("", 10), startsWith("cidrlist is empty"));
        assertThat(cidrError(null, 10), startsWith("cidrlist is empty"));
    }

    @Test
    public void cidrlistHasAtMostTheSubnetsLimit() {
        String ten = "10.0.0.0/24,10.0.1.0/24,10.0.2.0/24,10.0.3.0/24,10.0.4.0/24,10.0.5.0/24,10.0.6.0/24,10.0.7.0/24,"
                + "10.0.8.0/24,10.0.9.0/24";
        assertEquals(10, PeerCidrs.parse(ten, 10).size());
        assertThat(cidrError(ten + ",10.0.10.0/24", 10), startsWith("cidrlist has 11 subnets, more than the limit of 10"));
        assertThat(cidrError("10.0.0.0/24,10.0.1.0/24", 1), containsString("more than the limit of 1"));
    }

    @Test
    public void cidrlistSubnetsMustNotOverlap() {
        assertThat(cidrError("10.1.0.0/16,10.1.2.0/24", 10), startsWith("cidrlist subnets 10.1.0.0/16 and 10.1.2.0/24 overlap"));
        // Equal once normalized.
        assertThat(cidrError("10.1.1.5/24,10.1.1.0/24", 10), containsString("overlap"));
        assertThat(cidrError("0.0.0.0/0,192.168.0.0/24", 10), containsString("overlap"));
        assertEquals(2, PeerCidrs.parse("10.1.0.0/24,10.1.1.0/24", 10).size());
    }

    @Test
    public void pskTakes8To256Characters() {
        PreSharedKey.parse("12345678");
        PreSharedKey.parse("x".repeat(256));
        // Characters, not bytes.
        PreSharedKey.parse("ü".repeat(256));
        PreSharedKey.parse("spaces, backslashes \\ and #{}= are fine");
        assertThat(pskError("1234567"), startsWith("ipsecpsk must be 8 to 256 characters long"));
        assertThat(pskError("x".repeat(257)), startsWith("ipsecpsk must be 8 to 256 characters long"));
        assertThat(pskError(""), startsWith("ipsecpsk must be 8 to 256 characters long"));
        assertThat(pskError(null), startsWith("ipsecpsk is missing"));
    }

    @Test
    public void pskRefusesQuotesAndControlCharacters() {
        assertThat(pskError("abc\"defgh"), startsWith("ipsecpsk must not contain a double quote"));
        for (String bad : List.of("abcdefgh\n", "abcd\refgh", "abcd\u0000efgh", "abcd\tefgh", "abcd\u007fefgh",
                "abcd\u0085efgh", "abcd\u2028efgh", "abcd\u2029efgh", "abcd\u001befgh")) {
            assertThat(pskError(bad), startsWith("ipsecpsk must not contain a newline or other control character"));
        }
    }

    @Test
    public void pskRefusesHalfASurrogatePairWhichHasNoBytes() {
        for (String bad : List.of("abcdefgh\ud83d", "\ude00abcdefgh", "abcd\ude00\ud83defgh")) {
            assertThat(pskError(bad), startsWith("ipsecpsk must be Unicode text"));
        }
        PreSharedKey.parse("abcdefgh\ud83d\ude00");
    }

    @Test
    public void pskIsNeverShown() {
        PreSharedKey psk = PreSharedKey.parse("very-secret-key");
        assertEquals("*****", psk.toString());
        assertEquals("very-secret-key", psk.value());
        // Nor in an error message.
        assertFalse(pskError("secret\"key").contains("secret"));
    }

    @Test
    public void lifetimesAre300To86400Seconds() {
        SaLifetimes l = new SaLifetimes(300, 86400);
        assertEquals(300, l.ikeSeconds());
        assertEquals(new SaLifetimes(86400, 3600), SaLifetimes.defaults());
        assertThat(assertThrows(InvalidValueException.class, () -> new SaLifetimes(299, 3600)).getMessage(),
                startsWith("ikelifetime must be 300 to 86400 seconds: 299"));
        assertThat(assertThrows(InvalidValueException.class, () -> new SaLifetimes(86400, 86401)).getMessage(),
                startsWith("esplifetime must be 300 to 86400 seconds: 86401"));
        // CloudStack took 0 and negative lifetimes.
        assertEquals("ikelifetime", assertThrows(InvalidValueException.class, () -> new SaLifetimes(0, 3600)).parameter());
        assertEquals("esplifetime", assertThrows(InvalidValueException.class, () -> new SaLifetimes(3600, -1)).parameter());
        assertEquals(3600, SaLifetimes.check("esplifetime", 3600));
    }

    @Test
    public void ikeversionIsIkeIkev1OrIkev2() {
        assertEquals(IkeVersion.IKE, IkeVersion.parse("ike"));
        assertEquals(IkeVersion.IKEV1, IkeVersion.parse("ikev1"));
        assertEquals(IkeVersion.IKEV2, IkeVersion.parse("IKEv2"));
        for (String bad : List.of("ikev3", "", " ike", "v2", "ike,ikev2")) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> IkeVersion.parse(bad));
            assertThat(e.getMessage(), startsWith("ikeversion must be one of ike, ikev1, ikev2"));
            assertEquals("ikeversion", e.parameter());
        }
        assertThrows(InvalidValueException.class, () -> IkeVersion.parse(null));
    }

    @Test
    public void ikev1CannotNegotiateGcmForIke() {
        IpsecPolicy gcm = IpsecPolicy.parseIke("aes128-sha1;modp2048,aes128gcm16-sha256;modp2048");
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> IkeVersion.IKEV1.requireNegotiable(gcm));
        assertEquals("ikepolicy", e.parameter());
        assertThat(e.getMessage(), containsString("IKEv1 cannot negotiate"));
        assertEquals(gcm, IkeVersion.IKEV2.requireNegotiable(gcm));
        assertEquals(gcm, IkeVersion.IKE.requireNegotiable(gcm));
        IpsecPolicy cbc = IpsecPolicy.parseIke("aes128-sha1;modp2048");
        assertEquals(cbc, IkeVersion.IKEV1.requireNegotiable(cbc));
    }

    @Test
    public void everyFailureNamesItsParameter() {
        assertEquals("gateway", assertThrows(InvalidValueException.class, () -> PeerGateway.parse("x_y")).parameter());
        assertEquals("cidrlist", assertThrows(InvalidValueException.class, () -> PeerCidrs.parse("x", 10)).parameter());
        assertEquals("ipsecpsk", assertThrows(InvalidValueException.class, () -> PreSharedKey.parse("x")).parameter());
    }

    private static String gatewayError(String value) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PeerGateway.parse(value));
        assertEquals("gateway", e.parameter());
        assertThat(e.getMessage(), startsWith("gateway "));
        return e.getMessage();
    }

    private static String cidrError(String value, int limit) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PeerCidrs.parse(value, limit));
        assertEquals("cidrlist", e.parameter());
        return e.getMessage();
    }

    private static String pskError(String value) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PreSharedKey.parse(value));
        assertEquals("ipsecpsk", e.parameter());
        return e.getMessage();
    }
}
