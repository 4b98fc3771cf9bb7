package org.s2svpn.vpn.render;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * Two routers' charons face to face on a veth pair negotiate the rendered connections for real: the router
 * initiates, the peer (rendered as its mirror image, passive) answers. This is what a golden file cannot show: that
 * the proposals mean what they say (GCM with its PRF, PFS groups, IKEv1), and that the key charon reads from the
 * rendering (hex) is the key the user gave. The peer is given the key as base64, written here from the user's key,
 * so a mistake in the rendering cannot cancel itself out on both sides.
 */
public class TunnelNegotiationTest {
    private static final String ROUTER_IP = "198.51.100.10";
    private static final String PEER_IP = "198.51.100.20";
    private static final Pattern SECRET = Pattern.compile("secret = 0x([0-9a-f]*)\n");

    private TestCharon router;
    private TestCharon peer;

    @Before
    public void connectTwoRouters() throws Exception {
        long pid = ProcessHandle.current().pid();
        String a = "s2svpn-ra" + pid;
        String b = "s2svpn-rb" + pid;
        String linkA = "s2sa" + pid;
        String linkB = "s2sb" + pid;
        router = TestCharon.start(a, List.of());
        // A veth pair straight between the two namespaces: no bridge, nothing in the root namespace.
        peer = TestCharon.start(b, List.of(
                List.of("ip", "link", "add", linkA, "netns", a, "type", "veth", "peer", "name", linkB, "netns", b),
                List.of("ip", "-n", a, "addr", "add", ROUTER_IP + "/24", "dev", linkA),
                List.of("ip", "-n", b, "addr", "add", PEER_IP + "/24", "dev", linkB),
                List.of("ip", "-n", a, "link", "set", "lo", "up"),
                List.of("ip", "-n", b, "link", "set", "lo", "up"),
                List.of("ip", "-n", a, "link", "set", linkA, "up"),
                List.of("ip", "-n", b, "link", "set", linkB, "up")));
    }

    @After
    public void disconnect() {
        if (peer != null) {
            peer.close();
        }
        if (router != null) {
            router.close();
        }
    }

    @Test
    public void ikev2WithGcmCurve25519PfsAndAKeyFullOfSpecialCharacters() throws Exception {
        // It starts with 0x, which swanctl would decode as hex if the key were written as text.
        String psk = "0xs3cr\\et #{not} a=comment's \\\" $(x) } \u00e9\ud83d\ude00";
        S2sConnection.Builder side = S2sConnection.builder().id(1).psk(psk.replace("\"", ""))
                .ikePolicy("aes256gcm16-sha384;curve25519").espPolicy("aes256gcm16-sha256;curve25519")
                .ikeVersion(IkeVersion.IKEV2).dpd(true);
        String sas = negotiate(side, "10.1.0.0/16", "10.2.0.0/16", "10.2.0.0/16", "10.1.0.0/16");
        assertThat(sas, containsString("ESTABLISHED, IKEv2"));
        assertThat(sas, containsString("AES_GCM_16-256/PRF_HMAC_SHA2_384/CURVE_25519"));
        assertThat(sas, containsString("ESP:AES_GCM_16-256"));
        assertEquals(1, count(sas, "INSTALLED"));
    }

    @Test
    public void ikev1WithThe2012CiscoPolicyAndOneChildPerRemoteSubnet() throws Exception {
        S2sConnection.Builder side = S2sConnection.builder().id(3).psk("cisco-2012-key")
                .ikePolicy("3des-md5;modp1536").espPolicy("3des-md5").ikeVersion(IkeVersion.IKEV1).dpd(true);
        String sas = negotiate(side, "10.1.0.0/16", "10.2.0.0/16,10.3.0.0/16", "10.2.0.0/15", "10.1.0.0/16");
        assertThat(sas, containsString("ESTABLISHED, IKEv1"));
        assertThat(sas, containsString("3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1536"));
        assertThat(sas, containsString("vpn-3-2: #"));
        assertEquals(2, count(sas, "INSTALLED"));
    }

