package org.s2svpn.vpn.render;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.IpsecPolicy;

public class IpsecConfRendererTest {
    private final IpsecConfRenderer renderer = new IpsecConfRenderer();

    private String render(S2sConnection.Builder b) {
        return renderer.render(List.of(b.build())).conf();
    }

    @Test
    public void gcmIsSpelledAsLibreswanReadsIt() {
        assertEquals("aes_gcm128-sha256;modp2048,aes256-sha1;modp2048",
                IpsecConfRenderer.ike(IpsecPolicy.parseIke("aes128gcm16-sha256;modp2048,aes256-sha1;modp2048")));
        assertEquals("aes_gcm256;ecp384,aes128-sha1;ecp384",
                IpsecConfRenderer.esp(IpsecPolicy.parseEsp("aes256gcm16-sha256;ecp384,aes128-sha1;ecp384")));
    }

    @Test
    public void pfsFollowsTheEspGroup() {
        assertThat(render(S2sConnectionTest.connection()), containsString("    pfs=no\n"));
        assertThat(render(S2sConnectionTest.connection().espPolicy("aes128-sha1;modp2048")),
                containsString("    esp=aes128-sha1;modp2048\n    ikelifetime=86400s\n    salifetime=3600s\n    pfs=yes\n"));
    }

    @Test
    public void ikeversionMapsToIkev2() {
        assertThat(render(S2sConnectionTest.connection()), containsString("    ikev2=permit\n"));
        assertThat(render(S2sConnectionTest.connection().ikeVersion(IkeVersion.IKEV1)), containsString("    ikev2=never\n"));
        assertThat(render(S2sConnectionTest.connection().ikeVersion(IkeVersion.IKEV2)), containsString("    ikev2=insist\n"));
    }

    @Test
    public void passiveConnectionsWaitForThePeer() {
        String passive = render(S2sConnectionTest.connection().passive(true).dpd(true));
        assertThat(passive, containsString("    auto=add\n"));
        assertThat(passive, containsString("    dpdaction=clear\n"));
        String active = render(S2sConnectionTest.connection().dpd(true));
        assertThat(active, containsString("    auto=start\n"));
        assertThat(active, containsString("    dpddelay=30\n    dpdtimeout=120\n    dpdaction=restart\n"));
        assertThat(active, containsString("    keyingtries=%forever\n"));
    }

    @Test
    public void remoteSubnetsAreAlwaysRightsubnets() {
        assertThat(render(S2sConnectionTest.connection()), containsString("    rightsubnets={10.2.0.0/16 10.3.0.0/24}\n"));
        assertThat(render(S2sConnectionTest.connection().forceEncap(true)), containsString("    encapsulation=yes\n"));
        assertThat(render(S2sConnectionTest.connection()), not(containsString("encapsulation")));
    }

    @Test
    public void secretsAreOneRecordPerConnectionWithTheKeyOnAContinuationLine() {
        IpsecConf conf = renderer.render(List.of(S2sConnectionTest.connection().psk("a key with spaces").build()));
        assertEquals("198.51.100.10 203.0.113.50\n    : PSK \"a key with spaces\"\n", conf.secrets());
    }

    /** Libreswan reads a token that starts with 0t to the end of its line: such a peer must not swallow the key. */
    @Test
    public void aPeerNamedLikeATextTokenKeepsItsKey() {
        IpsecConf conf = renderer.render(List.of(S2sConnectionTest.connection().peerGateway("0t1.example.com")
                .psk("the-secret-key").build()));
        assertEquals("198.51.100.10 0t1.example.com\n    : PSK \"the-secret-key\"\n", conf.secrets());
    }
}
