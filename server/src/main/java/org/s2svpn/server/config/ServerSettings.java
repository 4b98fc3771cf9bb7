package org.s2svpn.server.config;

import java.util.List;
import org.s2svpn.framework.config.ConfigKey;
import org.s2svpn.framework.config.Configurable;

/** Global settings of the management server itself. */
public final class ServerSettings implements Configurable {
    public static final ConfigKey<Integer> ROUTER_CHECK_INTERVAL = ConfigKey.of("Advanced", Integer.class, "router.check.interval", "30",
            "Interval (in seconds) to report redundant router status and check site-to-site VPN connections; 0 or less disables it.");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(ROUTER_CHECK_INTERVAL);
    }
}
