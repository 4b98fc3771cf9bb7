package org.s2svpn.vpn.status;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A router's answer to {@code s2s-status}: the hash of the spec it applied last (none when it has no S2S
 * configuration) and one entry per connection of that spec.
 */
public record RouterS2sStatus(String name, Optional<String> hash, List<ConnectionStatus> connections) {
    public RouterS2sStatus {
        requireNonNull(name, "name");
        requireNonNull(hash, "hash");
        connections = List.copyOf(requireNonNull(connections, "connections"));
    }

    public Optional<ConnectionStatus> connection(String connectionName) {
        return connections.stream().filter(c -> c.name().equals(connectionName)).findFirst();
    }
}
