package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;

/**
 * Which accounts' resources a list shows, from CloudStack's account, domainid, isrecursive and listall filters,
 * checked against what the caller may see (CloudStack's buildACLSearchParameters).
 */
public final class OwnerScope {
    private final AccountDao accounts;
    private final DomainDao domains;
    private final AccessPolicyImpl access;

    public OwnerScope(AccountDao accounts, DomainDao domains, AccessPolicyImpl access) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.domains = requireNonNull(domains, "domains");
        this.access = requireNonNull(access, "access");
    }

    /**
     * The owner of a resource a caller creates: the caller's own account, or, for admins, the account named by the
     * account and domainid parameters (CloudStack's finalizeOwner).
     */
    public AccountVO owner(CallContext caller, String accountName, Long domainId) {
        if (accountName == null) {
            if (domainId != null && domainId != caller.domainId()) {
                throw ApiException.invalidParameter("Account must be specified with domainid");
            }
            return accounts.findById(caller.accountId()).orElseThrow();
        }
        long domain = domainId != null ? domainId : caller.domainId();
        AccountVO account = accounts.findByName(domain, accountName)
                .orElseThrow(() -> ApiException.invalidParameter("Unable to find account " + accountName + " in domain id=" + domain));
        if (!access.canAccess(caller, account.id())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on account " + accountName);
        }
        return account;
    }

    /** The permitted account ids; null means every account. */
    public List<Long> accountIds(CallContext caller, String accountName, Long domainId, boolean recursive, boolean listAll) {
        if (domainId != null && !access.canAccessDomain(caller, domainId)) {
            throw ApiException.permissionDenied("Caller does not have permission to access the specified domain");
        }
        if (accountName != null) {
            long domain = domainId != null ? domainId : caller.domainId();
            AccountVO account = accounts.findByName(domain, accountName)
                    .orElseThrow(() -> ApiException.invalidParameter("Unable to find account by name " + accountName + " in domain " + domain));
            if (!access.canAccess(caller, account.id())) {
                throw ApiException.permissionDenied("Caller does not have permission to access account " + accountName);
            }
            return List.of(account.id());
        }
        if (!caller.isAdmin()) {
            return List.of(caller.accountId());
        }
        if (domainId != null) {
            DomainVO domain = domains.findById(domainId).orElseThrow();
            return recursive || listAll ? accounts.idsUnder(domain.path()) : accounts.search(null, null, null, domainId).stream()
                    .map(AccountVO::id).toList();
        }
        return access.visibleAccounts(caller, listAll);
    }
}
