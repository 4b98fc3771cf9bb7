package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiErrorCode;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.Site2SiteVpnSettings;
import org.s2svpn.vpn.router.S2sRouterElement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections: CloudStack's create-phase rules and state machine (§3), applied through the VPC router's whole S2S
 * configuration. A failure half-way leaves a state that a reset or the next apply repairs.
 */
public final class VpnConnectionService {
    private static final Logger LOG = LogManager.getLogger(VpnConnectionService.class);

    private final VpnConnectionDao connections;
    private final VpnGatewayDao vpnGateways;
    private final CustomerGatewayDao customerGateways;
    private final VpcDao vpcs;
    private final AccessPolicyImpl access;
    private final ConfigDepot config;
    private final S2sRouterElement element;
    private final TransactionTemplate tx;

    public VpnConnectionService(VpnConnectionDao connections, VpnGatewayDao vpnGateways, CustomerGatewayDao customerGateways, VpcDao vpcs,
                                AccessPolicyImpl access, ConfigDepot config, S2sRouterElement element, TransactionTemplate tx) {
        this.connections = requireNonNull(connections, "connections");
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
        this.customerGateways = requireNonNull(customerGateways, "customerGateways");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.access = requireNonNull(access, "access");
        this.config = requireNonNull(config, "config");
        this.element = requireNonNull(element, "element");
        this.tx = requireNonNull(tx, "tx");
    }

    /** The create phase of createVpnConnection: CloudStack's checks in its order, then a Pending row. */
    public VpnConnectionVO create(CallContext caller, long customerGatewayId, long vpnGatewayId, boolean passive, boolean display) {
        CustomerGatewayVO customer = customerGateways.findById(customerGatewayId)
                .orElseThrow(() -> ApiException.invalidParameter("Unable to find specified Site to Site VPN customer gateway " + customerGatewayId));
        if (!access.canAccess(caller, customer.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to use customer gateway " + customer.uuid());
        }
        VpnGatewayVO vpnGateway = vpnGateways.findById(vpnGatewayId)
                .orElseThrow(() -> ApiException.invalidParameter("Unable to find specified Site to Site VPN gateway " + vpnGatewayId));
        if (!access.canAccess(caller, vpnGateway.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to use VPN gateway " + vpnGateway.uuid());
        }
        if (customer.accountId() != vpnGateway.accountId() || customer.domainId() != vpnGateway.domainId()) {
            throw ApiException.invalidParameter("VPN connection can only be established between same account's VPN gateway and customer gateway!");
        }
        VpnConnectionVO created = tx.execute(status -> {
            VpcVO vpc = vpcs.lock(vpnGateway.vpcId())
                    .orElseThrow(() -> ApiException.invalidParameter("The VPN gateway's VPC no longer exists"));
            List<VpnConnectionVO> existing = connections.listByVpnGateway(vpnGateway.id());
            if (existing.stream().anyMatch(c -> c.customerGatewayId() == customer.id())) {
                throw new ApiException(ApiErrorCode.NETWORK_RULE_CONFLICT_ERROR, 4537, "The vpn connection with customer gateway id "
                        + customer.uuid() + " and vpn gateway id " + vpnGateway.uuid() + " already existed!");
            }
            Cidr vpcCidr = Cidr.parse(vpc.cidr());
            for (String cidr : customer.guestCidrList().split(",")) {
                if (Cidr.parse(cidr).overlaps(vpcCidr)) {
                    throw ApiException.invalidParameter("The subnets of customer gateway " + customer.name() + "'s subnet " + cidr
                            + " is overlapped with VPC cidr " + vpc.cidr() + "!");
                }
            }
            int limit = config.value(Site2SiteVpnSettings.CONNECTION_LIMIT);
            if (existing.size() >= limit) {
                throw ApiException.invalidParameter("There are already " + existing.size() + " connections with vpn gateway "
                        + vpnGateway.uuid() + "; the limit is " + limit + " (site2site.vpn.vpngateway.connection.limit)");
            }
            for (VpnConnectionVO other : existing) {
                CustomerGatewayVO otherGateway = customerGateways.findById(other.customerGatewayId()).orElseThrow();
                String overlap = firstOverlap(customer.guestCidrList(), otherGateway.guestCidrList());
                if (overlap != null) {
                    throw ApiException.invalidParameter("The subnet " + overlap + " of customer gateway " + customer.name()
                            + " overlaps a subnet of customer gateway " + otherGateway.name() + ", already connected to this VPN gateway");
                }
            }
            return connections.insert(vpnGateway.id(), customer.id(), vpnGateway.domainId(), vpnGateway.accountId(), passive, display);
        });
        LOG.info("created VPN connection {} between VPN gateway {} and customer gateway {}", created.uuid(), vpnGateway.uuid(), customer.name());
        return created;
    }

    /** The execute phase of createVpnConnection: the router gets its whole configuration, this connection included. */
    public VpnConnectionVO start(VpnConnectionVO connection) {
        return applied(() -> element.start(vpcOf(connection), connection.id()));
    }

    /**
     * resetVpnConnection: torn down, then started again; any state can be reset (CloudStack's #4429). The same
     * restart as after a customer gateway update; a connection another job deleted meanwhile fails the job with 431.
     */
    public VpnConnectionVO reset(VpnConnectionVO connection) {
        return applied(() -> element.restart(vpcOf(connection), connection.id()));
    }

    /** deleteVpnConnection: taken off the router (when it runs), then Removed. */
    public void delete(VpnConnectionVO connection) {
        element.remove(vpcOf(connection), connection.id());
        LOG.info("deleted VPN connection {}", connection.uuid());
    }

    /**
     * Runs a change on the router and returns the connection as the change left it (its state before the router's
     * status answer moved it on); a router that cannot take it answers 534 (the connection is then in Error, saying why).
     */
    private VpnConnectionVO applied(Supplier<VpnConnectionVO> change) {
        try {
            return change.get();
        } catch (ApiException e) {
            if (e.errorCode() != ApiErrorCode.RESOURCE_UNAVAILABLE_ERROR) {
                throw e;
            }
            throw new ApiException(ApiErrorCode.RESOURCE_UNAVAILABLE_ERROR, ApiException.CS_RESOURCE_UNAVAILABLE,
                    "Failed to apply site-to-site VPN: " + e.getMessage(), e);
        }
    }

    private long vpcOf(VpnConnectionVO connection) {
        return vpnGateways.findById(connection.vpnGatewayId()).orElseThrow().vpcId();
    }

    public VpnConnectionVO accessible(CallContext caller, long id) {
        VpnConnectionVO connection = connections.findById(id).orElseThrow(() -> ApiException.invalidParameter("Unable to find the VPN connection"));
        if (!access.canAccess(caller, connection.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on VPN connection " + connection.uuid());
        }
        return connection;
    }

    /** The first CIDR of a that overlaps a CIDR of b, or null. */
    public static String firstOverlap(String a, String b) {
        for (String x : a.split(",")) {
            for (String y : b.split(",")) {
                if (Cidr.parse(x).overlaps(Cidr.parse(y))) {
                    return x;
                }
            }
        }
        return null;
    }
}
