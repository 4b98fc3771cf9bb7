package org.s2svpn.vpn.customer;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.CustomerGatewayResponse;

@APICommand(name = "updateVpnCustomerGateway", description = "Update site to site vpn customer gateway",
        responseObject = CustomerGatewayResponse.class, requestHasSensitiveInfo = true, responseHasSensitiveInfo = true)
public final class UpdateVpnCustomerGatewayCmd extends CustomerGatewayParameters implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = CustomerGatewayVO.class, required = true,
            description = "id of customer gateway")
    private Long id;

    @Parameter(name = "account", description = "the account associated with the gateway. Must be used with the domainId parameter.")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = org.s2svpn.schema.DomainVO.class,
            description = "the domain ID associated with the gateway. If used with the account parameter returns the gateway associated with the account for the specified domain.")
    private Long domainId;

    private final CustomerGatewayService service;
    private final S2sViews views;
    private CustomerGatewayVO gateway;

    public UpdateVpnCustomerGatewayCmd(CustomerGatewayService service, S2sViews views) {
        this.service = requireNonNull(service, "service");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public void validate(CallContext caller) {
        gateway = service.accessible(caller, id);
        service.checkUpdate(gateway, request(gateway.ikeVersion()));
    }

    @Override
    public Object execute(CallContext caller) {
        // on update, a missing ikeversion keeps the stored one, as CloudStack does; other missing values take their defaults
        return views.customerGateway(service.update(gateway, request(gateway.ikeVersion())));
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CUSTOMER.GATEWAY.UPDATE";
    }

    @Override
    public String eventDescription() {
        return "Update site-to-site VPN customer gateway " + gateway.name();
    }

    @Override
    public String instanceType() {
        return "VpnCustomerGateway";
    }

    @Override
    public String instanceUuid() {
        return gateway.uuid();
    }
}
