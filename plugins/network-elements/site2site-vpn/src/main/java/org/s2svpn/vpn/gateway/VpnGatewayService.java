package org.s2svpn.vpn.gateway;

import static java.util.Objects.requireNonNull;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.springframework.transaction.support.TransactionTemplate;

/** A VPC's VPN gateway: one per VPC, on the VPC's source-NAT address (CloudStack's createVpnGateway rules). */
public final class VpnGatewayService {
    private static final Logger LOG = LogManager.getLogger(VpnGatewayService.class);

    private final VpnGatewayDao gateways;
    private final VpnConnectionDao connections;
    private final VpcDao vpcs;
    private final IpAddressDao addresses;
    private final AccessPolicyImpl access;
    private final TransactionTemplate tx;

    public VpnGatewayService(VpnGatewayDao gateways, VpnConnectionDao connections, VpcDao vpcs, IpAddressDao addresses,
                             AccessPolicyImpl access, TransactionTemplate tx) {
        this.gateways = requireNonNull(gateways, "gateways");
        this.connections = requireNonNull(connections, "connections");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.addresses = requireNonNull(addresses, "addresses");
        this.access = requireNonNull(access, "access");
        this.tx = requireNonNull(tx, "tx");
    }

    public VpnGatewayVO create(CallContext caller, long vpcId, Long ipAddressId, boolean display) {
        VpcVO vpc = vpcs.findById(vpcId).orElseThrow(() -> ApiException.invalidParameter("Invalid vpcid: unable to find the VPC"));
        if (!access.canAccess(caller, vpc.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on VPC " + vpc.uuid());
        }
        IpAddressVO ip = addresses.findSourceNatOfVpc(vpcId)
                .orElseThrow(() -> ApiException.internal("Cannot found source nat ip of vpc " + vpc.name()));
        if (ipAddressId != null && ipAddressId != ip.id()) {
            throw ApiException.invalidParameter("Invalid ipaddressid: the VPN gateway of VPC " + vpc.name()
                    + " can only use the VPC's source NAT IP " + ip.address());
        }
        VpnGatewayVO created = tx.execute(status -> {
            vpcs.lock(vpcId);
            if (gateways.findByVpc(vpcId).isPresent()) {
                throw ApiException.invalidParameter("The VPN gateway of VPC " + vpc.name() + " already existed!");
            }
            return gateways.insert(ip.id(), vpcId, vpc.domainId(), vpc.accountId(), display);
        });
        LOG.info("created VPN gateway {} for VPC {} on {}", created.uuid(), vpc.name(), ip.address());
        return created;
    }

    public VpnGatewayVO accessible(CallContext caller, long id) {
        VpnGatewayVO gateway = gateways.findById(id).orElseThrow(() -> ApiException.invalidParameter("Unable to find the VPN gateway"));
        if (!access.canAccess(caller, gateway.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on VPN gateway " + gateway.uuid());
        }
        return gateway;
    }

    /** Refused while connections use it, as in CloudStack. */
    public void delete(VpnGatewayVO gateway) {
        tx.executeWithoutResult(status -> {
            if (!connections.listByVpnGateway(gateway.id()).isEmpty()) {
                throw ApiException.invalidParameter("Unable to delete VPN gateway " + gateway.uuid()
                        + " because there is still related VPN connections!");
            }
            gateways.markRemoved(gateway.id());
        });
        LOG.info("deleted VPN gateway {}", gateway.uuid());
    }
}
