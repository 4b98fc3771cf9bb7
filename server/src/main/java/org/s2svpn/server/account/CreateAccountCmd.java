package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.RoleVO;

@APICommand(name = "createAccount", description = "Creates an account", responseObject = AccountResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin}, requestHasSensitiveInfo = true)
public final class CreateAccountCmd extends NewUserParameters implements SyncCommand {
    @Parameter(name = "account", description = "Name of the account to be created. The user will be added to this newly created account."
            + " If no account is specified, the username will be used as the account name.")
    private String accountName;

    @Parameter(name = "accounttype", type = CommandType.INTEGER, description = "Type of the account.  Specify 0 for user, 1 for root"
            + " admin, and 2 for domain admin")
    private Integer accountType;

    @Parameter(name = "roleid", type = CommandType.UUID, entityType = RoleVO.class,
            description = "Creates the account under the specified role.")
    private Long roleId;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class, description = "Creates the user under the"
            + " specified domain.")
    private Long domainId;

    @Parameter(name = "networkdomain", description = "Network domain for the account's networks")
    private String networkDomain;

    private final AccountManager accounts;
    private final AccountViews views;

    public CreateAccountCmd(AccountManager accounts, AccountViews views) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        RoleType type = null;
        if (accountType != null) {
            try {
                type = RoleType.fromAccountType(accountType);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("Invalid account type " + accountType + ": 0 user, 1 root admin, 2 domain admin");
            }
        }
        return views.account(accounts.createAccount(caller, accountName, domainId, type, roleId, newUser(), networkDomain));
    }
}
