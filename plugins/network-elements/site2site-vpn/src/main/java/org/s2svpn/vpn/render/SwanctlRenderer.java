package org.s2svpn.vpn.render;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.IpsecPolicy;
import org.s2svpn.vpn.policy.Proposal;

/**
 * Renders a router's connections as swanctl.conf's {@code connections { }} and {@code secrets { }} sections, for
 * the router's charon (strongSwan 5.9, loaded with {@code swanctl --load-conns --load-creds}).
 *
 * <p>How CloudStack's settings map, and where this does better than CloudStack's ipsec.conf:
 * <ul>
 * <li>{@code ikeversion}: {@code ike} is version 0 (IKEv2 when initiating, either when responding), {@code ikev1}
 *     1, {@code ikev2} 2.
 * <li>PSK authentication; the IKE identities are the two public addresses (or the peer's DNS name), which also
 *     select the connection's key in {@code secrets}.
 * <li>Proposals: CloudStack's {@code ;} becomes {@code -}. In IKE an AES-GCM proposal is
 *     {@code aes128gcm16-prfsha256-<group>} (the hash is the PRF); in ESP it has no integrity algorithm. A group
 *     in ESP is PFS. Proposals are strict: charon appends its defaults only when told {@code default}, and this
 *     never does, so the tunnel uses what the user chose or nothing (CloudStack's configs had no {@code !}, and
 *     strongSwan added its defaults).
 * <li>Lifetimes: the lifetime a user gives is the SA's hard lifetime, as on the peer's side (Cisco's
 *     {@code lifetime}) and as CloudStack's ipsec.conf meant it. Rekeying starts at 85-90% of it, so a new SA is
 *     in place before the old one ends; CloudStack rounded lifetimes down to minutes.
 * <li>DPD: every 30 s when {@code dpd} is on (CloudStack's 30/120); on a dead peer an initiator restarts the
 *     connection, a passive one clears it and waits for the peer.
 * <li>A connection that is not passive starts when charon loads it ({@code start_action = start}), all of a
 *     router's at once, with no process per connection: charon initiates a connection that is new or whose
 *     configuration changed, and a CHILD SA added to it in its established IKE SA; the router's apply script
 *     initiates only what charon did not (a connection still down after an apply that left it unchanged). Trap
 *     policies ({@code trap}) would not do: they do not fire with the kernel-libipsec data plane. An initiator
 *     retries forever ({@code keyingtries = 0}), so a tunnel comes back by itself when the peer does; CloudStack
 *     gave up after 2 tries. {@code passive} is honoured ({@code start_action = none}: it only responds), which
 *     CloudStack's router ignored.
 * <li>{@code forceencap}: ESP in UDP even without NAT ({@code encap = yes}).
 * <li>Split connections, and always with IKEv1: one CHILD SA per remote subnet; otherwise one CHILD SA with all.
 * </ul>
 *
 * <p>Every value that comes from a user has passed its type's checks and is written quoted, with {@code \} and
 * {@code "} escaped, so no value can end its line, its section or the file. The key alone is written as
 * {@code 0x} and the hex of its UTF-8 bytes: swanctl decodes a secret that starts with {@code 0x} or {@code 0s}
 * (in any case) as hex or base64, so a key such as {@code 0x5ecret!} written as text would reach charon as other
 * bytes than the peer's; in hex every key, whatever its characters, reaches charon byte for byte.
 */
public final class SwanctlRenderer {
    static final int DPD_DELAY_SECONDS = 30;
    static final int DPD_TIMEOUT_SECONDS = 120;

    /** Renders the connections of one router (in any order: they are rendered by id). */
    public SwanctlConfig render(List<S2sConnection> connections) {
        List<S2sConnection> ordered = RouterConnections.ordered(connections);
        StringBuilder conns = new StringBuilder("connections {\n");
        StringBuilder secrets = new StringBuilder("secrets {\n");
        for (S2sConnection c : ordered) {
            renderConnection(conns, c);
            renderSecret(secrets, c);
        }
        return new SwanctlConfig(conns.append("}\n").toString(), secrets.append("}\n").toString());
    }

    /**
     * One end of a connection as swanctl.conf writes it: the router's end ({@link #routerEnd}), or the customer
     * gateway's ({@link #customerEnd}), which is the router's mirrored. {@code localAddrs} is null when the local
     * address is not known (a customer gateway known by its DNS name: charon then takes any of its addresses).
     */
    record End(String localAddrs, String remoteAddrs, String localId, String remoteId, boolean initiator, List<Ts> children) {
    }

    /** A CHILD SA of one end: its name and traffic selectors, in swanctl's list syntax. */
    record Ts(String name, String local, String remote) {
    }

    static End routerEnd(S2sConnection c) {
        String vpc = c.localCidr().toString();
        return new End(c.localPublicIp().toString(), c.peerGateway().value(), c.localPublicIp().toString(),
                c.peerGateway().value(), !c.passive(), c.children().stream()
                        .map(child -> new Ts(child.name(), vpc, cidrs(child.remoteCidrs()))).toList());
    }

    /**
     * The customer gateway's end: the router's, local and remote swapped, with the same CHILD SAs (names, subnets).
     * Exactly one end initiates: the customer gateway when the connection is passive, the router otherwise.
     */
    static End customerEnd(S2sConnection c) {
        String vpc = c.localCidr().toString();
        String router = c.localPublicIp().toString();
        return new End(c.peerGateway().isAddress() ? c.peerGateway().value() : null, router, c.peerGateway().value(), router,
                c.passive(), c.children().stream().map(child -> new Ts(child.name(), cidrs(child.remoteCidrs()), vpc)).toList());
    }

