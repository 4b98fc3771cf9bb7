package org.s2svpn.vpn.gateway;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCreateCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnGatewayVO;
import org.s2svpn.schema.dao.VpnGatewayDao;
import org.s2svpn.vpn.S2sViews;
import org.s2svpn.vpn.api.VpnGatewayResponse;

@APICommand(name = "createVpnGateway", description = "Creates site to site vpn local gateway", responseObject = VpnGatewayResponse.class)
public final class CreateVpnGatewayCmd implements AsyncCreateCommand {
    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class, required = true,
            description = "public ip address id of the vpn gateway")
    private Long vpcId;

    @Parameter(name = "ipaddressid", type = CommandType.UUID, entityType = IpAddressVO.class, since = "4.21.0",
            description = "the public IP address ID for which VPN gateway is being enabled. By default the source NAT IP or router IP is used.")
    private Long ipAddressId;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpn to the end user or not")
    private Boolean display;

    private final VpnGatewayService service;
    private final VpnGatewayDao gateways;
    private final S2sViews views;
    private VpnGatewayVO gateway;

    public CreateVpnGatewayCmd(VpnGatewayService service, VpnGatewayDao gateways, S2sViews views) {
        this.service = requireNonNull(service, "service");
        this.gateways = requireNonNull(gateways, "gateways");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public String create(CallContext caller) {
        gateway = service.create(caller, vpcId, ipAddressId, display == null || display);
        return gateway.uuid();
    }

    @Override
    public Object execute(CallContext caller) {
        return views.vpnGateway(gateways.findById(gateway.id()).orElseThrow(), caller);
    }

    @Override
    public String eventType() {
        return "VPN.S2S.VPN.GATEWAY.CREATE";
    }

    @Override
    public String eventDescription() {
        return "creating s2s vpn gateway for VPC " + vpcId;
    }

    @Override
    public String instanceType() {
        return "VpnGateway";
    }

    @Override
    public String instanceUuid() {
        return gateway == null ? null : gateway.uuid();
    }
}
