package org.s2svpn.vpn.gateway;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.vpn.CustomIds;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnGatewayResponse;

@APICommand(name = "updateVpnGateway", description = "Updates site to site vpn local gateway", responseObject = VpnGatewayResponse.class,
        since = "4.4")
public final class UpdateVpnGatewayCmd extends VpnGatewayJobCmd {
    @Parameter(name = "customid", since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, in case you want to set a custom id to the resource. Allowed to Root Admins only")
    private String customId;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpn to the end user or not")
    private Boolean display;

    private final VpnGatewayDao gateways;
    private final S2sViews views;

    public UpdateVpnGatewayCmd(VpnGatewayService service, VpnGatewayDao gateways, S2sViews views) {
        super(service);
        this.gateways = requireNonNull(gateways, "gateways");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public void validate(CallContext caller) {
        super.validate(caller);
        CustomIds.check(gateways, gateway.id(), customId);
    }

    @Override
    public Object execute(CallContext caller) {
        CustomIds.apply(gateways, gateway.id(), display, customId);
        return views.vpnGateway(gateways.findById(gateway.id()).orElseThrow(), caller);
    }

    @Override
    public String eventType() {
        return "VPN.S2S.VPN.GATEWAY.UPDATE";
    }

    @Override
    public String eventDescription() {
        return "Updating s2s vpn gateway id=" + gateway.uuid();
    }
}
