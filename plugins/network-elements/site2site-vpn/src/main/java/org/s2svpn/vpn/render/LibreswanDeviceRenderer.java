package org.s2svpn.vpn.render;

import java.util.List;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.IkeVersion;

/**
 * A customer gateway running Libreswan (4 or 5): the ipsec.conf {@code conn} and its ipsec.secrets record, spelled
 * as {@link IpsecConfRenderer} spells the router's (algorithms, lifetimes, DPD, encapsulation), ends swapped.
 *
 * <p>Several local subnets are {@code leftsubnets={...}}: Libreswan then negotiates one IPsec SA per subnet, which
 * is the router's CHILD SA per subnet when it splits, and which the router's one CHILD SA for all subnets (IKEv2,
 * no split) accepts subnet by subnet (it narrows to what the peer asks). {@code ikev2=yes} / {@code ikev2=no}: the
 * spelling Libreswan 4 and 5 both read as IKEv2 only and IKEv1 only.
 */
final class LibreswanDeviceRenderer {
    private LibreswanDeviceRenderer() {
    }

    static DeviceConfig render(S2sConnection c) {
        boolean initiator = c.passive();
        boolean named = !c.peerGateway().isAddress();
        String localId = named ? "@" + c.peerGateway().value() : c.peerGateway().value();
        String router = c.localPublicIp().toString();
        List<Cidr> subnets = c.peerCidrs().cidrs();
        StringBuilder out = new StringBuilder();
        out.append("# Libreswan (ipsec.conf) of customer gateway ").append(c.peerGateway()).append(" for its site-to-site VPN")
                .append(" connection with VPC router ").append(router).append("; the key goes in ipsec.secrets.\n");
        out.append(initiator ? "# The connection is passive on the router: this gateway initiates it.\n"
                : "# The router initiates the connection (and again after a failure): this gateway answers.\n");
        if (named && DeviceVendor.peerVersion(c) == IkeVersion.IKEV1) {
            out.append("# IKEv1 main mode finds a pre-shared key by address: a gateway known by name needs its address in\n"
                    + "# ipsec.secrets, or ikeversion ikev2.\n");
        }
        if (subnets.size() > 1 && !c.splits()) {
            out.append("# One IPsec SA per local subnet: the router's single CHILD SA for all of them accepts each.\n");
        }
        if (DeviceVendor.peerVersion(c) == IkeVersion.IKEV1) {
            // Without it pluto 4.10 refuses the conn: "global ikev1-policy does not allow IKEv1 connections" (seen by
            // S2sLibreswanGatewayTest, which runs this output in a real pluto).
            out.append("# Libreswan 4.10 (Debian 12's) loads an IKEv1 connection only when config setup accepts IKEv1 (read when\n"
                    + "# pluto starts): if ipsec.conf has a config setup section already, add the line there.\n");
            out.append("config setup\n");
            IpsecConfRenderer.line(out, "ikev1-policy", "accept");
        }
        out.append("conn ").append(c.name()).append('\n');
        IpsecConfRenderer.line(out, "left", named ? "%defaultroute" : c.peerGateway().value());
        IpsecConfRenderer.line(out, "leftid", localId);
        if (subnets.size() == 1) {
            IpsecConfRenderer.line(out, "leftsubnet", subnets.get(0).toString());
        } else {
            IpsecConfRenderer.line(out, "leftsubnets", subnets.stream().map(Cidr::toString).collect(Collectors.joining(" ", "{", "}")));
        }
        IpsecConfRenderer.line(out, "right", router);
        IpsecConfRenderer.line(out, "rightid", router);
        IpsecConfRenderer.line(out, "rightsubnet", c.localCidr().toString());
        IpsecConfRenderer.line(out, "type", "tunnel");
        IpsecConfRenderer.line(out, "authby", "secret");
        IpsecConfRenderer.line(out, "ikev2", DeviceVendor.peerVersion(c) == IkeVersion.IKEV2 ? "yes" : "no");
        IpsecConfRenderer.line(out, "ike", IpsecConfRenderer.ike(c.ikePolicy()));
        IpsecConfRenderer.line(out, "esp", IpsecConfRenderer.esp(c.espPolicy()));
        IpsecConfRenderer.line(out, "ikelifetime", c.lifetimes().ikeSeconds() + "s");
        IpsecConfRenderer.line(out, "salifetime", c.lifetimes().espSeconds() + "s");
        IpsecConfRenderer.line(out, "pfs", c.espPolicy().pfs() ? "yes" : "no");
        if (c.dpd()) {
            IpsecConfRenderer.line(out, "dpddelay", String.valueOf(SwanctlRenderer.DPD_DELAY_SECONDS));
            IpsecConfRenderer.line(out, "dpdtimeout", String.valueOf(SwanctlRenderer.DPD_TIMEOUT_SECONDS));
            IpsecConfRenderer.line(out, "dpdaction", initiator ? "restart" : "clear");
        }
        if (initiator) {
            IpsecConfRenderer.line(out, "keyingtries", "%forever");
        }
        if (c.forceEncap()) {
            IpsecConfRenderer.line(out, "encapsulation", "yes");
        }
        IpsecConfRenderer.line(out, "auto", initiator ? "start" : "add");
        // As the router's ipsec.secrets: the ids end their line (a name starting with 0t would swallow the rest of it).
        String secrets = localId + " " + router + "\n    : PSK \"" + c.psk().value() + "\"\n";
        return new DeviceConfig(out.toString(), secrets);
    }
}