    @Test
    public void ikeInitiatesWithIkev2AndPfsOnEsp() throws Exception {
        S2sConnection.Builder side = S2sConnection.builder().id(4).psk("Golden-PSK-4")
                .ikePolicy("aes128-sha256;modp2048,aes256-sha384;ecp384").espPolicy("aes128-sha1;ecp256")
                .ikeVersion(IkeVersion.IKE);
        String sas = negotiate(side, "10.1.0.0/16", "10.2.0.0/16", "10.2.0.0/16", "10.1.0.0/16");
        assertThat(sas, containsString("ESTABLISHED, IKEv2"));
        assertThat(sas, containsString("AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048"));
        assertEquals(1, count(sas, "INSTALLED"));
    }

    /**
     * Loads the router's connection and its mirror on the peer, initiates every CHILD SA from the router, and returns
     * the router's --list-sas.
     */
    private String negotiate(S2sConnection.Builder side, String routerCidr, String routerRemotes, String peerCidr,
            String peerRemotes) throws Exception {
        // The builder is shared: the peer's values are set after the router's connection is built.
        S2sConnection mine = side.localPublicIp(ROUTER_IP).peerGateway(PEER_IP).localCidr(routerCidr)
                .peerCidrs(routerRemotes).passive(false).build();
        S2sConnection theirs = side.localPublicIp(PEER_IP).peerGateway(ROUTER_IP).localCidr(peerCidr)
                .peerCidrs(peerRemotes).passive(true).build();
        // Each side needs an address in the local subnet of each CHILD SA, as a router has on its tiers: with
        // kernel-libipsec, charon routes a CHILD SA's traffic into ipsec0 from such an address, and fails to install
        // the CHILD SA ("unable to install IPsec policies (SPD) in kernel") without one.
        router.check(Commands.run("ip", "-n", router.namespace, "addr", "add", firstHost(routerCidr), "dev", "lo"));
        for (org.s2svpn.server.net.Cidr subnet : mine.peerCidrs().cidrs()) {
            peer.check(Commands.run("ip", "-n", peer.namespace, "addr", "add", firstHost(subnet.toString()), "dev", "lo"));
        }
        load(router, new SwanctlRenderer().render(List.of(mine)));
        SwanctlConfig peerConfig = new SwanctlRenderer().render(List.of(theirs));
        load(peer, new SwanctlConfig(peerConfig.connections(), asBase64(peerConfig.secrets(), mine.psk().value())));
        for (String child : mine.childNames()) {
            Commands.Result initiate = router.swanctl("--initiate", "--child", child, "--timeout", "15");
            if (initiate.exitCode() != 0 || initiate.stdout().contains("failed")) {
                throw new AssertionError(initiate + "\n--- router log:\n" + router.log() + "\n--- peer log:\n"
                        + peer.log());
            }
        }
        Commands.Result sas = router.swanctl("--list-sas");
        router.check(sas);
        for (String child : mine.childNames()) {
            if (!sas.stdout().contains("  " + child + ": #")) {
                throw new AssertionError("no CHILD SA " + child + ":\n" + sas.stdout() + "\n--- router log:\n"
                        + router.log() + "\n--- peer log:\n" + peer.log());
            }
        }
        return sas.stdout();
    }

    private static void load(TestCharon charon, SwanctlConfig config) throws Exception {
        String file = charon.write(config).toString();
        charon.check(charon.swanctl("--load-creds", "--clear", "--file", file));
        charon.check(charon.swanctl("--load-conns", "--file", file));
    }

    /** The peer's secret as base64 of the key the user gave, after checking the rendering's hex is that key. */
    private static String asBase64(String secrets, String psk) {
        Matcher m = SECRET.matcher(secrets);
        if (!m.find()) {
            throw new AssertionError("no secret in " + secrets);
        }
        byte[] key = psk.getBytes(StandardCharsets.UTF_8);
        assertEquals(HexFormat.of().formatHex(key), m.group(1));
        return m.replaceFirst(Matcher.quoteReplacement("secret = 0s" + Base64.getEncoder().encodeToString(key) + "\n"));
    }

    private static String firstHost(String cidr) {
        org.s2svpn.server.net.Cidr c = org.s2svpn.server.net.Cidr.parse(cidr);
        return c.network().plus(1) + "/" + c.prefix();
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }
}
