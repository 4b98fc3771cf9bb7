package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SuccessResponse;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.dao.AccountDao;

@APICommand(name = "deleteAccount", description = "Deletes an account and all users associated with this account",
        responseObject = SuccessResponse.class, authorized = {RoleType.Admin, RoleType.DomainAdmin})
public final class DeleteAccountCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = AccountVO.class, required = true, description = "Account id")
    private Long id;

    private final AccountManager accounts;
    private final AccountDao accountDao;
    private final AccessPolicyImpl access;
    private AccountVO account;

    public DeleteAccountCmd(AccountManager accounts, AccountDao accountDao, AccessPolicyImpl access) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.accountDao = requireNonNull(accountDao, "accountDao");
        this.access = requireNonNull(access, "access");
    }

    @Override
    public void validate(CallContext caller) {
        account = accountDao.findById(id).orElseThrow(() -> ApiException.invalidParameter("The specified account does not exist"));
        if (!access.canManage(caller, id)) {
            throw ApiException.permissionDenied("Caller does not have permission to delete account " + account.accountName());
        }
    }

    @Override
    public Object execute(CallContext caller) {
        accounts.deleteAccount(caller, id);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "ACCOUNT.DELETE";
    }

    @Override
    public String eventDescription() {
        return "deleting account " + account.accountName();
    }

    @Override
    public String instanceType() {
        return "Account";
    }

    @Override
    public String instanceUuid() {
        return account.uuid();
    }
}
