package org.s2svpn.server.config;

import java.util.List;
import org.s2svpn.framework.config.ConfigKey;
import org.s2svpn.framework.config.Configurable;

/** Global settings of the management server itself. */
public final class ServerSettings implements Configurable {
    public static final ConfigKey<Integer> ROUTER_CHECK_INTERVAL = ConfigKey.of("Advanced", Integer.class, "router.check.interval", "30",
            "Interval (in seconds) to report redundant router status and check site-to-site VPN connections; 0 or less disables it.");

    public static final ConfigKey<String> PUBLIC_BRIDGE = ConfigKey.of("Network", String.class, "network.public.bridge", "cloudbr0",
                    "The bridge on the network nodes that carries the zone's public network; routers attach their public interface to it.")
            .withCheck(v -> v.matches("[a-zA-Z][a-zA-Z0-9_.-]{0,14}") ? null : "must be a Linux interface name of 1 to 15 characters");

    public static final ConfigKey<Integer> ROUTER_COMMAND_TIMEOUT = ConfigKey.of("Advanced", Integer.class, "router.command.timeout", "60",
                    "Seconds a command to a router's network node may take before it counts as failed.")
            .withCheck(v -> v >= 1 && v <= 3600 ? null : "must be 1 to 3600");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(ROUTER_CHECK_INTERVAL, PUBLIC_BRIDGE, ROUTER_COMMAND_TIMEOUT);
    }
}
