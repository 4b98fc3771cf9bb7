package org.s2svpn.server.network;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listPublicIpAddresses", description = "Lists all public IP addresses", responseObject = IpAddressResponse.class)
public final class ListPublicIpAddressesCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = IpAddressVO.class, description = "lists IP address by ID")
    private Long id;

    @Parameter(name = "ipaddress", description = "lists the specified IP address")
    private String address;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, description = "List IPs belonging to the VPC")
    private Long vpcId;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "lists all public IP addresses by zone ID")
    private Long zoneId;

    @Parameter(name = "issourcenat", type = CommandType.BOOLEAN, description = "list only source NAT IP addresses")
    private Boolean sourceNat;

    @Parameter(name = "allocatedonly", type = CommandType.BOOLEAN, description = "limits search results to allocated public IP addresses")
    private Boolean allocatedOnly;

    private final IpAddressDao addresses;
    private final OwnerScope scope;
    private final PublicNetworkViews views;

    public ListPublicIpAddressesCmd(IpAddressDao addresses, OwnerScope scope, PublicNetworkViews views) {
        this.addresses = requireNonNull(addresses, "addresses");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(IpAddressResponse.class, List.of());
        }
        List<IpAddressResponse> found = addresses.searchAllocated(visibleAccounts(scope, caller, id), vpcId, id, address).stream()
                .filter(ip -> zoneId == null || ip.zoneId() == zoneId)
                .filter(ip -> sourceNat == null || ip.sourceNat() == sourceNat)
                .map(views::address)
                .toList();
        return ListResponse.paged(IpAddressResponse.class, found, paging());
    }
}
