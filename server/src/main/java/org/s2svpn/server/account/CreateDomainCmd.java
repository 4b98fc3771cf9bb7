package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DomainVO;

@APICommand(name = "createDomain", description = "Creates a domain", responseObject = DomainResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin})
public final class CreateDomainCmd implements SyncCommand {
    @Parameter(name = "name", required = true, description = "creates domain with this name")
    private String name;

    @Parameter(name = "parentdomainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "assigns new domain a parent domain by domain ID of the parent.  If no parent domain is specified, the ROOT"
                    + " domain is assumed.")
    private Long parentId;

    @Parameter(name = "networkdomain", description = "Network domain for networks in the domain")
    private String networkDomain;

    private final AccountManager accounts;
    private final AccountViews views;

    public CreateDomainCmd(AccountManager accounts, AccountViews views) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        return views.domain(accounts.createDomain(caller, name, parentId, networkDomain));
    }
}
