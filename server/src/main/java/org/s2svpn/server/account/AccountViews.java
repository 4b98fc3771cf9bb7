package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.RoleVO;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.RoleDao;
import org.s2svpn.schema.dao.UserDao;

/** Builds the API's views of domains, accounts and users. */
public final class AccountViews {
    private final DomainDao domains;
    private final AccountDao accounts;
    private final UserDao users;
    private final RoleDao roles;

    public AccountViews(DomainDao domains, AccountDao accounts, UserDao users, RoleDao roles) {
        this.domains = requireNonNull(domains, "domains");
        this.accounts = requireNonNull(accounts, "accounts");
        this.users = requireNonNull(users, "users");
        this.roles = requireNonNull(roles, "roles");
    }

    public DomainResponse domain(DomainVO d) {
        DomainVO parent = d.parent() == null ? null : domains.findById(d.parent()).orElse(null);
        return new DomainResponse(d.uuid(), d.name(), d.level(), parent == null ? null : parent.uuid(), parent == null ? null : parent.name(),
                !domains.children(d.id()).isEmpty(), d.networkDomain(), d.displayPath(), d.state(), ApiGson.format(d.created()));
    }

    public AccountResponse account(AccountVO a) {
        DomainVO domain = domains.findById(a.domainId()).orElseThrow();
        RoleVO role = roles.findById(a.roleId()).orElseThrow();
        List<UserResponse> members = users.search(List.of(a.id()), null, null).stream().map(u -> user(u, a, domain, role)).toList();
        return new AccountResponse(a.uuid(), a.accountName(), a.type().accountType(), role.uuid(), role.roleType().name(), role.name(),
                domain.uuid(), domain.name(), domain.displayPath(), a.networkDomain(), a.state(), ApiGson.format(a.created()),
                isDefault(a), members);
    }

    public UserResponse user(UserVO u) {
        AccountVO account = accounts.findById(u.accountId()).orElseThrow();
        return user(u, account, domains.findById(account.domainId()).orElseThrow(), roles.findById(account.roleId()).orElseThrow());
    }

    private static UserResponse user(UserVO u, AccountVO a, DomainVO domain, RoleVO role) {
        return new UserResponse(u.uuid(), u.username(), u.firstname(), u.lastname(), u.email(), ApiGson.format(u.created()), u.state(),
                a.accountName(), a.uuid(), a.type().accountType(), role.uuid(), role.roleType().name(), role.name(), domain.uuid(),
                domain.name(), u.timezone(), u.apiKey(), isDefault(a), "native");
    }

    /** The admin account made at first start is CloudStack's default account. */
    private static boolean isDefault(AccountVO a) {
        return a.domainId() == DomainVO.ROOT_ID && a.accountName().equals("admin");
    }
}
