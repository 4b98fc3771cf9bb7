package org.s2svpn.vpn;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.framework.serialize.RawJson;
import org.s2svpn.framework.serialize.ResponseBodies;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.vpn.api.CustomerGatewayResponse;
import org.s2svpn.vpn.api.RemoteSubnetResponse;
import org.s2svpn.vpn.api.VpnConnectionResponse;
import org.s2svpn.vpn.api.VpnGatewayResponse;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.PeerCidrs;
import org.s2svpn.vpn.render.S2sChild;
import org.s2svpn.vpn.render.S2sConnection;

/** Builds the API's views of customer gateways, VPN gateways and connections. */
public final class S2sViews {
    private final AccountDao accounts;
    private final DomainDao domains;
    private final VpcDao vpcs;
    private final IpAddressDao addresses;
    private final VpnConnectionDao connections;
    private final Encryptor encryptor;
    private final ResponseBodies bodies;

    /** A listed connection's view, as a root admin (who also sees fordisplay) or anyone else has it. */
    private record Shown(VpnConnectionDao.Listed row, boolean rootAdmin) {
    }

    private static final int RENDERED_MAX = 20_000;

    /**
     * The JSON of the connections lists showed lately, by what they show, least recently used first (up to 20,000, about
     * 1 KB each): building and writing a page's 100 views (their PSKs decrypted, their dates formatted) was 40% of a
     * list's CPU. A view is a function of its row alone, so a row that changed is another key and nothing goes stale.
     */
    private final Map<Shown, RawJson> rendered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Shown, RawJson> eldest) {
            return size() > RENDERED_MAX;
        }
    };

    public S2sViews(AccountDao accounts, DomainDao domains, VpcDao vpcs, IpAddressDao addresses, VpnConnectionDao connections,
                    Encryptor encryptor, ResponseBodies bodies) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.addresses = requireNonNull(addresses, "addresses");
        this.connections = requireNonNull(connections, "connections");
        this.encryptor = requireNonNull(encryptor, "encryptor");
        this.bodies = requireNonNull(bodies, "bodies");
    }

    /** The owner's account name, domain uuid, name and path. */
    private record Owner(String account, String domainId, String domain, String domainPath) {
    }

    private Owner owner(long accountId, long domainId) {
        String account = accounts.findById(accountId).map(AccountVO::accountName).orElse(null);
        DomainVO domain = domains.findById(domainId).orElseThrow();
        return new Owner(account, domain.uuid(), domain.name(), domain.displayPath());
    }

    public CustomerGatewayResponse customerGateway(CustomerGatewayVO g) {
        Owner o = owner(g.accountId(), g.domainId());
        return new CustomerGatewayResponse(g.uuid(), g.name(), g.gatewayIp(), null, g.guestCidrList(), encryptor.decrypt(g.encryptedPsk()),
                g.ikePolicy(), g.espPolicy(), g.ikeLifetime(), g.espLifetime(), g.dpd(), g.forceEncap(), g.splitConnections(), g.ikeVersion(),
                null, o.account(), null, null, o.domainId(), o.domain(), o.domainPath(), false);
    }

    public VpnGatewayResponse vpnGateway(VpnGatewayVO g, CallContext caller) {
        Owner o = owner(g.accountId(), g.domainId());
        VpcVO vpc = vpcs.findById(g.vpcId()).orElse(null);
        String ip = addresses.findById(g.addrId()).map(a -> a.address()).orElse(null);
        return new VpnGatewayResponse(g.uuid(), ip, vpc == null ? null : vpc.uuid(), vpc == null ? null : vpc.name(), o.account(), null, null,
                o.domainId(), o.domain(), o.domainPath(), null, caller.isRootAdmin() ? g.display() : null);
    }

    /** The response of a connection as the caller has it (its gateways and owner read now). */
    public VpnConnectionResponse connection(VpnConnectionVO c, CallContext caller) {
        VpnConnectionDao.Listed l = connections.listed(List.of(c.id())).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the gateways of VPN connection " + c.uuid() + " are gone"));
        return response(c, l, caller);
    }

    /** The responses of a page of connections read with what they show ({@link VpnConnectionDao#search}), as JSON. */
    public List<RawJson> connections(List<VpnConnectionDao.Listed> page, CallContext caller) {
        List<Shown> keys = page.stream().map(l -> new Shown(l, caller.isRootAdmin())).toList();
        List<RawJson> result = new ArrayList<>(keys.size());
        synchronized (rendered) {
            keys.forEach(k -> result.add(rendered.get(k)));
        }
        boolean written = false;
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) == null) {
                VpnConnectionDao.Listed l = page.get(i);
                result.set(i, bodies.rendered(response(l.connection(), l, caller)));
                written = true;
            }
        }
        if (written) {
            synchronized (rendered) {
                for (int i = 0; i < keys.size(); i++) {
                    rendered.putIfAbsent(keys.get(i), result.get(i));
                }
            }
        }
        return result;
    }

    private VpnConnectionResponse response(VpnConnectionVO c, VpnConnectionDao.Listed l, CallContext caller) {
        CustomerGatewayVO g = l.customerGateway();
        return new VpnConnectionResponse(c.uuid(), l.vpnGatewayUuid(), l.publicIp(), g.uuid(), g.gatewayIp(), g.guestCidrList(),
                encryptor.decrypt(g.encryptedPsk()), g.ikePolicy(), g.espPolicy(), g.ikeLifetime(), g.espLifetime(), g.dpd(), g.forceEncap(),
                g.splitConnections(), g.ikeVersion(), c.state().name(), c.passive(), ApiGson.format(c.created()), null,
                caller.isRootAdmin() ? c.display() : null, l.accountName(), null, null, l.domainUuid(), l.domainName(),
                DomainVO.displayPath(l.domainPath()), c.reason(), ApiGson.format(c.stateChanged()), remoteSubnets(c, g));
    }

    /**
     * Each remote subnet with the CHILD SA that carries it, as the router is configured now, and whether the monitor saw
     * that SA up at its last reading (after a job changed the connection, none is until the monitor reads again).
     */
    private static List<RemoteSubnetResponse> remoteSubnets(VpnConnectionVO c, CustomerGatewayVO g) {
        Set<String> up = c.childSasUp() == null ? Set.of() : Set.of(c.childSasUp().split(","));
        List<RemoteSubnetResponse> subnets = new ArrayList<>();
        for (S2sChild child : S2sConnection.children(c.id(), PeerCidrs.parse(g.guestCidrList(), Integer.MAX_VALUE), g.splitConnections(),
                IkeVersion.parse(g.ikeVersion()))) {
            String state = up.contains(child.name()) ? RemoteSubnetResponse.UP : RemoteSubnetResponse.DOWN;
            child.remoteCidrs().forEach(cidr -> subnets.add(new RemoteSubnetResponse(cidr.toString(), child.name(), state)));
        }
        return subnets;
    }
}
