package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

/**
 * The two swanctl.conf sections a router loads: {@code connections { }} and {@code secrets { }}. The router writes
 * them to files of its own, the secrets one private. {@link #toString()} leaves the secrets out.
 */
public record SwanctlConfig(String connections, String secrets) {
    public SwanctlConfig {
        requireNonNull(connections, "connections");
        requireNonNull(secrets, "secrets");
    }

    @Override
    public String toString() {
        return "SwanctlConfig[connections=" + connections + ", secrets=*****]";
    }
}
