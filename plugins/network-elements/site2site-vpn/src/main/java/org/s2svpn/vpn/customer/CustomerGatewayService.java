package org.s2svpn.vpn.customer;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.Site2SiteVpnSettings;
import org.s2svpn.vpn.connection.VpnConnectionService;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.InvalidValueException;
import org.s2svpn.vpn.policy.IpsecPolicy;
import org.s2svpn.vpn.policy.PeerCidrs;
import org.s2svpn.vpn.policy.PeerGateway;
import org.s2svpn.vpn.policy.PreSharedKey;
import org.s2svpn.vpn.policy.SaLifetimes;
import org.s2svpn.vpn.router.S2sRouterElement;
import org.springframework.transaction.support.TransactionTemplate;

/** Customer gateways: every value checked before anything is stored; an update re-applies the connections that use it. */
public final class CustomerGatewayService {
    private static final Logger LOG = LogManager.getLogger(CustomerGatewayService.class);

    private final CustomerGatewayDao gateways;
    private final VpnConnectionDao connections;
    private final VpnGatewayDao vpnGateways;
    private final VpcDao vpcs;
    private final AccessPolicyImpl access;
    private final ConfigDepot config;
    private final Encryptor encryptor;
    private final S2sRouterElement element;
    private final TransactionTemplate tx;

    public CustomerGatewayService(CustomerGatewayDao gateways, VpnConnectionDao connections, VpnGatewayDao vpnGateways, VpcDao vpcs,
                                  AccessPolicyImpl access, ConfigDepot config, Encryptor encryptor, S2sRouterElement element,
                                  TransactionTemplate tx) {
        this.gateways = requireNonNull(gateways, "gateways");
        this.connections = requireNonNull(connections, "connections");
        this.vpnGateways = requireNonNull(vpnGateways, "vpnGateways");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.access = requireNonNull(access, "access");
        this.config = requireNonNull(config, "config");
        this.encryptor = requireNonNull(encryptor, "encryptor");
        this.element = requireNonNull(element, "element");
        this.tx = requireNonNull(tx, "tx");
    }

    public CustomerGatewayVO create(AccountVO owner, CustomerGatewayRequest request) {
        CustomerGatewayVO valid = validated(request, 0, owner.id(), owner.domainId());
        CustomerGatewayVO created = tx.execute(status -> {
            checkNameFree(owner.id(), valid.name(), 0);
            return gateways.insert(valid);
        });
        LOG.info("created customer gateway {} ({}) for {} with subnets {}", created.name(), created.uuid(), created.gatewayIp(),
                created.guestCidrList());
        return created;
    }

    /**
     * What {@link #update} checks, before its job: CloudStack checked in the job, so a bad value was answered with a job
     * id and left a job and an event behind; here it is the request's 431 and nothing is recorded. The job checks again.
     */
    public void checkUpdate(CustomerGatewayVO current, CustomerGatewayRequest request) {
        CustomerGatewayVO valid = validated(request, current.id(), current.accountId(), current.domainId());
        checkNameFree(current.accountId(), valid.name(), current.id());
        for (VpnConnectionVO c : connections.listByCustomerGateway(current.id())) {
            checkFitsConnection(valid, c);
        }
    }

    /** Replaces every field (what is left out takes its default, as in CloudStack), then re-applies its connections. */
    public CustomerGatewayVO update(CustomerGatewayVO current, CustomerGatewayRequest request) {
        CustomerGatewayVO valid = validated(request, current.id(), current.accountId(), current.domainId());
        tx.executeWithoutResult(status -> {
            checkNameFree(current.accountId(), valid.name(), current.id());
            for (VpnConnectionVO c : connections.listByCustomerGateway(current.id())) {
                checkFitsConnection(valid, c);
            }
            gateways.update(new CustomerGatewayVO(current.id(), current.uuid(), valid.name(), valid.gatewayIp(), valid.guestCidrList(),
                    valid.encryptedPsk(), valid.ikePolicy(), valid.espPolicy(), valid.ikeLifetime(), valid.espLifetime(), valid.dpd(),
                    valid.forceEncap(), valid.ikeVersion(), valid.splitConnections(), current.domainId(), current.accountId(),
                    current.created()));
        });
        LOG.info("updated customer gateway {} ({})", valid.name(), current.uuid());
        for (VpnConnectionVO c : connections.listByCustomerGateway(current.id())) {
            if (c.state() != VpnConnectionVO.State.Pending) {
                long vpcId = vpnGateways.findById(c.vpnGatewayId()).orElseThrow().vpcId();
                try {
                    element.restart(vpcId, c.id());
                } catch (ApiException e) {
                    // restart left it in Error with the reason, until a reset
                    LOG.warn("connection {} could not be re-applied after the customer gateway update: {}", c.uuid(), e.getMessage());
                }
            }
        }
        return gateways.findById(current.id()).orElseThrow();
    }

