package org.s2svpn.vpn.status;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One connection as a router reports it: its IKE SA's state (none when it has no SA), its CHILD SAs, and the last
 * error charon logged for it.
 */
public record ConnectionStatus(
        String name,
        Optional<String> ikeState,
        OptionalLong ikeEstablishedSeconds,
        List<ChildSaStatus> children,
        Optional<String> lastError) {

    public ConnectionStatus {
        requireNonNull(name, "name");
        requireNonNull(ikeState, "ikeState");
        requireNonNull(ikeEstablishedSeconds, "ikeEstablishedSeconds");
        children = List.copyOf(requireNonNull(children, "children"));
        requireNonNull(lastError, "lastError");
    }

    /** Bytes received through all of the connection's CHILD SAs, as their counters stand now. */
    public long bytesIn() {
        return children.stream().mapToLong(ChildSaStatus::bytesIn).sum();
    }

    /** Bytes sent through all of the connection's CHILD SAs, as their counters stand now. */
    public long bytesOut() {
        return children.stream().mapToLong(ChildSaStatus::bytesOut).sum();
    }

    /** Packets received through all of the connection's CHILD SAs, as their counters stand now. */
    public long packetsIn() {
        return children.stream().mapToLong(ChildSaStatus::packetsIn).sum();
    }

    /** Packets sent through all of the connection's CHILD SAs, as their counters stand now. */
    public long packetsOut() {
        return children.stream().mapToLong(ChildSaStatus::packetsOut).sum();
    }

    public boolean ikeEstablished() {
        return ikeState.filter("ESTABLISHED"::equals).isPresent();
    }

    /**
     * Connected only when the IKE SA is established and every expected CHILD SA (the connection's child names, as
     * the server rendered them) is installed or rekeying: an established IKE SA alone proves nothing about traffic
     * (CloudStack's check stopped there, and reported split connections with dead subnets as Connected).
     * Otherwise Disconnected, with the cause the last error points at, else what the states show.
     */
    public ConnectionVerdict verdict(List<String> expectedChildren) {
        requireNonNull(expectedChildren, "expectedChildren");
        if (expectedChildren.isEmpty()) {
            throw new IllegalArgumentException("a connection has at least one CHILD SA");
        }
        List<String> up = upChildren(expectedChildren);
        List<String> down = expectedChildren.stream().filter(expected -> !up.contains(expected)).toList();
        boolean ikeUp = ikeEstablished();
        if (ikeUp && down.isEmpty()) {
            return ConnectionVerdict.connectedVerdict();
        }
        Optional<String> known = lastError.flatMap(error -> classify(error, ikeUp));
        if (known.isPresent()) {
            return ConnectionVerdict.disconnected(known.get(), down);
        }
        if (ikeUp) {
            // The IKE SA is there but some subnets have no SA, and charon said nothing we recognize.
            return ConnectionVerdict.disconnected(lastError.orElse(ConnectionVerdict.SOME_SUBNETS_DOWN), down);
        }
        return ConnectionVerdict.disconnected(lastError.orElse(ConnectionVerdict.NOT_ESTABLISHED), down);
    }

    /**
     * The expected CHILD SAs (by name, as the server rendered them) that carry traffic, in their order: one of the
     * SAs of that name is installed or rekeying (after a rekey the old SA lingers next to the new one).
     */
    public List<String> upChildren(List<String> expectedChildren) {
        return expectedChildren.stream().filter(expected -> children.stream().anyMatch(c -> c.name().equals(expected) && c.isUp())).toList();
    }

    /**
     * The cause behind one of charon's error messages (strongSwan 5.9 wording), or empty when it is not one of the
     * known kinds: the caller then shows the message itself.
     */
    static Optional<String> classify(String error, boolean ikeEstablished) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("authentication_failed") || e.contains("mac mismatched") || e.contains("no shared key found")
                || e.contains("authentication of") && e.contains("failed")
                || e.contains("integrity check failed") || e.contains("hash payload does not match")) {
            return Optional.of(ConnectionVerdict.AUTHENTICATION_FAILED);
        }
        if (e.contains("message parsing failed") && !ikeEstablished) {
            // IKEv1 main mode: keys derived from two different PSKs decrypt each other's last messages to garbage,
            // and that is all either charon says.
            return Optional.of(ConnectionVerdict.AUTHENTICATION_FAILED);
        }
        if (e.contains("no_proposal_chosen") || e.contains("no acceptable proposal") || e.contains("no matching proposal")
                || e.contains("proposals unacceptable") || e.contains("no proposal found")) {
            return Optional.of(ConnectionVerdict.NO_PROPOSAL_CHOSEN);
        }
        if (e.contains("ts_unacceptable") || e.contains("traffic selectors") && e.contains("unacceptable")
                || e.contains("no matching child_sa config")) {
            return Optional.of(ConnectionVerdict.TRAFFIC_SELECTORS_REFUSED);
        }
        if (e.contains("invalid_id_information")) {
            // IKEv1's catch-all for identities: in main mode the peer refused our ID, in quick mode our subnets
            // (Cisco's "proxy identities not supported").
            return Optional.of(ikeEstablished ? ConnectionVerdict.TRAFFIC_SELECTORS_REFUSED
                    : ConnectionVerdict.AUTHENTICATION_FAILED);
        }
        if (e.contains("retransmit") || e.contains("peer not responding") || e.contains("dpd check timed out")
                || e.contains("unable to resolve") || e.contains("no route to host")
                || e.contains("network is unreachable")) {
            return Optional.of(ConnectionVerdict.PEER_UNREACHABLE);
        }
        return Optional.empty();
    }
}
