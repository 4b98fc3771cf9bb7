package org.s2svpn.vpn.connection;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.SuccessResponse;

@APICommand(name = "deleteVpnConnection", description = "Delete site to site vpn connection", responseObject = SuccessResponse.class)
public final class DeleteVpnConnectionCmd extends VpnConnectionJobCmd {
    public DeleteVpnConnectionCmd(VpnConnectionService service) {
        super(service);
    }

    @Override
    public Object execute(CallContext caller) {
        service.delete(connection);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CONNECTION.DELETE";
    }

    @Override
    public String eventDescription() {
        return "Deleting site-to-site VPN connection " + connection.uuid();
    }
}
