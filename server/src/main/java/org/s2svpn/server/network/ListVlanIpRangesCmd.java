package org.s2svpn.server.network;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.VlanVO;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.VlanDao;

@APICommand(name = "listVlanIpRanges", description = "Lists all VLAN IP ranges.", responseObject = VlanIpRangeResponse.class,
        authorized = RoleType.Admin)
public final class ListVlanIpRangesCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VlanVO.class, description = "the ID of the VLAN IP range")
    private Long id;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the Zone ID of the VLAN IP range")
    private Long zoneId;

    @Parameter(name = "vlan", description = "the ID or VID of the VLAN. Default is an \"untagged\" VLAN.")
    private String vlan;

    private final VlanDao vlans;
    private final DataCenterDao zones;
    private final PublicNetworkViews views;

    public ListVlanIpRangesCmd(VlanDao vlans, DataCenterDao zones, PublicNetworkViews views) {
        this.vlans = requireNonNull(vlans, "vlans");
        this.zones = requireNonNull(zones, "zones");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        List<VlanIpRangeResponse> found = zones.all().stream()
                .filter(z -> zoneId == null || z.id() == zoneId)
                .flatMap(z -> vlans.listByZone(z.id()).stream())
                .filter(v -> id == null || v.id() == id)
                .filter(v -> vlan == null || v.vlanId().equals(vlan))
                .map(views::range)
                .toList();
        return ListResponse.paged(VlanIpRangeResponse.class, found, paging());
    }
}
