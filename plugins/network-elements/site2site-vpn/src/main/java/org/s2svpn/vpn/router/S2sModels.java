package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.vpn.render.S2sConnection;

/** A connection as a router runs it, joined from the database: the one model rendering and status checks start from. */
public final class S2sModels {
    private final VpnGatewayDao vpnGateways;
    private final CustomerGatewayDao customerGateways;
    private final IpAddressDao addresses;
    private final VpcDao vpcs;
    private final Encryptor encryptor;

    public S2sModels(VpnGatewayDao vpnGateways, CustomerGatewayDao customerGateways, IpAddressDao addresses, VpcDao vpcs, Encryptor encryptor) {
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
        this.customerGateways = requireNonNull(customerGateways, "customerGateways");
        this.addresses = requireNonNull(addresses, "addresses");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.encryptor = requireNonNull(encryptor, "encryptor");
    }

    public S2sConnection of(VpnConnectionVO c) {
        VpnGatewayVO vpnGateway = vpnGateways.findById(c.vpnGatewayId()).orElseThrow();
        return of(c, vpcs.findById(vpnGateway.vpcId()).orElseThrow());
    }

    public S2sConnection of(VpnConnectionVO c, VpcVO vpc) {
        VpnGatewayVO vpnGateway = vpnGateways.findById(c.vpnGatewayId()).orElseThrow();
        CustomerGatewayVO g = customerGateways.findById(c.customerGatewayId()).orElseThrow();
        return S2sConnection.builder()
                .id(c.id())
                .localPublicIp(addresses.findById(vpnGateway.addrId()).orElseThrow().address())
                .localCidr(vpc.cidr())
                .peerGateway(g.gatewayIp())
                .peerCidrs(g.guestCidrList())
                .psk(encryptor.decrypt(g.encryptedPsk()))
                .ikePolicy(g.ikePolicy())
                .espPolicy(g.espPolicy())
                .lifetimes(g.ikeLifetime(), g.espLifetime())
                .dpd(g.dpd())
                .forceEncap(g.forceEncap())
                .passive(c.passive())
                .splitConnections(g.splitConnections())
                .ikeVersion(g.ikeVersion())
                .build();
    }
}
