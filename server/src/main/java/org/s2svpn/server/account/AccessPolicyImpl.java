package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.AccessPolicy;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;

/** CloudStack's ownership rule: a user acts on its own account, a domain admin on its domain subtree, a root admin on all. */
public final class AccessPolicyImpl implements AccessPolicy {
    private final AccountDao accounts;
    private final DomainDao domains;

    public AccessPolicyImpl(AccountDao accounts, DomainDao domains) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
    }

    @Override
    public boolean canAccess(CallContext caller, long ownerAccountId) {
        if (caller.isRootAdmin() || caller.accountId() == ownerAccountId) {
            return true;
        }
        if (!caller.isDomainAdmin()) {
            return false;
        }
        return accounts.findById(ownerAccountId)
                .flatMap(owner -> domains.findById(owner.domainId()))
                .map(domain -> domain.path().startsWith(caller.domainPath()))
                .orElse(false);
    }

    /**
     * True when the caller may change that account: delete it, add users to it, replace its users' keys. Besides access,
     * the account's role must be no more privileged than the caller's, so that a domain admin of ROOT, whose subtree
     * holds the root admins, cannot take one over (CloudStack's checkCallerRoleTypeAllowedForUserOrAccountOperations).
     */
    public boolean canManage(CallContext caller, long accountId) {
        return canAccess(caller, accountId)
                && accounts.findById(accountId).map(account -> mayManageRole(caller, account.type())).orElse(false);
    }

    /** True when the caller's role is at least as privileged as that role: root admins manage all, nobody manages upwards. */
    public boolean mayManageRole(CallContext caller, RoleType role) {
        return caller.isRootAdmin() || privilege(role) <= privilege(caller.role());
    }

    private static int privilege(RoleType role) {
        return switch (role) {
            case Admin -> 3;
            case ResourceAdmin -> 2;
            case DomainAdmin -> 1;
            case User -> 0;
        };
    }

    /** True when the caller may act in that domain: root admins anywhere, domain admins in their subtree. */
    public boolean canAccessDomain(CallContext caller, long domainId) {
        if (caller.isRootAdmin()) {
            return true;
        }
        return domains.findById(domainId)
                .map(domain -> caller.isDomainAdmin() ? domain.path().startsWith(caller.domainPath()) : domain.id() == caller.domainId())
                .orElse(false);
    }

    @Override
    public List<Long> visibleAccounts(CallContext caller, boolean listAll) {
        if (!listAll || caller.role() == RoleType.User) {
            return List.of(caller.accountId());
        }
        return caller.isRootAdmin() ? null : accounts.idsUnder(caller.domainPath());
    }
}
