package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.NetworkVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listNetworks", description = "Lists all available networks.", responseObject = NetworkResponse.class)
public final class ListNetworksCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = NetworkVO.class, description = "list networks by ID")
    private Long id;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, description = "List networks by VPC")
    private Long vpcId;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the zone ID of the network")
    private Long zoneId;

    @Parameter(name = "name", description = "list networks by name")
    private String name;

    private final NetworkDao tiers;
    private final OwnerScope scope;
    private final VpcViews views;

    public ListNetworksCmd(NetworkDao tiers, OwnerScope scope, VpcViews views) {
        this.tiers = requireNonNull(tiers, "tiers");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(NetworkResponse.class, List.of());
        }
        List<NetworkResponse> found = tiers.search(visibleAccounts(scope, caller, id), id, vpcId, name).stream()
                .filter(t -> zoneId == null || t.zoneId() == zoneId)
                .filter(t -> keyword == null || t.name().contains(keyword))
                .map(views::network)
                .toList();
        return ListResponse.paged(NetworkResponse.class, found, paging());
    }
}
