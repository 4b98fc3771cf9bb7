package org.s2svpn.server.network;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VlanVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VlanDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.net.Ipv4;

/** Builds the API's views of public IP ranges and addresses. */
public final class PublicNetworkViews {
    private final DataCenterDao zones;
    private final VlanDao vlans;
    private final IpAddressDao addresses;
    private final AccountDao accounts;
    private final DomainDao domains;
    private final VpcDao vpcs;

    public PublicNetworkViews(DataCenterDao zones, VlanDao vlans, IpAddressDao addresses, AccountDao accounts, DomainDao domains, VpcDao vpcs) {
        this.zones = requireNonNull(zones, "zones");
        this.vlans = requireNonNull(vlans, "vlans");
        this.addresses = requireNonNull(addresses, "addresses");
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.vpcs = requireNonNull(vpcs, "vpcs");
    }

    public VlanIpRangeResponse range(VlanVO v) {
        DataCenterVO zone = zones.findById(v.zoneId()).orElseThrow();
        return new VlanIpRangeResponse(v.uuid(), true, zone.uuid(), v.vlanId(), v.gateway(), v.netmask(), v.startIp(), v.endIp(),
                new Cidr(Ipv4.parse(v.gateway()), Cidr.prefixOfNetmask(v.netmask())).toString(),
                addresses.countByVlan(v.id(), IpAddressVO.FREE));
    }

    public IpAddressResponse address(IpAddressVO ip) {
        DataCenterVO zone = zones.findById(ip.zoneId()).orElseThrow();
        VlanVO vlan = vlans.findById(ip.vlanId()).orElseThrow();
        String account = ip.accountId() == null ? null : accounts.findById(ip.accountId()).map(a -> a.accountName()).orElse(null);
        DomainVO domain = ip.domainId() == null ? null : domains.findById(ip.domainId()).orElse(null);
        VpcVO vpc = ip.vpcId() == null ? null : vpcs.findById(ip.vpcId()).orElse(null);
        return new IpAddressResponse(ip.uuid(), ip.address(), ApiGson.format(ip.allocated()), zone.uuid(), zone.name(), ip.sourceNat(),
                account, domain == null ? null : domain.uuid(), domain == null ? null : domain.name(), true, vlan.uuid(), vlan.vlanId(),
                false, false, vpc == null ? null : vpc.uuid(), vpc == null ? null : vpc.name(), ip.state(), true);
    }
}
