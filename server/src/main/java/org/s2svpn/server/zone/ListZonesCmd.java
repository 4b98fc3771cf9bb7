package org.s2svpn.server.zone;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.dao.DataCenterDao;

@APICommand(name = "listZones", description = "Lists zones", responseObject = ZoneResponse.class)
public final class ListZonesCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the ID of the zone")
    private Long id;

    @Parameter(name = "name", description = "the name of the zone")
    private String name;

    @Parameter(name = "available", type = CommandType.BOOLEAN, description = "true if you want to retrieve all available Zones. False if"
            + " you only want to return the Zones from which you have at least one VM. Default is false.")
    private Boolean available;

    private final DataCenterDao zones;

    public ListZonesCmd(DataCenterDao zones) {
        this.zones = requireNonNull(zones, "zones");
    }

    @Override
    public Object execute(CallContext caller) {
        List<ZoneResponse> found = zones.all().stream()
                .filter(z -> id == null || z.id() == id)
                .filter(z -> name == null || z.name().equals(name))
                .filter(z -> keyword == null || z.name().contains(keyword))
                .map(ListZonesCmd::view)
                .toList();
        return ListResponse.paged(ZoneResponse.class, found, paging());
    }

    static ZoneResponse view(DataCenterVO z) {
        return new ZoneResponse(z.uuid(), z.name(), z.description(), z.dns1(), z.internalDns1(), z.networkType(), false,
                z.allocationState(), "VirtualRouter", z.domain(), false, "Core", List.of(), false);
    }
}
