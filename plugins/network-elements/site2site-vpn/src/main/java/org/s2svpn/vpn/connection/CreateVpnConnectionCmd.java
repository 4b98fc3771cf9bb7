package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCreateCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnConnectionResponse;

@APICommand(name = "createVpnConnection", description = "Create site to site vpn connection", responseObject = VpnConnectionResponse.class,
        responseHasSensitiveInfo = true)
public final class CreateVpnConnectionCmd implements AsyncCreateCommand {
    @Parameter(name = "s2svpngatewayid", type = CommandType.UUID, entityType = VpnGatewayVO.class, required = true,
            description = "id of the vpn gateway")
    private Long vpnGatewayId;

    @Parameter(name = "s2scustomergatewayid", type = CommandType.UUID, entityType = CustomerGatewayVO.class, required = true,
            description = "id of the customer gateway")
    private Long customerGatewayId;

    @Parameter(name = "passive", type = CommandType.BOOLEAN, description = "connection is passive or not")
    private Boolean passive;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpn to the end user or not")
    private Boolean display;

    private final VpnConnectionService service;
    private final S2sViews views;
    private VpnConnectionVO connection;

    public CreateVpnConnectionCmd(VpnConnectionService service, S2sViews views) {
        this.service = requireNonNull(service, "service");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public String create(CallContext caller) {
        connection = service.create(caller, customerGatewayId, vpnGatewayId, Boolean.TRUE.equals(passive), display == null || display);
        return connection.uuid();
    }

    @Override
    public Object execute(CallContext caller) {
        return views.connection(service.start(connection), caller);
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CONNECTION.CREATE";
    }

    @Override
    public String eventDescription() {
        return "Create site-to-site VPN connection " + (connection == null ? "" : connection.uuid());
    }

    @Override
    public String instanceType() {
        return "VpnConnection";
    }

    @Override
    public String instanceUuid() {
        return connection == null ? null : connection.uuid();
    }
}
