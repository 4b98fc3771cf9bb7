package org.s2svpn.vpn.status;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a connection's status means for its state: Connected, or Disconnected with a cause a user can act on (and
 * the CHILD SAs that are down).
 */
public record ConnectionVerdict(boolean connected, Optional<String> cause, List<String> downChildren) {
    public static final String AUTHENTICATION_FAILED = "authentication failed";
    public static final String NO_PROPOSAL_CHOSEN = "no proposal chosen";
    public static final String PEER_UNREACHABLE = "peer unreachable";
    public static final String TRAFFIC_SELECTORS_REFUSED = "traffic selectors refused";
    public static final String SOME_SUBNETS_DOWN = "some subnets down";
    /** No SA and no error: not initiated yet, still negotiating, or passive and the peer has not come. */
    public static final String NOT_ESTABLISHED = "not established";

    public ConnectionVerdict {
        requireNonNull(cause, "cause");
        downChildren = List.copyOf(requireNonNull(downChildren, "downChildren"));
        if (connected != cause.isEmpty()) {
            throw new IllegalArgumentException("a verdict has a cause exactly when it is Disconnected");
        }
    }

    public static ConnectionVerdict connectedVerdict() {
        return new ConnectionVerdict(true, Optional.empty(), List.of());
    }

    public static ConnectionVerdict disconnected(String cause, List<String> downChildren) {
        return new ConnectionVerdict(false, Optional.of(cause), downChildren);
    }
}
