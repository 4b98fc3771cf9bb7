package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DomainVO;

@APICommand(name = "createUser", description = "Creates a user for an account that already exists", responseObject = UserResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin}, requestHasSensitiveInfo = true)
public final class CreateUserCmd extends NewUserParameters implements SyncCommand {
    @Parameter(name = "account", required = true, description = "Creates the user under the specified account. If no account is"
            + " specified, the username will be used as the account name.")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "Creates the user under the specified domain. Has to be accompanied with the account parameter")
    private Long domainId;

    private final AccountManager accounts;
    private final AccountViews views;

    public CreateUserCmd(AccountManager accounts, AccountViews views) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        return views.user(accounts.createUser(caller, accountName, domainId, newUser()));
    }
}
