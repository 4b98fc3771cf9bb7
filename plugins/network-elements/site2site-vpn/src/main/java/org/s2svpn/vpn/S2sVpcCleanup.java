package org.s2svpn.vpn;

import static java.util.Objects.requireNonNull;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.server.vpc.VpcLifecycleListener;

/** CloudStack's cleanupVpcResources for S2S: a deleted VPC takes its connections and its VPN gateway along; customer gateways stay. */
public final class S2sVpcCleanup implements VpcLifecycleListener {
    private static final Logger LOG = LogManager.getLogger(S2sVpcCleanup.class);

    private final VpnConnectionDao connections;
    private final VpnGatewayDao vpnGateways;

    public S2sVpcCleanup(VpnConnectionDao connections, VpnGatewayDao vpnGateways) {
        this.connections = requireNonNull(connections, "connections");
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
    }

    @Override
    public void deleting(VpcVO vpc) {
        for (VpnConnectionVO c : connections.listByVpc(vpc.id())) {
            connections.markRemoved(c.id());
        }
        vpnGateways.findByVpc(vpc.id()).ifPresent(g -> {
            vpnGateways.markRemoved(g.id());
            LOG.info("VPC {} deleted: its VPN gateway {} and connections went with it", vpc.name(), g.uuid());
        });
    }
}
