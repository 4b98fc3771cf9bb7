package org.s2svpn.vpn.customer;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SuccessResponse;
import org.s2svpn.schema.CustomerGatewayVO;

@APICommand(name = "deleteVpnCustomerGateway", description = "Delete site to site vpn customer gateway", responseObject = SuccessResponse.class)
public final class DeleteVpnCustomerGatewayCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = CustomerGatewayVO.class, required = true, description = "id of customer gateway")
    private Long id;

    private final CustomerGatewayService service;
    private CustomerGatewayVO gateway;

    public DeleteVpnCustomerGatewayCmd(CustomerGatewayService service) {
        this.service = requireNonNull(service, "service");
    }

    @Override
    public void validate(CallContext caller) {
        gateway = service.accessible(caller, id);
    }

    @Override
    public Object execute(CallContext caller) {
        service.delete(gateway);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CUSTOMER.GATEWAY.DELETE";
    }

    @Override
    public String eventDescription() {
        return "Delete site-to-site VPN customer gateway " + gateway.name();
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
