package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

/** Who is calling: the user, its account and domain, and the account's role. */
public record CallContext(
        long userId, String userUuid, String username,
        long accountId, String accountUuid, String accountName,
        long domainId, String domainUuid, String domainPath,
        RoleType role) {

    public CallContext {
        requireNonNull(userUuid, "userUuid");
        requireNonNull(accountUuid, "accountUuid");
        requireNonNull(accountName, "accountName");
        requireNonNull(domainUuid, "domainUuid");
        requireNonNull(domainPath, "domainPath");
        requireNonNull(role, "role");
    }

    public boolean isRootAdmin() {
        return role == RoleType.Admin;
    }

    public boolean isDomainAdmin() {
        return role == RoleType.DomainAdmin;
    }

    /** Root admins and domain admins; CloudStack's isAdmin(). */
    public boolean isAdmin() {
        return role != RoleType.User;
    }
}
