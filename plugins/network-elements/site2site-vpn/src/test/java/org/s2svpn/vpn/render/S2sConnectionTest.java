package org.s2svpn.vpn.render;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.InvalidValueException;
import org.s2svpn.vpn.policy.IpsecPolicy;

public class S2sConnectionTest {
    static S2sConnection.Builder connection() {
        return S2sConnection.builder().id(7).localPublicIp("198.51.100.10").localCidr("10.1.0.0/16")
                .peerGateway("203.0.113.50").peerCidrs("10.2.0.0/16,10.3.0.0/24").psk("the-secret-key")
                .ikePolicy("aes128-sha1;modp1536").espPolicy("aes128-sha1");
    }

    @Test
    public void namesFollowTheRouterContract() {
        S2sConnection c = connection().build();
        assertEquals("vpn-7", c.name());
        assertEquals(List.of("vpn-7"), c.childNames());
        assertEquals(List.of(new S2sChild("vpn-7", List.of(Cidr.parse("10.2.0.0/16"), Cidr.parse("10.3.0.0/24")))),
                c.children());
    }

    @Test
    public void splitConnectionsGiveEachRemoteSubnetAChild() {
        S2sConnection c = connection().peerCidrs("10.2.0.0/16,10.3.0.0/24,10.4.0.0/24").splitConnections(true).build();
        assertTrue(c.splits());
        assertEquals(List.of("vpn-7", "vpn-7-2", "vpn-7-3"), c.childNames());
        assertEquals(List.of(Cidr.parse("10.4.0.0/24")), c.children().get(2).remoteCidrs());
    }

    @Test
    public void ikev1AlwaysSplitsSinceItCarriesOnePairOfSubnetsPerChild() {
        S2sConnection c = connection().ikeVersion(IkeVersion.IKEV1).build();
        assertTrue(c.splits());
        assertEquals(List.of("vpn-7", "vpn-7-2"), c.childNames());
    }

    @Test
    public void oneRemoteSubnetIsOneChildEvenWhenSplitting() {
        S2sConnection c = connection().peerCidrs("10.2.0.0/16").splitConnections(true).build();
        assertFalse(c.splits());
        assertEquals(List.of("vpn-7"), c.childNames());
    }

    @Test
    public void defaultsAreCloudStacks() {
        S2sConnection c = connection().build();
        assertEquals(86400, c.lifetimes().ikeSeconds());
        assertEquals(3600, c.lifetimes().espSeconds());
        assertEquals(IkeVersion.IKE, c.ikeVersion());
        assertFalse(c.dpd() || c.forceEncap() || c.passive() || c.splitConnections());
    }

    @Test
    public void toStringNeverShowsTheKey() {
        S2sConnection c = connection().psk("the-secret-key").build();
        assertFalse(c.toString(), c.toString().contains("the-secret-key"));
        assertThat(c.toString(), containsString("psk=*****"));
        assertThat(c.toString(), containsString("peerGateway=203.0.113.50"));
        SwanctlConfig swanctl = new SwanctlRenderer().render(List.of(c));
        assertFalse(swanctl.toString().contains("the-secret-key"));
        String hex = SwanctlRenderer.hexSecret("the-secret-key");
        assertFalse(swanctl.toString().contains(hex));
        assertTrue(swanctl.secrets().contains(hex));
        IpsecConf ipsec = new IpsecConfRenderer().render(List.of(c));
        assertFalse(ipsec.toString().contains("the-secret-key"));
        assertTrue(ipsec.secrets().contains("the-secret-key"));
    }

    @Test
    public void refusesWhatCannotBeATunnel() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> connection().id(0).build()).getMessage(),
                containsString("id must be positive"));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> connection().peerCidrs("10.1.2.0/24").build()).getMessage(),
                containsString("remote subnet 10.1.2.0/24 overlaps the VPC CIDR 10.1.0.0/16"));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> connection().peerGateway("198.51.100.10").build()).getMessage(),
                containsString("the router's own address"));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> connection().ikePolicy(IpsecPolicy.parseEsp("aes128-sha1")).build()).getMessage(),
                containsString("ikePolicy is an ESP policy"));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> connection().espPolicy(IpsecPolicy.parseIke("aes128-sha1;modp1536")).build()).getMessage(),
                containsString("espPolicy is an IKE policy"));
        assertThrows(InvalidValueException.class,
                () -> connection().ikePolicy("aes128gcm16-sha256;modp2048").ikeVersion("ikev1").build());
        assertThrows(NullPointerException.class, () -> connection().psk((org.s2svpn.vpn.policy.PreSharedKey) null).build());
    }
}