    private static String cidrs(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    private static void renderConnection(StringBuilder out, S2sConnection c) {
        renderConnection(out, c, routerEnd(c), c.ikeVersion());
    }

    /** One connection's section as that end runs it, in that IKE version. */
    static void renderConnection(StringBuilder out, S2sConnection c, End end, IkeVersion version) {
        long ikeLife = c.lifetimes().ikeSeconds();
        long espLife = c.lifetimes().espSeconds();
        out.append("    ").append(c.name()).append(" {\n");
        line(out, 2, "version", switch (version) {
            case IKE -> "0";
            case IKEV1 -> "1";
            case IKEV2 -> "2";
        });
        if (end.localAddrs() != null) {
            line(out, 2, "local_addrs", quote(end.localAddrs()));
        }
        line(out, 2, "remote_addrs", quote(end.remoteAddrs()));
        line(out, 2, "proposals", quote(ikeProposals(c.ikePolicy())));
        line(out, 2, "rekey_time", seconds(rekeyTime(ikeLife)));
        line(out, 2, "over_time", seconds(ikeLife - rekeyTime(ikeLife)));
        line(out, 2, "rand_time", seconds(randTime(ikeLife)));
        if (end.initiator()) {
            line(out, 2, "keyingtries", "0");
        }
        if (c.forceEncap()) {
            line(out, 2, "encap", "yes");
        }
        if (c.dpd()) {
            line(out, 2, "dpd_delay", seconds(DPD_DELAY_SECONDS));
            // Used by IKEv1 only; IKEv2 declares a peer dead when its retransmissions run out.
            line(out, 2, "dpd_timeout", seconds(DPD_TIMEOUT_SECONDS));
        }
        out.append("        local {\n");
        line(out, 3, "auth", "psk");
        line(out, 3, "id", quote(end.localId()));
        out.append("        }\n");
        out.append("        remote {\n");
        line(out, 3, "auth", "psk");
        line(out, 3, "id", quote(end.remoteId()));
        out.append("        }\n");
        out.append("        children {\n");
        String espProposals = quote(espProposals(c.espPolicy()));
        for (Ts child : end.children()) {
            out.append("            ").append(child.name()).append(" {\n");
            line(out, 4, "local_ts", quote(child.local()));
            line(out, 4, "remote_ts", quote(child.remote()));
            line(out, 4, "esp_proposals", espProposals);
            line(out, 4, "rekey_time", seconds(rekeyTime(espLife)));
            line(out, 4, "life_time", seconds(espLife));
            line(out, 4, "rand_time", seconds(randTime(espLife)));
            if (c.dpd()) {
                line(out, 4, "dpd_action", end.initiator() ? "restart" : "clear");
            }
            line(out, 4, "start_action", end.initiator() ? "start" : "none");
            out.append("            }\n");
        }
        out.append("        }\n");
        out.append("    }\n");
    }

    private static void renderSecret(StringBuilder out, S2sConnection c) {
        renderSecret(out, c, routerEnd(c));
    }

    static void renderSecret(StringBuilder out, S2sConnection c, End end) {
        out.append("    ike-").append(c.name()).append(" {\n");
        line(out, 2, "id-local", quote(end.localId()));
        line(out, 2, "id-remote", quote(end.remoteId()));
        line(out, 2, "secret", hexSecret(c.psk().value()));
        out.append("    }\n");
    }

    /** Rekeying starts at 90% of the lifetime, minus up to {@link #randTime} so both ends do not rekey at once. */
    static long rekeyTime(long lifetime) {
        return lifetime * 9 / 10;
    }

    static long randTime(long lifetime) {
        return lifetime / 20;
    }

    static String ikeProposals(IpsecPolicy policy) {
        return policy.proposals().stream().map(SwanctlRenderer::ikeProposal).collect(Collectors.joining(","));
    }

    private static String ikeProposal(Proposal p) {
        String group = p.group().orElseThrow().token();
        if (p.cipher().isAead()) {
            return p.cipher().token() + "-prf" + p.hash().token() + "-" + group;
        }
        return p.cipher().token() + "-" + p.hash().token() + "-" + group;
    }

    static String espProposals(IpsecPolicy policy) {
        return policy.proposals().stream().map(SwanctlRenderer::espProposal).collect(Collectors.joining(","));
    }

    private static String espProposal(Proposal p) {
        String integrity = p.cipher().isAead() ? "" : "-" + p.hash().token();
        return p.cipher().token() + integrity + p.group().map(g -> "-" + g.token()).orElse("");
    }

    private static String seconds(long seconds) {
        return seconds + "s";
    }

    private static void line(StringBuilder out, int depth, String key, String value) {
        out.append("    ".repeat(depth)).append(key).append(" = ").append(value).append('\n');
    }

    /** A key as swanctl's {@code 0x} hex: the bytes charon gets are exactly the key's UTF-8 bytes. */
    static String hexSecret(String key) {
        return "0x" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A swanctl.conf string: in quotes, {@code \} and {@code "} escaped (the parser reads {@code \x} as x). The
     * values' types already refuse control characters; a line break here would be a bug, so it fails loudly.
     */
    static String quote(String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a control character in a rendered value");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
