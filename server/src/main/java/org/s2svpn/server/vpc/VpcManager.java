package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiErrorCode;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.NetworkOfferingVO;
import org.s2svpn.schema.NetworkVO;
import org.s2svpn.schema.VpcOfferingVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.OfferingDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.net.Ipv4;
import org.s2svpn.server.router.RouterManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

/** VPCs and their tiers, with CloudStack's rules: CIDRs, offerings, one router per VPC with the VPC's source-NAT IP. */
public final class VpcManager {
    private static final Logger LOG = LogManager.getLogger(VpcManager.class);
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private final VpcDao vpcs;
    private final NetworkDao tiers;
    private final OfferingDao offerings;
    private final IpAddressDao addresses;
    private final RouterDao routers;
    private final RouterManager routerManager;
    private final AccessPolicyImpl access;
    private final ObjectProvider<VpcLifecycleListener> listeners;
    private final TransactionTemplate tx;

    public VpcManager(VpcDao vpcs, NetworkDao tiers, OfferingDao offerings, IpAddressDao addresses, RouterDao routers,
                      RouterManager routerManager, AccessPolicyImpl access, ObjectProvider<VpcLifecycleListener> listeners,
                      TransactionTemplate tx) {
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.tiers = requireNonNull(tiers, "tiers");
        this.offerings = requireNonNull(offerings, "offerings");
        this.addresses = requireNonNull(addresses, "addresses");
        this.routers = requireNonNull(routers, "routers");
        this.routerManager = requireNonNull(routerManager, "routerManager");
        this.access = requireNonNull(access, "access");
        this.listeners = requireNonNull(listeners, "listeners");
        this.tx = requireNonNull(tx, "tx");
    }

    /** The create phase of createVPC: the VPC row, its source-NAT address and its (stopped) router, or nothing at all. */
    public VpcVO create(AccountVO owner, String name, String displayText, String cidr, long offeringId, DataCenterVO zone,
                        String networkDomain, boolean display) {
        requireText("name", name);
        if (networkDomain != null && !isDomainName(networkDomain)) {
            throw ApiException.invalidParameter("Invalid networkdomain " + networkDomain + ": total length shouldn't exceed 190 chars;"
                    + " each domain label must be 1 to 63 characters of ASCII letters, digits and hyphens, not starting or ending"
                    + " with a hyphen");
        }
        if (!Cidr.isValid(cidr)) {
            throw ApiException.invalidParameter("Invalid cidr " + cidr + ": an IPv4 CIDR such as 10.1.0.0/16 is required");
        }
        Cidr network = Cidr.parse(cidr);
        if (network.prefix() < 8 || network.prefix() > 28) {
            throw ApiException.invalidParameter("Invalid cidr " + cidr + ": the VPC CIDR prefix must be from /8 to /28");
        }
        VpcOfferingVO offering = offerings.vpcOffering(offeringId)
                .filter(o -> o.state().equals("Enabled"))
                .orElseThrow(() -> ApiException.invalidParameter("Invalid vpcofferingid: the VPC offering is not enabled"));
        VpcVO created = tx.execute(status -> {
            VpcVO vpc = vpcs.insert(UUID.randomUUID().toString(), name, displayText == null ? name : displayText, network.toString(),
                    offering.id(), zone.id(), owner.id(), owner.domainId(), networkDomain, display);
            IpAddressVO ip = addresses.allocateSourceNat(zone.id(), owner.id(), owner.domainId(), vpc.id())
                    .orElseThrow(() -> new ApiException(ApiErrorCode.INSUFFICIENT_CAPACITY_ERROR, 4370, "Insufficient address capacity:"
                            + " no free public IP address is left in zone " + zone.name() + " for the VPC's source NAT; add a range"
                            + " with createVlanIpRange"));
            routers.insert(vpc.id(), zone.id(), null, ip.id(), owner.id(), owner.domainId());
            return vpc;
        });
        LOG.info("created VPC {} ({}) cidr {} for account {}", name, created.uuid(), cidr, owner.accountName());
        return created;
    }

