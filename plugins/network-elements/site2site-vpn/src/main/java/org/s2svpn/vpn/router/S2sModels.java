package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.vpn.render.S2sConnection;

/**
 * A router's connections as it runs them, joined from the database: the one model rendering and status checks
 * start from. Read in one query whatever the number of connections, since the router check reads every router's
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
    private final Encryptor encryptor;

    public S2sModels(VpnConnectionDao connections, Encryptor encryptor) {
        this.connections = requireNonNull(connections, "connections");
        this.encryptor = requireNonNull(encryptor, "encryptor");
    }

    /** The connections of a VPC's router now; read with the router's lock held, so that no job changes them meanwhile. */
    public Live live(long vpcId) {
        List<VpnConnectionVO> all = new ArrayList<>();
        Map<Long, S2sConnection> models = new LinkedHashMap<>();
        for (VpnConnectionDao.Run run : connections.runByVpc(vpcId)) {
            all.add(run.connection());
            models.put(run.connection().id(), model(run));
        }
        return new Live(List.copyOf(all), models);
    }

    /** One connection as its router runs it (also for its customer gateway's device configuration). */
    public S2sConnection model(VpnConnectionDao.Run run) {
        VpnConnectionVO c = run.connection();
        CustomerGatewayVO g = run.customerGateway();
        return S2sConnection.builder()
                .id(c.id())
                .localPublicIp(run.publicIp())
                .localCidr(run.vpcCidr())
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
