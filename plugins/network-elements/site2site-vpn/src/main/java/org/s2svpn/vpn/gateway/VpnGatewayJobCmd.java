package org.s2svpn.vpn.gateway;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.VpnGatewayVO;

/** An async command on one VPN gateway the caller may act on. */
abstract class VpnGatewayJobCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnGatewayVO.class, required = true, description = "id of the vpn gateway")
    protected Long id;

    protected final VpnGatewayService service;
    protected VpnGatewayVO gateway;

    VpnGatewayJobCmd(VpnGatewayService service) {
        this.service = requireNonNull(service, "service");
    }

    @Override
    public void validate(CallContext caller) {
        gateway = service.accessible(caller, id);
    }

    @Override
    public String instanceType() {
        return "VpnGateway";
    }

    @Override
    public String instanceUuid() {
        return gateway.uuid();
    }
}
