package org.s2svpn.server.event;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.EventVO;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.EventDao;
import org.s2svpn.schema.dao.UserDao;
import org.s2svpn.server.account.BaseListAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listEvents", description = "A command to list events.", responseObject = EventResponse.class)
public final class ListEventsCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = EventVO.class, description = "the ID of the event")
    private Long id;

    @Parameter(name = "type", description = "the event type (see event types)")
    private String type;

    @Parameter(name = "level", description = "the event level (INFO, WARN, ERROR)")
    private String level;

    @Parameter(name = "startdate", type = CommandType.DATE, description = "the start date range of the list you want to retrieve (use"
            + " format \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")")
    private LocalDateTime startDate;

    @Parameter(name = "enddate", type = CommandType.DATE, description = "the end date range of the list you want to retrieve (use format"
            + " \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")")
    private LocalDateTime endDate;

    private final EventDao events;
    private final AccountDao accounts;
    private final DomainDao domains;
    private final UserDao users;
    private final OwnerScope scope;

    public ListEventsCmd(EventDao events, AccountDao accounts, DomainDao domains, UserDao users, OwnerScope scope) {
        this.events = requireNonNull(events, "events");
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.users = requireNonNull(users, "users");
        this.scope = requireNonNull(scope, "scope");
    }

    @Override
    public Object execute(CallContext caller) {
        Map<Long, AccountVO> accountCache = new HashMap<>();
        List<EventResponse> found = events.search(visibleAccounts(scope, caller, id), id, type, level, startDate, endDate).stream()
                .filter(e -> keyword == null || e.description().contains(keyword) || e.type().contains(keyword))
                .map(e -> {
                    AccountVO account = accountCache.computeIfAbsent(e.accountId(), a -> accounts.findById(a).orElse(null));
                    DomainVO domain = domains.findById(e.domainId()).orElse(null);
                    String username = users.findById(e.userId()).map(UserVO::username).orElse(null);
                    return new EventResponse(e.uuid(), username, e.type(), e.level(), e.description(),
                            account == null ? null : account.accountName(), domain == null ? null : domain.uuid(),
                            domain == null ? null : domain.name(), ApiGson.format(e.created()), e.state());
                })
                .toList();
        return ListResponse.paged(EventResponse.class, found, paging());
    }
}
