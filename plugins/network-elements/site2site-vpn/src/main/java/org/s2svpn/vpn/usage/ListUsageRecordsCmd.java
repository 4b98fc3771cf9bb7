package org.s2svpn.vpn.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.account.BaseListAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listUsageRecords", description = "Lists usage records for accounts", responseObject = UsageRecordResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin})
public final class ListUsageRecordsCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "startdate", type = CommandType.DATE, required = true,
            description = "Start date range for usage record query (use format \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")")
    private LocalDateTime startDate;

    @Parameter(name = "enddate", type = CommandType.DATE, required = true,
            description = "End date range for usage record query (use format \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")")
    private LocalDateTime endDate;

    @Parameter(name = "type", type = CommandType.LONG, description = "Usage type")
    private Long type;

    private final S2sUsageDao usage;
    private final OwnerScope scope;
    private final AccountDao accounts;
    private final DomainDao domains;
    private final DataCenterDao zones;
    private final VpnConnectionDao connections;

    public ListUsageRecordsCmd(S2sUsageDao usage, OwnerScope scope, AccountDao accounts, DomainDao domains, DataCenterDao zones,
                               VpnConnectionDao connections) {
        this.usage = requireNonNull(usage, "usage");
        this.scope = requireNonNull(scope, "scope");
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.zones = requireNonNull(zones, "zones");
        this.connections = requireNonNull(connections, "connections");
    }

    @Override
    public Object execute(CallContext caller) {
        // an end date without a time means the whole day, as CloudStack reads it
        LocalDateTime end = endDate.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? endDate.plusDays(1).minusSeconds(1) : endDate;
        List<Long> visible = scope.accountIds(caller, accountName, domainId, true, true);
        List<UsageRecordResponse> found = usage.search(visible, type == null ? null : type.intValue(), startDate, end, null).stream()
                .map(r -> new UsageRecordResponse(accounts.findById(r.accountId()).map(a -> a.accountName()).orElse(null),
                        accounts.findById(r.accountId()).map(a -> a.uuid()).orElse(null),
                        domains.findById(r.domainId()).map(d -> d.uuid()).orElse(null),
                        domains.findById(r.domainId()).map(d -> d.name()).orElse(null),
                        zones.findById(r.zoneId()).map(z -> z.uuid()).orElse(null), r.description(), r.rawUsage() + " Bytes", r.type(),
                        String.valueOf(r.rawUsage()), connections.findUuid(r.usageId()), ApiGson.format(r.start()), ApiGson.format(r.end())))
                .toList();
        return ListResponse.paged(UsageRecordResponse.class, found, paging());
    }
}
