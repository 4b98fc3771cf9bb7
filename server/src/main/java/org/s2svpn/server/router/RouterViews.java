package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VlanVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.VlanDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.net.Cidr;

/** Builds the API's view of a router. */
public final class RouterViews {
    private final VpcDao vpcs;
    private final NetworkDao tiers;
    private final IpAddressDao addresses;
    private final VlanDao vlans;
    private final DataCenterDao zones;
    private final HostDao hosts;
    private final AccountDao accounts;
    private final DomainDao domains;

    public RouterViews(VpcDao vpcs, NetworkDao tiers, IpAddressDao addresses, VlanDao vlans, DataCenterDao zones, HostDao hosts,
                       AccountDao accounts, DomainDao domains) {
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.tiers = requireNonNull(tiers, "tiers");
        this.addresses = requireNonNull(addresses, "addresses");
        this.vlans = requireNonNull(vlans, "vlans");
        this.zones = requireNonNull(zones, "zones");
        this.hosts = requireNonNull(hosts, "hosts");
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
    }

    public RouterResponse router(DomainRouterVO r) {
        VpcVO vpc = vpcs.findById(r.vpcId()).orElse(null);
        DataCenterVO zone = zones.findById(r.zoneId()).orElseThrow();
        IpAddressVO ip = r.publicIpId() == null ? null : addresses.findById(r.publicIpId()).orElse(null);
        VlanVO vlan = ip == null ? null : vlans.findById(ip.vlanId()).orElse(null);
        HostVO host = r.hostId() == null ? null : hosts.findById(r.hostId()).orElse(null);
        AccountVO owner = accounts.findById(r.accountId()).orElse(null);
        DomainVO domain = domains.findById(r.domainId()).orElseThrow();
        List<RouterResponse.Nic> nics = new ArrayList<>();
        if (ip != null && vlan != null) {
            nics.add(new RouterResponse.Nic(null, "public", ip.address(), vlan.netmask(), vlan.gateway(), "Public", true));
        }
        if (vpc != null) {
            tiers.listByVpc(vpc.id()).forEach(t -> nics.add(new RouterResponse.Nic(t.uuid(), t.name(), t.gateway(),
                    Cidr.parse(t.cidr()).netmask(), null, "Guest", false)));
        }
        return new RouterResponse(r.uuid(), r.name(), zone.uuid(), zone.name(), r.state().name(), ip == null ? null : ip.address(),
                vlan == null ? null : vlan.netmask(), vlan == null ? null : vlan.gateway(), host == null ? null : host.uuid(),
                host == null ? null : host.name(), owner == null ? null : owner.accountName(), domain.uuid(), domain.name(),
                vpc == null ? null : vpc.uuid(), vpc == null ? null : vpc.name(), "VIRTUAL_ROUTER", false, "UNKNOWN", false, r.hostId() == null,
                r.lastError(), ApiGson.format(r.created()), nics);
    }
}
