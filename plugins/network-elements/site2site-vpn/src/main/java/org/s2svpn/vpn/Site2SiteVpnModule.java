package org.s2svpn.vpn;

import java.util.List;
import org.s2svpn.schema.dao.ConnectionMetricsDao;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.vpn.connection.VpnConnectionService;
import org.s2svpn.vpn.customer.CustomerGatewayService;
import org.s2svpn.vpn.gateway.VpnGatewayService;
import org.s2svpn.vpn.metrics.ConnectionPackets;
import org.s2svpn.vpn.metrics.S2sMetrics;
import org.s2svpn.vpn.router.ConnectionMonitor;
import org.s2svpn.vpn.router.S2sModels;
import org.s2svpn.vpn.router.S2sRouterElement;
import org.s2svpn.vpn.usage.S2sUsage;
import org.s2svpn.vpn.router.SimulatedS2s;

/** The feature's components, each with one constructor whose arguments are other components; the server registers them. */
public final class Site2SiteVpnModule {
    public static final List<Class<?>> COMPONENTS = List.of(
            CustomerGatewayDao.class, VpnGatewayDao.class, VpnConnectionDao.class, Site2SiteVpnSettings.class, S2sViews.class,
            VpnGatewayService.class, SimulatedS2s.class, S2sUsageDao.class, S2sUsage.class, S2sModels.class, ConnectionMonitor.class,
            S2sRouterElement.class, CustomerGatewayService.class, VpnConnectionService.class, S2sVpcCleanup.class,
            ConnectionPackets.class, ConnectionMetricsDao.class, S2sMetrics.class);

    private Site2SiteVpnModule() {
    }
}
