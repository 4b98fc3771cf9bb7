package org.s2svpn.vpn.render;

import java.util.ArrayList;
import java.util.List;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.Cipher;
import org.s2svpn.vpn.policy.DhGroup;
import org.s2svpn.vpn.policy.Hash;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.Proposal;

/**
 * A customer gateway that is a Cisco IOS / IOS XE router, as the 2012 functional spec's example configures one: ISAKMP
 * policies (IKEv1) or an IKEv2 proposal, policy, keyring and profile, the pre-shared key, transform sets, a crypto
 * map with its access list (one line per local subnet: IOS negotiates one IPsec SA per line, the router's CHILD SA
 * per subnet), and the NAT exemption. The interface is the spec's GigabitEthernet0: the administrator renames it.
 *
 * <p>Every value is a checked address, subnet, DNS name, number or algorithm; the key is the one value typed as
 * is, and only when IOS's command line can take it (printable ASCII, no space, no {@code ?}): a space would let the
 * rest of the key be read as more of the command. Another key is left for the administrator to type, with a comment.
 */
final class CiscoIosDeviceRenderer {
    private static final String MAP = "s2svpn";
    private static final String NO_IKE_PROPOSAL = "! None of the connection's IKE proposals exists on IOS: it cannot connect until the customer"
            + " gateway's ikepolicy has one.";

    private CiscoIosDeviceRenderer() {
    }

    static DeviceConfig render(S2sConnection c) {
        boolean ikev2 = DeviceVendor.peerVersion(c) == IkeVersion.IKEV2;
        String router = c.localPublicIp().toString();
        String name = c.name();
        boolean named = !c.peerGateway().isAddress();
        boolean keyTyped = DeviceVendor.isPlainKey(c.psk().value());
        String key = keyTyped ? c.psk().value() : "<KEY>";
        List<String> out = new ArrayList<>();
        out.add("! Cisco IOS configuration of customer gateway " + c.peerGateway() + " for its site-to-site VPN connection with VPC router "
                + router + " (" + (ikev2 ? "IKEv2" : "IKEv1") + ").");
        out.add(c.passive() ? "! The connection is passive on the router: this router initiates it (on traffic)."
                : "! The router initiates the connection (and again after a failure); traffic from here initiates it too.");
        if (!keyTyped) {
            out.add("! The pre-shared key has a space, a '?' or a character outside ASCII, which the IOS command line cannot take as");
            out.add("! is: replace <KEY> below by the key as your IOS release accepts it, or give the customer gateway a plainer key.");
        }
        if (c.forceEncap()) {
            out.add("! forceencap: IOS has no setting to force UDP encapsulation; the router encapsulates ESP in UDP 4500 itself,");
            out.add("! as behind NAT, and IOS follows.");
        }
        if (!c.dpd()) {
            out.add("! dpd is off for this connection: no keepalives.");
        }
        out.add("!");
        List<String> transformSets = new ArrayList<>();
        if (ikev2) {
            ikev2(out, c, router, named, key);
        } else {
            ikev1(out, c, router, named, key);
        }
        int index = 1;
        for (Proposal p : c.espPolicy().proposals()) {
            String set = name + "-" + index++;
            transformSets.add(set);
            out.add("crypto ipsec transform-set " + set + " " + espTransforms(p));
            out.add(" mode tunnel");
        }
        String vpcWildcard = acl(c.localCidr());
        out.add("ip access-list extended " + name);
        for (Cidr subnet : c.peerCidrs().cidrs()) {
            out.add(" permit ip " + acl(subnet) + " " + vpcWildcard);
        }
        if (c.peerCidrs().size() > 1 && !c.splits()) {
            out.add("! One IPsec SA per line: the router's single CHILD SA for all these subnets accepts each.");
        }
        out.add("crypto map " + MAP + " 10 ipsec-isakmp");
        out.add(" set peer " + router);
        out.add(" set transform-set " + String.join(" ", transformSets));
        c.espPolicy().proposals().get(0).group().ifPresent(g -> {
            if (DeviceVendor.CLASSIC_GROUPS.contains(g)) {
                out.add(" set pfs group" + g.number());
            } else {
                out.add(" ! " + DeviceVendor.noGroup("IOS", "PFS", g));
            }
        });
        out.add(" set security-association lifetime seconds " + c.lifetimes().espSeconds());
        if (ikev2) {
            out.add(" set ikev2-profile " + name);
        }
        out.add(" match address " + name);
        out.add("! NAT exemption: traffic to the VPC leaves untranslated, the rest as before (merge with your NAT list).");
        out.add("ip access-list extended " + name + "-nat");
        for (Cidr subnet : c.peerCidrs().cidrs()) {
            out.add(" deny ip " + acl(subnet) + " " + vpcWildcard);
        }
        for (Cidr subnet : c.peerCidrs().cidrs()) {
            out.add(" permit ip " + acl(subnet) + " any");
        }
        out.add("ip nat inside source list " + name + "-nat interface GigabitEthernet0 overload");
        out.add("! The interface that holds " + c.peerGateway() + " (an interface has one crypto map: add this entry to yours).");
        out.add("interface GigabitEthernet0");
        out.add(" crypto map " + MAP);
        return new DeviceConfig(String.join("\n", out) + "\n", null);
    }

