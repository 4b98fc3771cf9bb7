package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.account.BaseListAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listRouters", description = "List routers.", responseObject = RouterResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin})
public final class ListRoutersCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = DomainRouterVO.class, description = "the ID of the disk router")
    private Long id;

    @Parameter(name = "name", description = "the name of the router")
    private String name;

    @Parameter(name = "state", description = "the state of the router")
    private String state;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, description = "List networks by VPC")
    private Long vpcId;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the Zone ID of the router")
    private Long zoneId;

    @Parameter(name = "hostid", type = CommandType.UUID, entityType = HostVO.class, description = "the host ID of the router")
    private Long hostId;

    private final RouterDao routers;
    private final OwnerScope scope;
    private final RouterViews views;

    public ListRoutersCmd(RouterDao routers, OwnerScope scope, RouterViews views) {
        this.routers = requireNonNull(routers, "routers");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        // routers are system VMs: admins list those of every account they manage without listall, as in CloudStack
        List<Long> visible = scope.accountIds(caller, accountName, domainId, true, true);
        List<RouterResponse> found = routers.search(visible, id, vpcId, state, hostId).stream()
                .filter(r -> name == null || r.name().equals(name))
                .filter(r -> zoneId == null || r.zoneId() == zoneId)
                .filter(r -> keyword == null || r.name().contains(keyword))
                .map(views::router)
                .toList();
        return ListResponse.paged(RouterResponse.class, found, paging());
    }
}
