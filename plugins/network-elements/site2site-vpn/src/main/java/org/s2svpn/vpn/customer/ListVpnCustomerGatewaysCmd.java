package org.s2svpn.vpn.customer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.CustomerGatewayResponse;

@APICommand(name = "listVpnCustomerGateways", description = "Lists site to site vpn customer gateways",
        responseObject = CustomerGatewayResponse.class, responseHasSensitiveInfo = true)
public final class ListVpnCustomerGatewaysCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = CustomerGatewayVO.class, description = "id of the customer gateway")
    private Long id;

    private final CustomerGatewayDao gateways;
    private final OwnerScope scope;
    private final S2sViews views;

    public ListVpnCustomerGatewaysCmd(CustomerGatewayDao gateways, OwnerScope scope, S2sViews views) {
        this.gateways = requireNonNull(gateways, "gateways");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(CustomerGatewayResponse.class, List.of());
        }
        List<CustomerGatewayResponse> found = gateways.search(visibleAccounts(scope, caller, id), id, keyword).stream()
                .map(views::customerGateway)
                .toList();
        return ListResponse.paged(CustomerGatewayResponse.class, found, paging());
    }
}
