package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The connections of one router, checked to be renderable together and put in a stable order. */
final class RouterConnections {
    private RouterConnections() {
    }

    /**
     * Sorted by id, so the same desired state renders the same text (and hash). Refuses two connections with one id,
     * and two to the same peer: both would have the same addresses and IKE identities, so charon could tell neither
     * their configs nor their keys apart (CloudStack's router kept only the last one, keyed by peer address).
     */
    static List<S2sConnection> ordered(List<S2sConnection> connections) {
        requireNonNull(connections, "connections");
        Set<Long> ids = new HashSet<>();
        Map<String, S2sConnection> byPeer = new HashMap<>();
        for (S2sConnection c : connections) {
            requireNonNull(c, "connection");
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two connections have the id " + c.id());
            }
            S2sConnection other = byPeer.putIfAbsent(c.peerGateway().value().toLowerCase(Locale.ROOT), c);
            if (other != null) {
                throw new IllegalArgumentException("connections " + other.name() + " and " + c.name()
                        + " have the same peer gateway " + c.peerGateway()
                        + ": a router can have one connection per peer");
            }
        }
        return connections.stream().sorted(Comparator.comparingLong(S2sConnection::id)).toList();
    }
}
