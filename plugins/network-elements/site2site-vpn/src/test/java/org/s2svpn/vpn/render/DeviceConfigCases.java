package org.s2svpn.vpn.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * The connections the customer gateway configurations have golden files for, one folder each under
 * {@code src/test/resources/device-golden/<case>/}: {@code <vendor>.conf} for each {@link DeviceVendor}, and
 * {@code libreswan.secrets}. As {@link GoldenCases}: the VPC 10.1.0.0/16 behind the router 198.51.100.10, the
 * customer gateways in 203.0.113.0/24.
 */
final class DeviceConfigCases {
    static final Path DIR = Path.of("src/test/resources/device-golden");

    private DeviceConfigCases() {
    }

    static Map<String, S2sConnection> all() {
        Map<String, S2sConnection> cases = new LinkedHashMap<>();
        // The 2012 spec's Cisco example: IKEv1, 3DES/MD5/group 5, two subnets (so two CHILD SAs), DPD.
        cases.put("ikev1-cisco-2012", base(3).ikePolicy("3des-md5;modp1536").espPolicy("3des-md5;modp1536")
                .peerCidrs("192.168.10.0/24,192.168.20.0/24").ikeVersion(IkeVersion.IKEV1).dpd(true).build());
        // CloudStack's defaults (ikeversion ike: the peer speaks IKEv2), DPD off.
        cases.put("ike-defaults-dpd-off", base(4).ikePolicy("aes128-sha1;modp2048").espPolicy("aes128-sha1").build());
        cases.put("ikev2-pfs", base(5).ikePolicy("aes256-sha256;modp2048").espPolicy("aes256-sha256;modp2048")
                .ikeVersion(IkeVersion.IKEV2).lifetimes(28800, 3600).dpd(true).build());
        cases.put("several-proposals", base(6).ikePolicy("aes256-sha512;modp4096,aes256-sha256;modp2048,aes128-sha1;modp1536")
                .espPolicy("aes256-sha256,aes192-sha384,aes128-sha1").ikeVersion(IkeVersion.IKEV2).build());
        cases.put("gcm-ecp", base(7).ikePolicy("aes256gcm16-sha384;ecp384,aes128gcm16-sha256;ecp256")
                .espPolicy("aes256gcm16-sha256;ecp256,aes128gcm16-sha256;ecp256").ikeVersion(IkeVersion.IKEV2).build());
        // Groups Cisco IOS and Junos do not have: each says so.
        cases.put("modp6144-curve25519", base(8).ikePolicy("aes256-sha512;modp6144,aes128-sha256;curve25519,aes128-sha256;ecp256")
                .espPolicy("aes256-sha256;curve25519").ikeVersion(IkeVersion.IKEV2).build());
        cases.put("split-three-subnets", base(9).ikePolicy("aes256-sha256;modp2048").espPolicy("aes256-sha256")
                .peerCidrs("10.20.0.0/16,10.30.1.0/24,172.16.8.0/22").splitConnections(true).dpd(true).build());
        // IKEv2 without split: the router has one CHILD SA for both subnets.
        cases.put("ikev2-two-subnets-no-split", base(10).ikePolicy("aes128-sha256;modp2048").espPolicy("aes128-sha256")
                .peerCidrs("192.168.1.0/24,192.168.2.0/24").ikeVersion(IkeVersion.IKEV2).build());
        // The customer gateway initiates.
        cases.put("passive", base(11).ikePolicy("aes128-sha256;modp2048").espPolicy("aes128-sha256").passive(true).dpd(true)
                .build());
        // The shortest lifetimes allowed, too.
        cases.put("forceencap", base(12).ikePolicy("aes128-sha1;modp2048").espPolicy("aes128-sha1").forceEncap(true).lifetimes(300, 300)
                .build());
        // A gateway known by name, and a key full of what a config parser could trip on.
        cases.put("dns-name-and-odd-psk", base(13).peerGateway("vpn-gw1.branch.example.com").ikePolicy("aes256-sha256;modp2048")
                .espPolicy("aes256-sha256").ikeVersion(IkeVersion.IKEV2).psk("s3cr\\et #{not} a=comment's $(x) }").build());
        return cases;
    }

    /** A connection from the VPC 10.1.0.0/16 behind 198.51.100.10 to 203.0.113.&lt;id&gt;, subnet 192.168.0.0/24. */
    private static S2sConnection.Builder base(long id) {
        return S2sConnection.builder().id(id).localPublicIp("198.51.100.10").localCidr("10.1.0.0/16")
                .peerGateway("203.0.113." + id).peerCidrs("192.168.0.0/24").psk("Golden-PSK-" + id);
    }

    /** The files of one case, by name. */
    static Map<String, String> render(S2sConnection c) {
        Map<String, String> files = new LinkedHashMap<>();
        for (DeviceVendor vendor : DeviceVendor.values()) {
            DeviceConfig config = vendor.render(c);
            files.put(vendor.token() + ".conf", config.configuration());
            if (config.secrets() != null) {
                files.put(vendor.token() + ".secrets", config.secrets());
            }
        }
        return files;
    }

    static String read(String caseName, String file) {
        try {
            return Files.readString(DIR.resolve(caseName).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing golden file " + caseName + "/" + file + " (regenerate with -Ds2svpn.golden.update=true)", e);
        }
    }
}
