package org.s2svpn.server.network;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.dao.DataCenterDao;

@APICommand(name = "createVlanIpRange", description = "Creates a VLAN IP range.", responseObject = VlanIpRangeResponse.class,
        authorized = RoleType.Admin)
public final class CreateVlanIpRangeCmd implements SyncCommand {
    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the Zone ID of the VLAN IP range")
    private Long zoneId;

    @Parameter(name = "gateway", required = true, description = "the gateway of the VLAN IP range")
    private String gateway;

    @Parameter(name = "netmask", required = true, description = "the netmask of the VLAN IP range")
    private String netmask;

    @Parameter(name = "startip", required = true, description = "the beginning IP address in the VLAN IP range")
    private String startIp;

    @Parameter(name = "endip", description = "the ending IP address in the VLAN IP range")
    private String endIp;

    @Parameter(name = "vlan", description = "the ID or VID of the VLAN. If not specified, will be defaulted to the vlan of the network or if vlan of the network is null - to Untagged")
    private String vlan;

    @Parameter(name = "forvirtualnetwork", type = CommandType.BOOLEAN, description = "true if VLAN is of Virtual type, false if Direct")
    private Boolean forVirtualNetwork;

    private final PublicNetworkManager manager;
    private final DataCenterDao zones;
    private final PublicNetworkViews views;

    public CreateVlanIpRangeCmd(PublicNetworkManager manager, DataCenterDao zones, PublicNetworkViews views) {
        this.manager = requireNonNull(manager, "manager");
        this.zones = requireNonNull(zones, "zones");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (Boolean.FALSE.equals(forVirtualNetwork)) {
            throw ApiException.invalidParameter("Invalid forvirtualnetwork: only public (virtual network) ranges are supported");
        }
        long zone = zoneId != null ? zoneId : zones.all().get(0).id();
        return views.range(manager.createRange(zone, gateway, netmask, startIp, endIp, vlan));
    }
}
