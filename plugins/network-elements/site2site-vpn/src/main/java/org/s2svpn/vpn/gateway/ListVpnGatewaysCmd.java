package org.s2svpn.vpn.gateway;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnGatewayResponse;

@APICommand(name = "listVpnGateways", description = "Lists site 2 site vpn gateways", responseObject = VpnGatewayResponse.class)
public final class ListVpnGatewaysCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnGatewayVO.class, description = "id of the vpn gateway")
    private Long id;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, description = "id of vpc")
    private Long vpcId;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "list resources by display flag; only ROOT admin is eligible to pass this parameter")
    private Boolean display;

    private final VpnGatewayDao gateways;
    private final OwnerScope scope;
    private final S2sViews views;

    public ListVpnGatewaysCmd(VpnGatewayDao gateways, OwnerScope scope, S2sViews views) {
        this.gateways = requireNonNull(gateways, "gateways");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(VpnGatewayResponse.class, List.of());
        }
        List<VpnGatewayResponse> found = gateways.search(visibleAccounts(scope, caller, id), id, vpcId, display).stream()
                .map(g -> views.vpnGateway(g, caller))
                .toList();
        return ListResponse.paged(VpnGatewayResponse.class, found, paging());
    }
}
