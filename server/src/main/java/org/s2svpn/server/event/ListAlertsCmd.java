package org.s2svpn.server.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.AlertVO;
import org.s2svpn.schema.dao.AlertDao;

@APICommand(name = "listAlerts", description = "Lists all alerts.", responseObject = AlertResponse.class, authorized = RoleType.Admin)
public final class ListAlertsCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = AlertVO.class, description = "the ID of the alert")
    private Long id;

    @Parameter(name = "type", type = CommandType.INTEGER, description = "list by alert type")
    private Integer type;

    @Parameter(name = "name", description = "list by alert name", since = "4.3")
    private String name;

    private final AlertDao alerts;

    public ListAlertsCmd(AlertDao alerts) {
        this.alerts = requireNonNull(alerts, "alerts");
    }

    @Override
    public Object execute(CallContext caller) {
        List<AlertResponse> found = alerts.search(id, type, name).stream()
                .filter(a -> keyword == null || a.subject().contains(keyword))
                .map(a -> new AlertResponse(a.uuid(), a.type(), a.name(), a.subject(), ApiGson.format(a.lastSent())))
                .toList();
        return ListResponse.paged(AlertResponse.class, found, paging());
    }
}
