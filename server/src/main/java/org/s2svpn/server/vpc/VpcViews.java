package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.NetworkOfferingVO;
import org.s2svpn.schema.NetworkVO;
import org.s2svpn.schema.VpcOfferingVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.OfferingDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.net.Cidr;

/** Builds the API's views of offerings, VPCs and tiers. */
public final class VpcViews {
    private final VpcDao vpcs;
    private final NetworkDao tiers;
    private final OfferingDao offerings;
    private final DataCenterDao zones;
    private final AccountDao accounts;
    private final DomainDao domains;
    private final IpAddressDao addresses;

    public VpcViews(VpcDao vpcs, NetworkDao tiers, OfferingDao offerings, DataCenterDao zones, AccountDao accounts, DomainDao domains,
                    IpAddressDao addresses) {
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.tiers = requireNonNull(tiers, "tiers");
        this.offerings = requireNonNull(offerings, "offerings");
        this.zones = requireNonNull(zones, "zones");
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.addresses = requireNonNull(addresses, "addresses");
    }

    public static VpcOfferingResponse offering(VpcOfferingVO o) {
        return new VpcOfferingResponse(o.uuid(), o.name(), o.displayText(), ApiGson.format(o.created()), o.isDefault(), o.state(),
                ServiceResponse.of(o.serviceProviders()), false, false, "IPv4");
    }

    public static NetworkOfferingResponse offering(NetworkOfferingVO o) {
        return new NetworkOfferingResponse(o.uuid(), o.name(), o.displayText(), ApiGson.format(o.created()), "Guest", o.isDefault(), false,
                o.forVpc(), "Optional", o.state(), "Isolated", ServiceResponse.of(o.serviceProviders()));
    }

    public VpcResponse vpc(VpcVO v, CallContext caller) {
        DataCenterVO zone = zones.findById(v.zoneId()).orElseThrow();
        VpcOfferingVO offering = offerings.vpcOffering(v.vpcOfferingId()).orElseThrow();
        AccountVO owner = accounts.findById(v.accountId()).orElse(null);
        DomainVO domain = domains.findById(v.domainId()).orElseThrow();
        List<NetworkResponse> networks = tiers.listByVpc(v.id()).stream().map(t -> network(t, v, zone)).toList();
        String publicIp = addresses.findSourceNatOfVpc(v.id()).map(ip -> ip.address()).orElse(null);
        return new VpcResponse(v.uuid(), v.name(), v.displayText(), v.state(), zone.uuid(), zone.name(),
                ServiceResponse.of(offering.serviceProviders()), v.cidr(), offering.uuid(), offering.name(), ApiGson.format(v.created()),
                owner == null ? null : owner.accountName(), domain.uuid(), domain.name(), domain.displayPath(), networks,
                v.restartRequired(), v.networkDomain(), List.of(), caller.isRootAdmin() ? v.display() : null, false, false, false, publicIp,
                false);
    }

    public NetworkResponse network(NetworkVO t) {
        VpcVO vpc = vpcs.findById(t.vpcId()).orElseThrow();
        return network(t, vpc, zones.findById(t.zoneId()).orElseThrow());
    }

    private NetworkResponse network(NetworkVO t, VpcVO vpc, DataCenterVO zone) {
        NetworkOfferingVO offering = offerings.networkOffering(t.networkOfferingId()).orElseThrow();
        AccountVO owner = accounts.findById(t.accountId()).orElse(null);
        DomainVO domain = domains.findById(t.domainId()).orElseThrow();
        return new NetworkResponse(t.uuid(), t.name(), t.displayText(), "Vlan", "Guest", t.gateway(), Cidr.parse(t.cidr()).netmask(), t.cidr(),
                zone.uuid(), zone.name(), offering.uuid(), offering.name(), t.state(), "Isolated", "Account",
                owner == null ? null : owner.accountName(), domain.uuid(), domain.name(), domain.displayPath(), vpc.uuid(), vpc.name(),
                "bridge://" + t.broadcastUri(), ServiceResponse.of(offering.serviceProviders()), ApiGson.format(t.created()), false, true,
                false, List.of(), true);
    }
}