    public void delete(CustomerGatewayVO gateway) {
        tx.executeWithoutResult(status -> {
            if (!connections.listByCustomerGateway(gateway.id()).isEmpty()) {
                throw ApiException.invalidParameter("Unable to delete VPN customer gateway " + gateway.name()
                        + " because there is still related VPN connections!");
            }
            gateways.markRemoved(gateway.id());
        });
        LOG.info("deleted customer gateway {} ({})", gateway.name(), gateway.uuid());
    }

    public CustomerGatewayVO accessible(CallContext caller, long id) {
        CustomerGatewayVO gateway = gateways.findById(id).orElseThrow(() -> ApiException.invalidParameter("Unable to find the customer gateway"));
        if (!access.canAccess(caller, gateway.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on customer gateway " + gateway.uuid());
        }
        return gateway;
    }

    /** Every value checked and normalized; the PSK encrypted. A bad value is a 431 naming its parameter. */
    private CustomerGatewayVO validated(CustomerGatewayRequest r, long id, long accountId, long domainId) {
        try {
            PeerGateway gateway = PeerGateway.parse(r.gateway());
            PeerCidrs cidrs = PeerCidrs.parse(r.cidrList(), config.value(Site2SiteVpnSettings.SUBNETS_LIMIT));
            PreSharedKey psk = PreSharedKey.parse(r.psk());
            IpsecPolicy ike = IpsecPolicy.parseIke(r.ikePolicy());
            IpsecPolicy esp = IpsecPolicy.parseEsp(r.espPolicy());
            SaLifetimes lifetimes = new SaLifetimes(r.ikeLifetime(), r.espLifetime());
            IkeVersion version = IkeVersion.parse(r.ikeVersion());
            version.requireNegotiable(ike);
            String name = r.name() == null ? "VPN-" + gateway.value() : r.name();
            if (name.isBlank() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("name", "Invalid name: 1 to 255 characters, no control characters");
            }
            return new CustomerGatewayVO(id, UUID.randomUUID().toString(), name, gateway.value(), cidrs.toString(),
                    encryptor.encrypt(psk.value()), ike.toString(), esp.toString(), (int) lifetimes.ikeSeconds(), (int) lifetimes.espSeconds(),
                    r.dpd(), r.forceEncap(), version.token(), r.splitConnections(), domainId, accountId, null);
        } catch (InvalidValueException e) {
            throw ApiException.invalidParameter(named(e));
        }
    }

    /** The message, led by the parameter's name where it does not say it (CloudStack's policy texts name the policy only). */
    private static String named(InvalidValueException e) {
        return e.getMessage().contains(e.parameter()) ? e.getMessage() : "Invalid " + e.parameter() + ": " + e.getMessage();
    }

    private void checkNameFree(long accountId, String name, long exceptId) {
        gateways.findByName(accountId, name).filter(g -> g.id() != exceptId).ifPresent(g -> {
            throw ApiException.invalidParameter("The customer gateway with name " + name + " already exists!");
        });
    }

    /** What CloudStack forgot on update: the new subnets must still fit every connection that uses the gateway. */
    private void checkFitsConnection(CustomerGatewayVO updated, VpnConnectionVO c) {
        long vpnGatewayId = c.vpnGatewayId();
        VpcVO vpc = vpcs.findById(vpnGateways.findById(vpnGatewayId).orElseThrow().vpcId()).orElseThrow();
        Cidr vpcCidr = Cidr.parse(vpc.cidr());
        for (String cidr : updated.guestCidrList().split(",")) {
            if (Cidr.parse(cidr).overlaps(vpcCidr)) {
                throw ApiException.invalidParameter("Invalid cidrlist: " + cidr + " overlaps the CIDR " + vpc.cidr() + " of VPC " + vpc.name()
                        + ", connected through this customer gateway");
            }
        }
        for (VpnConnectionVO other : connections.listByVpnGateway(vpnGatewayId)) {
            if (other.customerGatewayId() != updated.id()) {
                CustomerGatewayVO otherGateway = gateways.findById(other.customerGatewayId()).orElseThrow();
                String overlap = VpnConnectionService.firstOverlap(updated.guestCidrList(), otherGateway.guestCidrList());
                if (overlap != null) {
                    throw ApiException.invalidParameter("Invalid cidrlist: " + overlap + " overlaps a subnet of customer gateway "
                            + otherGateway.name() + " on the same VPN gateway");
                }
            }
        }
    }
}
