package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnConnectionResponse;

@APICommand(name = "resetVpnConnection", description = "Reset site to site vpn connection", responseObject = VpnConnectionResponse.class,
        responseHasSensitiveInfo = true)
public final class ResetVpnConnectionCmd extends VpnConnectionJobCmd {
    @Parameter(name = "account", description = "an optional account for connection. Must be used with domainId.")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "an optional domainId for connection. If the account parameter is used, domainId must also be used.")
    private Long domainId;

    private final S2sViews views;

    public ResetVpnConnectionCmd(VpnConnectionService service, S2sViews views) {
        super(service);
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        return views.connection(service.reset(connection), caller);
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CONNECTION.RESET";
    }

    @Override
    public String eventDescription() {
        return "Reseting site-to-site VPN connection " + connection.uuid();
    }
}
