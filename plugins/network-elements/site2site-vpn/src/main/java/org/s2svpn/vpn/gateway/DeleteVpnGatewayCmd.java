package org.s2svpn.vpn.gateway;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.SuccessResponse;

@APICommand(name = "deleteVpnGateway", description = "Delete site to site vpn gateway", responseObject = SuccessResponse.class)
public final class DeleteVpnGatewayCmd extends VpnGatewayJobCmd {
    public DeleteVpnGatewayCmd(VpnGatewayService service) {
        super(service);
    }

    @Override
    public Object execute(CallContext caller) {
        service.delete(gateway);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "VPN.S2S.VPN.GATEWAY.DELETE";
    }

    @Override
    public String eventDescription() {
        return "Delete site2site VPN gateway for account " + gateway.accountId();
    }
}
