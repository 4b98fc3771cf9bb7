package org.s2svpn.vpn.render;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.IpsecPolicy;

/** The rules of the swanctl rendering one by one; the golden files show them together. */
public class SwanctlRendererTest {
    private final SwanctlRenderer renderer = new SwanctlRenderer();

    private String render(S2sConnection.Builder b) {
        return renderer.render(List.of(b.build())).connections();
    }

    @Test
    public void ikeversionMapsToSwanctlsVersion() {
        assertThat(render(S2sConnectionTest.connection()), containsString("version = 0\n"));
        assertThat(render(S2sConnectionTest.connection().ikeVersion(IkeVersion.IKEV1)), containsString("version = 1\n"));
        assertThat(render(S2sConnectionTest.connection().ikeVersion(IkeVersion.IKEV2)), containsString("version = 2\n"));
    }

    @Test
    public void proposalsUseDashesAndGcmUsesItsHashAsPrf() {
        assertEquals("aes128-sha1-modp1536,3des-md5-modp1024",
                SwanctlRenderer.ikeProposals(IpsecPolicy.parseIke("aes128-sha1;modp1536,3des-md5;modp1024")));
        assertEquals("aes128gcm16-prfsha256-modp2048,aes256gcm16-prfsha384-ecp384",
                SwanctlRenderer.ikeProposals(IpsecPolicy.parseIke("aes128gcm16-sha256;modp2048,aes256gcm16-sha384;ecp384")));
        assertEquals("aes128gcm16,aes256-sha256",
                SwanctlRenderer.espProposals(IpsecPolicy.parseEsp("aes128gcm16-sha256,aes256-sha256")));
        assertEquals("aes256gcm16-curve25519,aes128-sha1-curve25519",
                SwanctlRenderer.espProposals(IpsecPolicy.parseEsp("aes256gcm16-sha512;curve25519,aes128-sha1;curve25519")));
    }

    @Test
    public void proposalsAreStrict() {
        String text = render(S2sConnectionTest.connection());
        assertThat(text, not(containsString("default")));
        assertThat(text, not(containsString("!")));
    }

    @Test
    public void lifetimesAreHardLimitsWithRekeyingAt85To90Percent() {
        String text = render(S2sConnectionTest.connection().lifetimes(28800, 3600));
        assertThat(text, containsString("        rekey_time = 25920s\n        over_time = 2880s\n        rand_time = 1440s\n"));
        assertThat(text, containsString("rekey_time = 3240s\n                life_time = 3600s\n"
                + "                rand_time = 180s\n"));
    }

    @Test
    public void dpdRestartsForInitiatorsAndClearsForPassiveConnections() {
        assertThat(render(S2sConnectionTest.connection()), not(containsString("dpd")));
        String active = render(S2sConnectionTest.connection().dpd(true));
        assertThat(active, containsString("dpd_delay = 30s\n"));
        assertThat(active, containsString("dpd_action = restart\n"));
        assertThat(render(S2sConnectionTest.connection().dpd(true).passive(true)), containsString("dpd_action = clear\n"));
    }

    @Test
    public void initiatorsStartWhenLoadedAndRetryForeverPassiveOnesOnlyRespond() {
        String active = render(S2sConnectionTest.connection());
        assertThat(active, containsString("keyingtries = 0\n"));
        assertThat(active, containsString("start_action = start\n"));
        assertThat(active, not(containsString("start_action = none")));
        String passive = render(S2sConnectionTest.connection().passive(true));
        assertThat(passive, not(containsString("keyingtries")));
        assertThat(passive, containsString("start_action = none\n"));
    }

    @Test
    public void forceencapForcesUdpEncapsulation() {
        assertThat(render(S2sConnectionTest.connection()), not(containsString("encap")));
        assertThat(render(S2sConnectionTest.connection().forceEncap(true)), containsString("encap = yes\n"));
    }

    @Test
    public void everyUserValueIsQuotedSoNothingCanInjectConfiguration() {
        SwanctlConfig c = renderer.render(List.of(S2sConnectionTest.connection()
                .psk("k\\ey } secrets { ike-x { secret = 1").build()));
        assertThat(c.secrets(), containsString("secret = 0x" + HexFormat.of().formatHex(
                "k\\ey } secrets { ike-x { secret = 1".getBytes(StandardCharsets.UTF_8)) + "\n"));
        assertEquals("\"a\\\\b\\\"c\"", SwanctlRenderer.quote("a\\b\"c"));
        assertThrows(IllegalArgumentException.class, () -> SwanctlRenderer.quote("a\nb"));
    }

    /** swanctl would read a key written as 0x... or 0s... text as hex or base64: in hex it is always the text. */
    @Test
    public void aKeyThatLooksEncodedIsStillItsText() {
        SwanctlConfig c = renderer.render(List.of(S2sConnectionTest.connection().psk("0xdeadbeef").build()));
        assertThat(c.secrets(), containsString("secret = 0x30786465616462656566\n"));
        assertEquals("0xc3a93020f09f9880", SwanctlRenderer.hexSecret("\u00e90 \ud83d\ude00"));
    }

    @Test
    public void twoConnectionsToOnePeerAreRefused() {
        S2sConnection a = S2sConnectionTest.connection().id(1).build();
        S2sConnection b = S2sConnectionTest.connection().id(2).peerCidrs("10.9.0.0/16").build();
        assertThat(assertThrows(IllegalArgumentException.class, () -> renderer.render(List.of(a, b))).getMessage(),
                containsString("have the same peer gateway 203.0.113.50"));
        assertThrows(IllegalArgumentException.class, () -> renderer.render(List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> new IpsecConfRenderer().render(List.of(a, b)));
    }

    @Test
    public void theOrderGivenDoesNotChangeTheRendering() {
        S2sConnection a = S2sConnectionTest.connection().id(1).build();
        S2sConnection b = S2sConnectionTest.connection().id(2).peerGateway("203.0.113.60").build();
        assertEquals(renderer.render(List.of(a, b)), renderer.render(List.of(b, a)));
        assertEquals(new IpsecConfRenderer().render(List.of(a, b)), new IpsecConfRenderer().render(List.of(b, a)));
    }
}
