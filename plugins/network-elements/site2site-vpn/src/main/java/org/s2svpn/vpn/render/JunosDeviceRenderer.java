package org.s2svpn.vpn.render;

import java.util.ArrayList;
import java.util.List;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.Cipher;
import org.s2svpn.vpn.policy.DhGroup;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.Proposal;

/**
 * A customer gateway that is a Juniper SRX: Junos {@code set} commands for a route-based VPN on {@code st0.0} with
 * one traffic selector per local subnet (Junos negotiates one IPsec SA per selector, the router's CHILD SA per
 * subnet), its own security zone {@code vpn}, the policies between it and {@code trust}, and the IKE gateway on the
 * external interface. Traffic to the VPC goes out through st0.0, not through the untrust zone's source NAT, so no
 * NAT exemption is needed. {@code ge-0/0/0.0}, {@code st0.0} and the zones are placeholders for the administrator.
 *
 * <p>Every value is a checked address, subnet, DNS name, number or algorithm; the key is written in Junos's
 * double quotes with {@code \} escaped (it never holds a {@code "} or a line break), and only when it is ASCII.
 */
final class JunosDeviceRenderer {
    private JunosDeviceRenderer() {
    }

    static DeviceConfig render(S2sConnection c) {
        boolean ikev2 = DeviceVendor.peerVersion(c) == IkeVersion.IKEV2;
        String router = c.localPublicIp().toString();
        String name = c.name();
        boolean named = !c.peerGateway().isAddress();
        boolean ascii = c.psk().value().chars().allMatch(ch -> ch >= ' ' && ch < 0x7f);
        List<String> out = new ArrayList<>();
        out.add("# Junos (SRX) configuration of customer gateway " + c.peerGateway() + " for its site-to-site VPN connection with VPC router "
                + router + " (" + (ikev2 ? "IKEv2" : "IKEv1") + ").");
        out.add(c.passive() ? "# The connection is passive on the router: this SRX initiates it."
                : "# The router initiates the connection (and again after a failure): this SRX answers.");
        if (c.forceEncap()) {
            out.add("# forceencap: Junos has no setting to force UDP encapsulation; the router encapsulates ESP in UDP 4500 itself,");
            out.add("# as behind NAT, and Junos follows.");
        }
        if (!c.dpd()) {
            out.add("# dpd is off for this connection: no dead peer detection.");
        }
        List<String> ikeProposals = new ArrayList<>();
        int index = 1;
        for (Proposal p : c.ikePolicy().proposals()) {
            DhGroup g = p.group().orElseThrow();
            if (!DeviceVendor.CLASSIC_GROUPS.contains(g)) {
                out.add("# " + DeviceVendor.noGroup("Junos", "IKE proposal " + p, g));
                continue;
            }
            String proposal = name + "-" + index++;
            ikeProposals.add(proposal);
            String prefix = "set security ike proposal " + proposal + " ";
            out.add(prefix + "authentication-method pre-shared-keys");
            out.add(prefix + "dh-group group" + g.number());
            if (p.cipher().isAead()) {
                out.add("# " + proposal + ": with AES-GCM Junos takes no authentication algorithm; the router's PRF is " + p.hash().token() + ".");
            } else {
                out.add(prefix + "authentication-algorithm " + switch (p.hash()) {
                    case MD5 -> "md5";
                    case SHA1 -> "sha1";
                    case SHA256 -> "sha-256";
                    case SHA384 -> "sha-384";
                    case SHA512 -> "sha-512";
                });
            }
            out.add(prefix + "encryption-algorithm " + cipher(p.cipher()));
            out.add(prefix + "lifetime-seconds " + c.lifetimes().ikeSeconds());
        }
        String policy = "set security ike policy " + name + " ";
        if (!ikev2) {
            out.add(policy + "mode main");
        }
        if (ikeProposals.isEmpty()) {
            out.add("# None of the connection's IKE proposals exists on Junos: it cannot connect until the customer gateway's"
                    + " ikepolicy has one.");
        } else {
            out.add(policy + "proposals [ " + String.join(" ", ikeProposals) + " ]");
        }
        if (ascii) {
            out.add(policy + "pre-shared-key ascii-text \"" + c.psk().value().replace("\\", "\\\\") + "\"");
        } else {
            out.add("# The pre-shared key has characters outside ASCII, which ascii-text cannot hold: set it by hand, or give the");
            out.add("# customer gateway an ASCII key.");
            out.add("# " + policy + "pre-shared-key ascii-text \"<KEY>\"");
        }
        String gateway = "set security ike gateway " + name + " ";
        out.add(gateway + "ike-policy " + name);
        out.add(gateway + "address " + router);
        out.add(gateway + "external-interface ge-0/0/0.0");
        if (named) {
            out.add(gateway + "local-identity hostname " + c.peerGateway().value());
        } else {
            out.add(gateway + "local-address " + c.peerGateway().value());
            out.add(gateway + "local-identity inet " + c.peerGateway().value());
        }
        out.add(gateway + "remote-identity inet " + router);
        out.add(gateway + "version " + (ikev2 ? "v2-only" : "v1-only"));
        if (c.dpd()) {
            out.add(gateway + "dead-peer-detection always-send");
            out.add(gateway + "dead-peer-detection interval " + SwanctlRenderer.DPD_DELAY_SECONDS);
            out.add(gateway + "dead-peer-detection threshold " + SwanctlRenderer.DPD_TIMEOUT_SECONDS / SwanctlRenderer.DPD_DELAY_SECONDS);
        }
        List<String> ipsecProposals = new ArrayList<>();
        index = 1;
        for (Proposal p : c.espPolicy().proposals()) {
            String proposal = name + "-" + index++;
            ipsecProposals.add(proposal);
            String prefix = "set security ipsec proposal " + proposal + " ";
            out.add(prefix + "protocol esp");
            if (!p.cipher().isAead()) {
                out.add(prefix + "authentication-algorithm " + switch (p.hash()) {
                    case MD5 -> "hmac-md5-96";
                    case SHA1 -> "hmac-sha1-96";
                    case SHA256 -> "hmac-sha-256-128";
                    case SHA384 -> "hmac-sha-384-192";
                    case SHA512 -> "hmac-sha-512-256";
                });
            }
            out.add(prefix + "encryption-algorithm " + cipher(p.cipher()));
            out.add(prefix + "lifetime-seconds " + c.lifetimes().espSeconds());
        }
        String ipsecPolicy = "set security ipsec policy " + name + " ";
        c.espPolicy().proposals().get(0).group().ifPresent(g -> {
            if (DeviceVendor.CLASSIC_GROUPS.contains(g)) {
                out.add(ipsecPolicy + "perfect-forward-secrecy keys group" + g.number());
            } else {
                out.add("# " + DeviceVendor.noGroup("Junos", "PFS", g));
            }
        });
        out.add(ipsecPolicy + "proposals [ " + String.join(" ", ipsecProposals) + " ]");
        String vpn = "set security ipsec vpn " + name + " ";
        out.add(vpn + "bind-interface st0.0");
        out.add(vpn + "ike gateway " + name);
        out.add(vpn + "ike ipsec-policy " + name);
        if (c.passive()) {
            out.add(vpn + "establish-tunnels immediately");
        }
        if (c.peerCidrs().size() > 1 && !c.splits()) {
            out.add("# One IPsec SA per traffic selector: the router's single CHILD SA for all these subnets accepts each.");
        }
        int selector = 1;
        for (Cidr subnet : c.peerCidrs().cidrs()) {
            out.add(vpn + "traffic-selector ts-" + selector++ + " local-ip " + subnet + " remote-ip " + c.localCidr());
        }
        out.add("# Traffic selectors put the route to " + c.localCidr() + " through st0.0 (auto route insertion).");
        out.add("set interfaces st0 unit 0 family inet");
        out.add("set security zones security-zone vpn interfaces st0.0");
        out.add("set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike");
        out.add("set security address-book global address " + name + "-vpc " + c.localCidr());
        int local = 1;
        for (Cidr subnet : c.peerCidrs().cidrs()) {
            out.add("set security address-book global address " + name + "-local-" + local++ + " " + subnet);
        }
        policies(out, "trust", "vpn", name + "-out", c, true);
        policies(out, "vpn", "trust", name + "-in", c, false);
        return new DeviceConfig(String.join("\n", out) + "\n", null);
    }

    private static void policies(List<String> out, String from, String to, String policy, S2sConnection c, boolean outbound) {
        String prefix = "set security policies from-zone " + from + " to-zone " + to + " policy " + policy + " ";
        List<String> locals = new ArrayList<>();
        for (int i = 1; i <= c.peerCidrs().size(); i++) {
            locals.add(c.name() + "-local-" + i);
        }
        List<String> vpc = List.of(c.name() + "-vpc");
        (outbound ? locals : vpc).forEach(a -> out.add(prefix + "match source-address " + a));
        (outbound ? vpc : locals).forEach(a -> out.add(prefix + "match destination-address " + a));
        out.add(prefix + "match application any");
        out.add(prefix + "then permit");
    }

    private static String cipher(Cipher cipher) {
        return switch (cipher) {
            case TRIPLE_DES -> "3des-cbc";
            case AES128 -> "aes-128-cbc";
            case AES192 -> "aes-192-cbc";
            case AES256 -> "aes-256-cbc";
            case AES128GCM16 -> "aes-128-gcm";
            case AES256GCM16 -> "aes-256-gcm";
        };
    }
}