    /** The VPC, when the caller may act on it (531 otherwise). */
    public VpcVO accessible(CallContext caller, long vpcId) {
        VpcVO vpc = vpcs.findById(vpcId).orElseThrow(() -> ApiException.invalidParameter("Unable to find VPC by id"));
        if (!access.canAccess(caller, vpc.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on VPC " + vpc.uuid());
        }
        return vpc;
    }

    public NetworkVO accessibleTier(CallContext caller, long networkId) {
        NetworkVO tier = tiers.findById(networkId).orElseThrow(() -> ApiException.invalidParameter("Unable to find network by id"));
        if (!access.canAccess(caller, tier.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on network " + tier.uuid());
        }
        return tier;
    }

    public DomainRouterVO routerOf(VpcVO vpc) {
        return routers.findByVpc(vpc.id()).orElseThrow(() -> ApiException.internal("VPC " + vpc.name() + " has no router"));
    }

    /** restartVPC: re-applies the router's configuration; with cleanup, the router is torn down and built anew. */
    public void restart(VpcVO vpc, boolean cleanup) {
        DomainRouterVO router = routers.findByVpc(vpc.id()).orElse(null);
        if (router == null) {
            IpAddressVO ip = addresses.findSourceNatOfVpc(vpc.id()).orElseThrow();
            router = routers.insert(vpc.id(), vpc.zoneId(), null, ip.id(), vpc.accountId(), vpc.domainId());
            routerManager.start(router.id());
        } else if (cleanup || router.state() != DomainRouterVO.State.Running) {
            routerManager.reboot(router.id());
        } else {
            routerManager.reapply(router.id());
        }
    }

    public void checkDeletable(VpcVO vpc) {
        int count = tiers.listByVpc(vpc.id()).size();
        if (count > 0) {
            throw ApiException.invalidParameter("Can't delete VPC " + vpc.name() + " as it is used by " + count + " network(s)");
        }
    }

    /** deleteVPC: refused while tiers remain, as CloudStack does; then the router goes and the address is released. */
    public void delete(VpcVO vpc) {
        checkDeletable(vpc);
        routers.findByVpc(vpc.id()).ifPresent(r -> routerManager.destroy(r.id()));
        tx.executeWithoutResult(status -> {
            listeners.orderedStream().forEach(l -> l.deleting(vpc));
            addresses.findSourceNatOfVpc(vpc.id()).ifPresent(ip -> addresses.release(ip.id()));
            vpcs.markRemoved(vpc.id());
        });
        LOG.info("deleted VPC {} ({})", vpc.name(), vpc.uuid());
    }

    /** createNetwork in a VPC: a tier inside the VPC CIDR, overlapping no other tier; the running router gets it at once. */
    public NetworkVO createTier(CallContext caller, VpcVO vpc, String name, String displayText, String gateway, String netmask,
                                long offeringId) {
        requireText("name", name);
        if (!access.canAccess(caller, vpc.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to add a network to VPC " + vpc.uuid());
        }
        NetworkOfferingVO offering = offerings.networkOffering(offeringId)
                .filter(NetworkOfferingVO::forVpc)
                .orElseThrow(() -> ApiException.invalidParameter("Invalid networkofferingid: the offering is not for VPC networks"));
        if (!Ipv4.isValid(gateway)) {
            throw ApiException.invalidParameter("Invalid gateway " + gateway + ": an IPv4 address is required");
        }
        int prefix = Cidr.prefixOfNetmask(netmask);
        if (prefix < 8 || prefix > 29) {
            throw ApiException.invalidParameter("Invalid netmask " + netmask + ": a contiguous netmask from /8 to /29 is required");
        }
        Cidr cidr = new Cidr(Ipv4.parse(gateway), prefix);
        Ipv4 gw = Ipv4.parse(gateway);
        if (gw.equals(cidr.network()) || gw.equals(cidr.broadcast())) {
            throw ApiException.invalidParameter("Invalid gateway " + gateway + ": it is the network or broadcast address of " + cidr);
        }
        Cidr vpcCidr = Cidr.parse(vpc.cidr());
        if (!vpcCidr.contains(cidr)) {
            throw ApiException.invalidParameter("Invalid gateway " + gateway + " and netmask " + netmask + ": the network " + cidr
                    + " must be inside the VPC CIDR " + vpcCidr);
        }
        NetworkVO tier = tx.execute(status -> {
            vpcs.lock(vpc.id());
            for (NetworkVO other : tiers.listByVpc(vpc.id())) {
                if (Cidr.parse(other.cidr()).overlaps(cidr)) {
                    throw ApiException.invalidParameter("Invalid gateway " + gateway + " and netmask " + netmask + ": the network " + cidr
                            + " overlaps network " + other.name() + " (" + other.cidr() + ") of the VPC");
                }
            }
            return tiers.insert(UUID.randomUUID().toString(), name, displayText == null ? name : displayText, vpc.id(), offering.id(),
                    vpc.zoneId(), gateway, cidr.toString(), vpc.accountId(), vpc.domainId());
        });
        LOG.info("created network {} ({}) {} in VPC {}", name, tier.uuid(), cidr, vpc.name());
        routers.findByVpc(vpc.id()).ifPresent(r -> routerManager.reapply(r.id()));
        return tier;
    }

    public void deleteTier(NetworkVO tier) {
        tiers.markRemoved(tier.id());
        routers.findByVpc(tier.vpcId()).ifPresent(r -> routerManager.reapply(r.id()));
        LOG.info("deleted network {} ({})", tier.name(), tier.uuid());
    }

    /** CloudStack's NetUtils.verifyDomainName: the VPC's network domain ends up in the router's DNS and DHCP configuration. */
    private static boolean isDomainName(String name) {
        return name.length() <= 190 && DOMAIN_NAME.matcher(name).matches();
    }

    /** A name a user gives a VPC or a tier, as createVPC, updateVPC and createNetwork check it. */
    static void requireText(String parameter, String value) {
        if (value == null || value.isBlank() || value.length() > 255 || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidParameter("Invalid " + parameter + ": 1 to 255 characters, no control characters");
        }
    }
}
