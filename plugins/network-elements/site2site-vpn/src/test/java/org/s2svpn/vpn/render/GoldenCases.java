package org.s2svpn.vpn.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * The router configurations the renderers have golden files for, one folder each under
 * {@code src/test/resources/golden/<case>/}: {@code swanctl-connections.conf}, {@code swanctl-secrets.conf},
 * {@code ipsec.conf} and {@code ipsec.secrets}.
 *
 * <p>The routers' addresses are from the documentation ranges: the VPC router's public IP 198.51.100.10, the
 * customer gateways in 203.0.113.0/24.
 */
final class GoldenCases {
    static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenCases() {
    }

    static Map<String, List<S2sConnection>> all() {
        Map<String, List<S2sConnection>> cases = new LinkedHashMap<>();
        // The 2012 functional spec's Cisco ISR example: 3DES/MD5/group 5 in both phases, IKEv1 (so each of the two
        // remote subnets of its access list gets a CHILD SA of its own), DPD.
        cases.put("cisco-2012", List.of(base(3).ikePolicy("3des-md5;modp1536").espPolicy("3des-md5")
                .peerCidrs("192.168.10.0/24,192.168.20.0/24").ikeVersion(IkeVersion.IKEV1).dpd(true).build()));
        // CloudStack's most common policy, with all its defaults (ikeversion ike, 86400/3600 s).
        cases.put("aes128-sha1-modp1024", List.of(base(4).ikePolicy("aes128-sha1;modp1024").espPolicy("aes128-sha1")
                .build()));
        cases.put("ikev2-aes256-sha256-pfs", List.of(base(5).ikePolicy("aes256-sha256;modp2048")
                .espPolicy("aes256-sha256;modp2048").ikeVersion(IkeVersion.IKEV2).lifetimes(28800, 3600).build()));
        cases.put("several-proposals", List.of(base(6)
                .ikePolicy("aes256-sha512;modp4096,aes256-sha256;modp2048,aes128-sha1;modp1536")
                .espPolicy("aes256-sha256;modp2048,aes192-sha384;modp2048,aes128-sha1;modp2048")
                .ikeVersion(IkeVersion.IKEV2).build()));
        cases.put("gcm", List.of(base(7).ikePolicy("aes256gcm16-sha384;modp3072,aes128gcm16-sha256;modp2048")
                .espPolicy("aes256gcm16-sha256,aes128gcm16-sha256").ikeVersion(IkeVersion.IKEV2).build()));
        cases.put("ecp-curve25519", List.of(base(8)
                .ikePolicy("aes256-sha384;ecp384,aes128-sha256;curve25519,aes128-sha256;ecp256")
                .espPolicy("aes256gcm16-sha384;curve25519,aes128-sha256;curve25519").ikeVersion(IkeVersion.IKEV2)
                .build()));
        cases.put("split-three-subnets", List.of(base(9).ikePolicy("aes256-sha256;modp2048")
                .espPolicy("aes256-sha256").peerCidrs("10.20.0.0/16,10.30.1.0/24,172.16.8.0/22")
                .splitConnections(true).dpd(true).build()));
        cases.put("passive", List.of(base(10).ikePolicy("aes128-sha256;modp2048").espPolicy("aes128-sha256")
                .passive(true).dpd(true).build()));
        // The shortest lifetimes allowed, too.
        cases.put("forceencap", List.of(base(11).ikePolicy("aes128-sha1;modp2048").espPolicy("aes128-sha1")
                .forceEncap(true).lifetimes(300, 300).build()));
        // Given out of order: rendered by id.
        cases.put("two-connections", List.of(
                base(21).peerGateway("203.0.113.21").peerCidrs("10.21.0.0/16").ikePolicy("aes256-sha256;modp2048")
                        .espPolicy("aes256-sha256;modp2048").ikeVersion(IkeVersion.IKEV2).dpd(true).build(),
                base(12).peerGateway("203.0.113.12").peerCidrs("10.12.0.0/16,10.13.0.0/16")
                        .ikePolicy("aes128-sha1;modp1536").espPolicy("aes128-sha1").psk("another shared key")
                        .build()));
        // A peer known by name, and a key full of what a config parser could trip on.
        cases.put("dns-name-and-odd-psk", List.of(base(13).peerGateway("vpn-gw1.branch.example.com")
                .ikePolicy("aes256-sha256;modp2048").espPolicy("aes256-sha256").ikeVersion(IkeVersion.IKEV2)
                .psk("s3cr\\et #{not} a=comment's $(x) }").build()));
        // A router whose last connection was deleted.
        cases.put("no-connections", List.of());
        return cases;
    }

    /** A connection from the VPC 10.1.0.0/16 behind 198.51.100.10 to 203.0.113.&lt;id&gt;, subnet 192.168.0.0/24. */
    private static S2sConnection.Builder base(long id) {
        return S2sConnection.builder().id(id).localPublicIp("198.51.100.10").localCidr("10.1.0.0/16")
                .peerGateway("203.0.113." + id).peerCidrs("192.168.0.0/24").psk("Golden-PSK-" + id);
    }

    /** The rendered files of one case, by file name. */
    static Map<String, String> render(List<S2sConnection> connections) {
        SwanctlConfig swanctl = new SwanctlRenderer().render(connections);
        IpsecConf ipsec = new IpsecConfRenderer().render(connections);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("swanctl-connections.conf", swanctl.connections());
        files.put("swanctl-secrets.conf", swanctl.secrets());
        files.put("ipsec.conf", ipsec.conf());
        files.put("ipsec.secrets", ipsec.secrets());
        return files;
    }

    static String read(String caseName, String file) {
        try {
            return Files.readString(DIR.resolve(caseName).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing golden file " + caseName + "/" + file
                    + " (regenerate with -Ds2svpn.golden.update=true)", e);
        }
    }

    static List<String> names() {
        return new ArrayList<>(all().keySet());
    }
}
