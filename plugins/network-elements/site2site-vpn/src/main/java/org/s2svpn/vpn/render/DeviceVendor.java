package org.s2svpn.vpn.render;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.s2svpn.vpn.policy.DhGroup;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.InvalidValueException;

/**
 * The customer gateway devices {@code getVpnConnectionDeviceConfig} writes a configuration for, each the mirror of
 * what our router negotiates ({@link SwanctlRenderer}): the same proposals, lifetimes, DPD, CHILD SAs (one per
 * remote subnet when the router splits) and UDP encapsulation, local and remote swapped. Exactly one end
 * initiates: the router, unless the connection is passive, and then the customer gateway.
 *
 * <p>A connection whose {@code ikeversion} is {@code ike} (either) gets an IKEv2 configuration: that is what the
 * router proposes when it initiates.
 */
public enum DeviceVendor {
    CISCO_IOS("cisco-ios", CiscoIosDeviceRenderer::render),
    JUNIPER_SRX("juniper-srx", JunosDeviceRenderer::render),
    STRONGSWAN("strongswan", StrongswanDeviceRenderer::render),
    LIBRESWAN("libreswan", LibreswanDeviceRenderer::render);

    public static final String PARAMETER = "vendor";

    /**
     * The DH groups of RFC 2409/3526/5903 that Cisco IOS and Junos both offer (their "group N"); groups 17 and 18
     * (modp6144, modp8192) and 31 (curve25519) are not among them.
     */
    static final Set<DhGroup> CLASSIC_GROUPS = Set.of(DhGroup.MODP1024, DhGroup.MODP1536, DhGroup.MODP2048, DhGroup.MODP3072,
            DhGroup.MODP4096, DhGroup.ECP256, DhGroup.ECP384);

    private final String token;
    private final Function<S2sConnection, DeviceConfig> renderer;

    DeviceVendor(String token, Function<S2sConnection, DeviceConfig> renderer) {
        this.token = token;
        this.renderer = renderer;
    }

    public String token() {
        return token;
    }

    /** The configuration of the connection's customer gateway, for this vendor's device. */
    public DeviceConfig render(S2sConnection connection) {
        return renderer.apply(connection);
    }

    /** The vendor named exactly so (lower case); anything else is refused, naming the valid values. */
    public static DeviceVendor parse(String value) {
        return Arrays.stream(values()).filter(v -> v.token.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidValueException(PARAMETER, "vendor must be one of " + tokens() + ": "
                        + (value == null ? "null" : value.length() <= 100 ? value : value.substring(0, 100) + "...")));
    }

    public static String tokens() {
        return Arrays.stream(values()).map(DeviceVendor::token).collect(Collectors.joining(", "));
    }

    /** The comment for a setting with a group a device does not have: what, the group, the device's groups. */
    static String noGroup(String device, String what, DhGroup group) {
        return what + ": DH group " + group.number() + " (" + group.token() + ") is not among " + device
                + "'s groups (1, 2, 5, 14, 15, 16, 19, 20, 21, 24); no equivalent.";
    }

    /** The IKE version the customer gateway speaks: the connection's, and IKEv2 for {@code ike} (either). */
    static IkeVersion peerVersion(S2sConnection c) {
        return c.ikeVersion() == IkeVersion.IKEV1 ? IkeVersion.IKEV1 : IkeVersion.IKEV2;
    }

    /**
     * True when a key can be typed as is on a device's command line: printable ASCII with no space and no
     * {@code ?} (which asks IOS's parser for help). The key can never hold a {@code "} or a line break.
     */
    static boolean isPlainKey(String key) {
        return key.chars().allMatch(ch -> ch > ' ' && ch < 0x7f && ch != '?');
    }

    @Override
    public String toString() {
        return token;
    }
}
