package org.s2svpn.vpn.customer;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCreateCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.CustomerGatewayResponse;

@APICommand(name = "createVpnCustomerGateway", description = "Creates site to site vpn customer gateway",
        responseObject = CustomerGatewayResponse.class, related = "updateVpnCustomerGateway", requestHasSensitiveInfo = true,
        responseHasSensitiveInfo = true)
public final class CreateVpnCustomerGatewayCmd extends CustomerGatewayParameters implements AsyncCreateCommand {
    @Parameter(name = "account", description = "the account associated with the gateway. Must be used with the domainId parameter.")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "the domain ID associated with the gateway. If used with the account parameter returns the gateway associated with the account for the specified domain.")
    private Long domainId;

    @Parameter(name = "projectid", type = CommandType.UUID, since = "4.6", description = "create site-to-site VPN customer gateway for the project")
    private String projectId;

    private final CustomerGatewayService service;
    private final CustomerGatewayDao gateways;
    private final OwnerScope owners;
    private final S2sViews views;
    private CustomerGatewayVO gateway;

    public CreateVpnCustomerGatewayCmd(CustomerGatewayService service, CustomerGatewayDao gateways, OwnerScope owners, S2sViews views) {
        this.service = requireNonNull(service, "service");
        this.gateways = requireNonNull(gateways, "gateways");
        this.owners = requireNonNull(owners, "owners");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public String create(CallContext caller) {
        if (projectId != null) {
            throw org.s2svpn.framework.api.ApiException.invalidParameter("Invalid projectid: projects are not supported");
        }
        gateway = service.create(owners.owner(caller, accountName, domainId), request("ike"));
        return gateway.uuid();
    }

    @Override
    public Object execute(CallContext caller) {
        return views.customerGateway(gateways.findById(gateway.id()).orElseThrow());
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CUSTOMER.GATEWAY.CREATE";
    }

    @Override
    public String eventDescription() {
        return "Creating site-to-site VPN customer gateway " + (gateway == null ? name : gateway.name());
    }

    @Override
    public String instanceType() {
        return "VpnCustomerGateway";
    }

    @Override
    public String instanceUuid() {
        return gateway == null ? null : gateway.uuid();
    }
}
