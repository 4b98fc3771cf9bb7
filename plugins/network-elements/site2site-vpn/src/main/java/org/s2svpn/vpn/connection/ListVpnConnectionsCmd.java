package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.Page;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnConnectionResponse;

@APICommand(name = "listVpnConnections", description = "Lists site to site vpn connection gateways", responseObject = VpnConnectionResponse.class,
        responseHasSensitiveInfo = true)
public final class ListVpnConnectionsCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnConnectionVO.class, description = "id of the vpn connection")
    private Long id;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, description = "id of vpc")
    private Long vpcId;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "list resources by display flag; only ROOT admin is eligible to pass this parameter")
    private Boolean display;

    private final VpnConnectionDao connections;
    private final OwnerScope scope;
    private final S2sViews views;

    public ListVpnConnectionsCmd(VpnConnectionDao connections, OwnerScope scope, S2sViews views) {
        this.connections = requireNonNull(connections, "connections");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(VpnConnectionResponse.class, List.of());
        }
        Page<VpnConnectionDao.Listed> page = connections.search(visibleAccounts(scope, caller, id), id, vpcId, display, paging().offset(),
                paging().limit());
        return new ListResponse<>(VpnConnectionResponse.class, views.connections(page.items(), caller), page.total());
    }
}
