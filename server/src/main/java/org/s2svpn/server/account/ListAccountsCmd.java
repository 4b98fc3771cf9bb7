package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.dao.AccountDao;

@APICommand(name = "listAccounts", description = "Lists accounts and provides detailed account information for listed accounts",
        responseObject = AccountResponse.class)
public final class ListAccountsCmd extends BaseListAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = AccountVO.class, description = "list account by account ID")
    private Long id;

    @Parameter(name = "name", description = "list account by account name")
    private String name;

    private final AccountDao accounts;
    private final OwnerScope scope;
    private final AccountViews views;

    public ListAccountsCmd(AccountDao accounts, OwnerScope scope, AccountViews views) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        List<Long> visible = managedAccounts(scope, caller);
        List<AccountResponse> found = accounts.search(id, name, null, null).stream()
                .filter(a -> visible == null || visible.contains(a.id()))
                .filter(a -> keyword == null || a.accountName().contains(keyword))
                .map(views::account)
                .toList();
        return ListResponse.paged(AccountResponse.class, found, paging());
    }
}
