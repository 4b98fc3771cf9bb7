package org.s2svpn.server.host;

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
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.HostDao;

@APICommand(name = "listHosts", description = "Lists hosts.", responseObject = HostResponse.class, authorized = RoleType.Admin)
public final class ListHostsCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = HostVO.class, description = "the id of the host")
    private Long id;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "the Zone ID for the host")
    private Long zoneId;

    @Parameter(name = "name", description = "the name of the host")
    private String name;

    @Parameter(name = "state", description = "the state of the host")
    private String state;

    private final HostDao hosts;
    private final HostViews views;

    public ListHostsCmd(HostDao hosts, HostViews views) {
        this.hosts = requireNonNull(hosts, "hosts");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        List<HostResponse> found = hosts.all().stream()
                .filter(h -> id == null || h.id() == id)
                .filter(h -> zoneId == null || h.zoneId() == zoneId)
                .filter(h -> name == null || h.name().equals(name))
                .filter(h -> state == null || h.status().equalsIgnoreCase(state))
                .filter(h -> keyword == null || h.name().contains(keyword))
                .map(views::host)
                .toList();
        return ListResponse.paged(HostResponse.class, found, paging());
    }
}
