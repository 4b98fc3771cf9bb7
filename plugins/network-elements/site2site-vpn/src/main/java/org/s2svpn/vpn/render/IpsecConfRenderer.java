package org.s2svpn.vpn.render;

import java.util.List;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.IpsecPolicy;
import org.s2svpn.vpn.policy.Proposal;

/**
 * Renders a router's connections in the OpenSwan/Libreswan ipsec.conf dialect of CloudStack's 2012 design
 * ({@code ipsectunnel.sh}): one {@code conn vpn-<id>} per connection, and one ipsec.secrets line each. For routers
 * and tools that speak that dialect; the project's own routers load {@link SwanctlRenderer}'s output.
 *
 * <p>What differs from 2012, and why:
 * <ul>
 * <li>{@code ike=}/{@code esp=} are spelled so that Libreswan's algorithm parser takes them: AES-GCM is
 *     {@code aes_gcm128}/{@code aes_gcm256}, in IKE followed by its PRF hash, in ESP with no integrity.
 * <li>{@code ikev2=} follows {@code ikeversion}: {@code insist} (IKEv2 only), {@code never} (IKEv1 only) or
 *     {@code permit} for {@code ike}. In OpenSwan permit means either version; Libreswan 4 reads it as IKEv1.
 * <li>{@code auto=add} for a passive connection (it waits for the peer), {@code auto=start} otherwise; an
 *     initiator retries forever ({@code keyingtries=%forever}), so its tunnel comes back when the peer does.
 * <li>With DPD a passive connection clears a dead peer's SAs rather than restarting them, as it never initiates.
 * <li>{@code encapsulation=yes} for {@code forceencap}.
 * </ul>
 * Remote subnets are always {@code rightsubnets={...}}, as in 2012: the dialect then makes one SA per subnet, so
 * {@code splitconnections} changes nothing here.
 *
 * <p>ipsec.conf has no escapes and ipsec.secrets none either: every value here is a checked address, subnet, name
 * or algorithm token, and the key can hold neither {@code "} nor a line break. In ipsec.secrets a quoted key is
 * taken as written (never decoded as {@code 0x} or {@code 0s}), and each record is two lines, the ids on the first
 * and the key on an indented second (a continuation, in that syntax): Libreswan's and OpenSwan's lexer reads a
 * token that starts with {@code 0t} to the end of its line, so a peer named {@code 0t1.example.com} would
 * otherwise swallow the key.
 */
public final class IpsecConfRenderer {
    /** Renders the connections of one router (in any order: they are rendered by id). */
    public IpsecConf render(List<S2sConnection> connections) {
        List<S2sConnection> ordered = RouterConnections.ordered(connections);
        StringBuilder conf = new StringBuilder();
        StringBuilder secrets = new StringBuilder();
        for (S2sConnection c : ordered) {
            if (!conf.isEmpty()) {
                conf.append('\n');
            }
            renderConn(conf, c);
            // The ids end their line: a token that starts with 0t (a peer named 0t1.example.com) runs to the end of
            // its line in ipsec.secrets, and the key, on an indented line, continues the record.
            secrets.append(c.localPublicIp()).append(' ').append(c.peerGateway().value())
                    .append("\n    : PSK \"").append(c.psk().value()).append("\"\n");
        }
        return new IpsecConf(conf.toString(), secrets.toString());
    }

    private static void renderConn(StringBuilder out, S2sConnection c) {
        out.append("conn ").append(c.name()).append('\n');
        line(out, "left", c.localPublicIp().toString());
        line(out, "leftsubnet", c.localCidr().toString());
        line(out, "right", c.peerGateway().value());
        line(out, "rightsubnets", c.peerCidrs().cidrs().stream().map(Cidr::toString)
                .collect(Collectors.joining(" ", "{", "}")));
        line(out, "type", "tunnel");
        line(out, "authby", "secret");
        line(out, "ike", ike(c.ikePolicy()));
        line(out, "esp", esp(c.espPolicy()));
        line(out, "ikelifetime", c.lifetimes().ikeSeconds() + "s");
        line(out, "salifetime", c.lifetimes().espSeconds() + "s");
        line(out, "pfs", c.espPolicy().pfs() ? "yes" : "no");
        if (c.dpd()) {
            line(out, "dpddelay", String.valueOf(SwanctlRenderer.DPD_DELAY_SECONDS));
            line(out, "dpdtimeout", String.valueOf(SwanctlRenderer.DPD_TIMEOUT_SECONDS));
            line(out, "dpdaction", c.passive() ? "clear" : "restart");
        }
        line(out, "keyingtries", c.passive() ? "1" : "%forever");
        line(out, "ikev2", switch (c.ikeVersion()) {
            case IKE -> "permit";
            case IKEV1 -> "never";
            case IKEV2 -> "insist";
        });
        if (c.forceEncap()) {
            line(out, "encapsulation", "yes");
        }
        line(out, "auto", c.passive() ? "add" : "start");
    }

    static String ike(IpsecPolicy policy) {
        return policy.proposals().stream().map(p -> cipher(p) + "-" + p.hash().token() + group(p))
                .collect(Collectors.joining(","));
    }

    static String esp(IpsecPolicy policy) {
        return policy.proposals().stream()
                .map(p -> cipher(p) + (p.cipher().isAead() ? "" : "-" + p.hash().token()) + group(p))
                .collect(Collectors.joining(","));
    }

    private static String cipher(Proposal p) {
        return switch (p.cipher()) {
            case AES128GCM16 -> "aes_gcm128";
            case AES256GCM16 -> "aes_gcm256";
            default -> p.cipher().token();
        };
    }

    private static String group(Proposal p) {
        return p.group().map(g -> ";" + g.token()).orElse("");
    }

    /** One {@code key=value} line of a {@code conn} section. */
    static void line(StringBuilder out, String key, String value) {
        out.append("    ").append(key).append('=').append(value).append('\n');
    }
}
