package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.dao.DomainDao;

@APICommand(name = "listDomains", description = "Lists domains and provides detailed information for listed domains",
        responseObject = DomainResponse.class)
public final class ListDomainsCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = DomainVO.class, description = "List domain by domain ID.")
    private Long id;

    @Parameter(name = "name", description = "List domain by domain name.")
    private String name;

    @Parameter(name = "listall", type = CommandType.BOOLEAN, description = "If set to false, list only resources belonging to the"
            + " command's caller; if set to true - list resources that the caller is authorized to see. Default value is false")
    private Boolean listAll;

    private final DomainDao domains;
    private final AccountViews views;

    public ListDomainsCmd(DomainDao domains, AccountViews views) {
        this.domains = requireNonNull(domains, "domains");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        DomainVO own = domains.findById(caller.domainId()).orElseThrow();
        // a user sees its own domain; an admin sees its domain, and with listall the whole subtree below it
        List<DomainVO> visible = caller.isAdmin() && (Boolean.TRUE.equals(listAll) || id != null) ? domains.subtree(own) : List.of(own);
        List<DomainResponse> found = visible.stream()
                .filter(d -> id == null || d.id() == id)
                .filter(d -> name == null || d.name().equals(name))
                .filter(d -> keyword == null || d.name().contains(keyword))
                .map(views::domain)
                .toList();
        return ListResponse.paged(DomainResponse.class, found, paging());
    }
}