    private static void ikev1(List<String> out, S2sConnection c, String router, boolean named, String key) {
        int priority = 10;
        for (Proposal p : c.ikePolicy().proposals()) {
            DhGroup g = p.group().orElseThrow();
            if (!DeviceVendor.CLASSIC_GROUPS.contains(g)) {
                out.add("! " + DeviceVendor.noGroup("IOS", "IKE proposal " + p, g));
                continue;
            }
            out.add("crypto isakmp policy " + priority);
            priority += 10;
            out.add(" encr " + switch (p.cipher()) {
                case TRIPLE_DES -> "3des";
                case AES128 -> "aes 128";
                case AES192 -> "aes 192";
                case AES256 -> "aes 256";
                // IKEv1 has no AES-GCM; IkeVersion refuses such a policy with ikev1.
                case AES128GCM16, AES256GCM16 -> throw new IllegalStateException("AES-GCM in IKEv1");
            });
            out.add(" hash " + (p.hash() == Hash.SHA1 ? "sha" : p.hash().token()));
            out.add(" authentication pre-share");
            out.add(" group " + g.number());
            out.add(" lifetime " + c.lifetimes().ikeSeconds());
        }
        if (priority == 10) {
            out.add(NO_IKE_PROPOSAL);
        }
        if (named) {
            out.add("! The router knows this gateway by its name " + c.peerGateway() + ": IOS sends hostname.domain as identity,");
            out.add("! which must be that name.");
            out.add("crypto isakmp identity hostname");
        }
        out.add("crypto isakmp key " + key + " address " + router);
        if (c.dpd()) {
            out.add("crypto isakmp keepalive " + SwanctlRenderer.DPD_DELAY_SECONDS + " 5 periodic");
        }
    }

    private static void ikev2(List<String> out, S2sConnection c, String router, boolean named, String key) {
        String name = c.name();
        List<String> proposals = new ArrayList<>();
        int index = 1;
        for (Proposal p : c.ikePolicy().proposals()) {
            DhGroup g = p.group().orElseThrow();
            if (!DeviceVendor.CLASSIC_GROUPS.contains(g)) {
                out.add("! " + DeviceVendor.noGroup("IOS", "IKE proposal " + p, g));
                continue;
            }
            String proposal = name + "-" + index++;
            proposals.add(proposal);
            out.add("crypto ikev2 proposal " + proposal);
            out.add(" encryption " + ikev2Cipher(p.cipher()));
            out.add((p.cipher().isAead() ? " prf " : " integrity ") + p.hash().token());
            out.add(" group " + g.number());
        }
        if (proposals.isEmpty()) {
            out.add(NO_IKE_PROPOSAL);
        }
        out.add("crypto ikev2 policy " + name);
        if (!named) {
            out.add(" match address local " + c.peerGateway().value());
        }
        proposals.forEach(p -> out.add(" proposal " + p));
        out.add("crypto ikev2 keyring " + name);
        out.add(" peer vpc-router");
        out.add("  address " + router);
        out.add("  pre-shared-key " + key);
        out.add("crypto ikev2 profile " + name);
        out.add(" match identity remote address " + router + " 255.255.255.255");
        out.add(" identity local " + (named ? "fqdn " : "address ") + c.peerGateway().value());
        out.add(" authentication remote pre-share");
        out.add(" authentication local pre-share");
        out.add(" keyring local " + name);
        out.add(" lifetime " + c.lifetimes().ikeSeconds());
        if (c.dpd()) {
            out.add(" dpd " + SwanctlRenderer.DPD_DELAY_SECONDS + " 5 periodic");
        }
    }

    private static String ikev2Cipher(Cipher cipher) {
        return switch (cipher) {
            case TRIPLE_DES -> "3des";
            case AES128 -> "aes-cbc-128";
            case AES192 -> "aes-cbc-192";
            case AES256 -> "aes-cbc-256";
            case AES128GCM16 -> "aes-gcm-128";
            case AES256GCM16 -> "aes-gcm-256";
        };
    }

    private static String espTransforms(Proposal p) {
        String cipher = switch (p.cipher()) {
            case TRIPLE_DES -> "esp-3des";
            case AES128 -> "esp-aes 128";
            case AES192 -> "esp-aes 192";
            case AES256 -> "esp-aes 256";
            case AES128GCM16 -> "esp-gcm 128";
            case AES256GCM16 -> "esp-gcm 256";
        };
        if (p.cipher().isAead()) {
            return cipher;
        }
        return cipher + " " + switch (p.hash()) {
            case MD5 -> "esp-md5-hmac";
            case SHA1 -> "esp-sha-hmac";
            case SHA256 -> "esp-sha256-hmac";
            case SHA384 -> "esp-sha384-hmac";
            case SHA512 -> "esp-sha512-hmac";
        };
    }

    /** A subnet as an access list writes it: network and wildcard mask (host for a /32). */
    static String acl(Cidr cidr) {
        if (cidr.prefix() == 32) {
            return "host " + cidr.network();
        }
        long wildcard = (1L << (32 - cidr.prefix())) - 1;
        return cidr.network() + " " + ((wildcard >>> 24) & 255) + "." + ((wildcard >>> 16) & 255) + "." + ((wildcard >>> 8) & 255) + "."
                + (wildcard & 255);
    }
}
