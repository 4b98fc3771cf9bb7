package org.s2svpn.vpn;

import java.util.List;
import org.s2svpn.framework.config.ConfigKey;
import org.s2svpn.framework.config.Configurable;

/** The feature's global settings; they apply without a restart (CloudStack reads them once at start). */
public final class Site2SiteVpnSettings implements Configurable {
    public static final ConfigKey<Integer> CONNECTION_LIMIT = ConfigKey.of("Network", Integer.class,
                    "site2site.vpn.vpngateway.connection.limit", "4", "The maximum number of VPN connection per VPN gateway")
            .withCheck(v -> v >= 1 && v <= 1000 ? null : "must be 1 to 1000");

    public static final ConfigKey<Integer> SUBNETS_LIMIT = ConfigKey.of("Network", Integer.class,
                    "site2site.vpn.customergateway.subnets.limit", "10", "The maximum number of subnets per customer gateway")
            .withCheck(v -> v >= 1 && v <= 100 ? null : "must be 1 to 100");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(CONNECTION_LIMIT, SUBNETS_LIMIT);
    }
}
