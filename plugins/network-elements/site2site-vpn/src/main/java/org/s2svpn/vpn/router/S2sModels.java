package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.vpn.render.S2sConnection;

/**
 * A router's connections as it runs them, joined from the database: the one model rendering and status checks
 * start from. Read in five queries whatever the number of connections, since the router check reads every router's
 * connections every interval.
 */
public final class S2sModels {
    /** The live connections of a router's VPC (id order) and the model of each, as read at one moment. */
    public record Live(List<VpnConnectionVO> connections, Map<Long, S2sConnection> models) {
        public S2sConnection model(VpnConnectionVO c) {
            return models.get(c.id());
        }
    }

    private final VpnConnectionDao connections;
    private final VpnGatewayDao vpnGateways;
    private final CustomerGatewayDao customerGateways;
    private final IpAddressDao addresses;
    private final VpcDao vpcs;
    private final Encryptor encryptor;

    public S2sModels(VpnConnectionDao connections, VpnGatewayDao vpnGateways, CustomerGatewayDao customerGateways, IpAddressDao addresses,
                     VpcDao vpcs, Encryptor encryptor) {
        this.connections = requireNonNull(connections, "connections");
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
        this.customerGateways = requireNonNull(customerGateways, "customerGateways");
        this.addresses = requireNonNull(addresses, "addresses");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.encryptor = requireNonNull(encryptor, "encryptor");
    }

    /** The connections of a VPC's router now; read with the router's lock held, so that no job changes them meanwhile. */
    public Live live(long vpcId) {
        List<VpnConnectionVO> all = connections.listByVpc(vpcId);
        if (all.isEmpty()) {
            return new Live(all, Map.of());
        }
        VpcVO vpc = vpcs.findById(vpcId).orElseThrow();
        Map<Long, VpnGatewayVO> gateways = byId(vpnGateways.findByIds(ids(all, VpnConnectionVO::vpnGatewayId)), VpnGatewayVO::id);
        Map<Long, IpAddressVO> publicIps = byId(addresses.findByIds(ids(gateways.values(), VpnGatewayVO::addrId)), IpAddressVO::id);
        Map<Long, CustomerGatewayVO> peers = byId(customerGateways.findByIds(ids(all, VpnConnectionVO::customerGatewayId)), CustomerGatewayVO::id);
        Map<Long, S2sConnection> models = new LinkedHashMap<>();
        for (VpnConnectionVO c : all) {
            String localPublicIp = publicIps.get(gateways.get(c.vpnGatewayId()).addrId()).address();
            models.put(c.id(), model(c, vpc, localPublicIp, peers.get(c.customerGatewayId())));
        }
        return new Live(all, models);
    }

    /** One connection as its router runs it, read now (for its customer gateway's device configuration). */
    public S2sConnection model(VpnConnectionVO c) {
        VpnGatewayVO gateway = vpnGateways.findById(c.vpnGatewayId()).orElseThrow();
        VpcVO vpc = vpcs.findById(gateway.vpcId()).orElseThrow();
        String localPublicIp = addresses.findById(gateway.addrId()).orElseThrow().address();
        return model(c, vpc, localPublicIp, customerGateways.findById(c.customerGatewayId()).orElseThrow());
    }

    private S2sConnection model(VpnConnectionVO c, VpcVO vpc, String localPublicIp, CustomerGatewayVO g) {
        return S2sConnection.builder()
                .id(c.id())
                .localPublicIp(localPublicIp)
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

    private static <T> List<Long> ids(java.util.Collection<T> rows, Function<T, Long> id) {
        return rows.stream().map(id).distinct().toList();
    }

    private static <T> Map<Long, T> byId(List<T> rows, Function<T, Long> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
