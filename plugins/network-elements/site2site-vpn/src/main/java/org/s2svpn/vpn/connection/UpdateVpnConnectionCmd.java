package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.vpn.CustomIds;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnConnectionResponse;

@APICommand(name = "updateVpnConnection", description = "Updates site to site vpn connection", responseObject = VpnConnectionResponse.class,
        since = "4.4", responseHasSensitiveInfo = true)
public final class UpdateVpnConnectionCmd extends VpnConnectionJobCmd {
    @Parameter(name = "customid", since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, in case you want to set a custom id to the resource. Allowed to Root Admins only")
    private String customId;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpn to the end user or not")
    private Boolean display;

    private final VpnConnectionDao connections;
    private final S2sViews views;

    public UpdateVpnConnectionCmd(VpnConnectionService service, VpnConnectionDao connections, S2sViews views) {
        super(service);
        this.connections = requireNonNull(connections, "connections");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public void validate(CallContext caller) {
        super.validate(caller);
        CustomIds.check(connections, connection.id(), customId);
    }

    @Override
    public Object execute(CallContext caller) {
        CustomIds.apply(connections, connection.id(), display, customId);
        return views.connection(connections.findById(connection.id()).orElseThrow(), caller);
    }

    @Override
    public String eventType() {
        return "VPN.S2S.CONNECTION.UPDATE";
    }

    @Override
    public String eventDescription() {
        return "Updating site-to-site VPN connection " + connection.uuid();
    }
}
