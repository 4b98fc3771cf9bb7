package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.RoleVO;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.RoleDao;
import org.s2svpn.schema.dao.UserDao;
import org.springframework.transaction.support.TransactionTemplate;

/** Domains, accounts, users and their API keys, with CloudStack's rules on who may create what where. */
public final class AccountManager {
    private static final Logger LOG = LogManager.getLogger(AccountManager.class);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}\"/]{1,100}");

    /** What a new account or user is made from. */
    public record NewUser(String username, String password, String email, String firstname, String lastname, String timezone) {
        public NewUser {
            requireNonNull(username, "username");
            requireNonNull(password, "password");
        }
    }

    /** A user's API key and its secret, as registerUserKeys returns them. */
    public record Keys(String apiKey, String secretKey) {
        @Override
        public String toString() {
            return "Keys[apiKey=" + apiKey + "]";
        }
    }

    private final DomainDao domains;
    private final AccountDao accounts;
    private final UserDao users;
    private final RoleDao roles;
    private final AccessPolicyImpl access;
    private final Encryptor encryptor;
    private final TransactionTemplate tx;

    public AccountManager(DomainDao domains, AccountDao accounts, UserDao users, RoleDao roles, AccessPolicyImpl access,
                          Encryptor encryptor, TransactionTemplate tx) {
        this.domains = requireNonNull(domains, "domains");
        this.accounts = requireNonNull(accounts, "accounts");
        this.users = requireNonNull(users, "users");
        this.roles = requireNonNull(roles, "roles");
        this.access = requireNonNull(access, "access");
        this.encryptor = requireNonNull(encryptor, "encryptor");
        this.tx = requireNonNull(tx, "tx");
    }

    public DomainVO createDomain(CallContext caller, String name, Long parentId, String networkDomain) {
        checkName("name", name);
        long parent = parentId != null ? parentId : caller.domainId();
        if (!access.canAccessDomain(caller, parent)) {
            throw ApiException.permissionDenied("Caller does not have permission to create a domain under domain id " + parent);
        }
        return tx.execute(status -> {
            domains.lock(parent);
            DomainVO parentDomain = domains.findById(parent).orElseThrow(() -> ApiException.invalidParameter("Unable to find parent domain"));
            if (domains.findChild(parent, name).isPresent()) {
                throw ApiException.invalidParameter("Domain with name " + name + " already exists for the parent id=" + parentDomain.uuid());
            }
            DomainVO created = domains.insert(UUID.randomUUID().toString(), parent, name, parentDomain.path() + name + "/",
                    parentDomain.level() + 1, networkDomain);
            LOG.info("created domain {} ({})", created.displayPath(), created.uuid());
            return created;
        });
    }

    /** Creates an account and its first user, in the caller's domain unless another is given. */
    public AccountVO createAccount(CallContext caller, String accountName, Long domainId, RoleType type, Long roleId, NewUser user,
                                   String networkDomain) {
        String name = accountName != null ? accountName : user.username();
        checkName("account", name);
        checkUser(user);
        long domain = domainId != null ? domainId : caller.domainId();
        if (!access.canAccessDomain(caller, domain)) {
            throw ApiException.permissionDenied("Caller does not have permission to create an account in domain id " + domain);
        }
        RoleVO role = role(type, roleId);
        if (!access.mayManageRole(caller, role.roleType())) {
            throw ApiException.permissionDenied("Caller cannot create an account of role " + role.name()
                    + ", which is more privileged than its own");
        }
        return tx.execute(status -> {
            domains.lock(domain);
            if (accounts.findByName(domain, name).isPresent()) {
                throw ApiException.invalidParameter("The specified account: " + name + " already exists");
            }
            if (users.findByUsernameInDomain(user.username(), domain).isPresent()) {
                throw ApiException.invalidParameter("The user " + user.username() + " already exists in domain " + domain);
            }
            AccountVO account = accounts.insert(UUID.randomUUID().toString(), name, role.roleType(), role.id(), domain, networkDomain);
            insertUser(account, user);
            LOG.info("created account {} ({}) with role {}", name, account.uuid(), role.name());
            return account;
        });
    }

    public UserVO createUser(CallContext caller, String accountName, Long domainId, NewUser user) {
        checkUser(user);
        long domain = domainId != null ? domainId : caller.domainId();
        AccountVO account = accounts.findByName(domain, accountName)
                .orElseThrow(() -> ApiException.invalidParameter("Unable to find account " + accountName + " in domain id=" + domain));
        if (!access.canManage(caller, account.id()) || !caller.isAdmin() && account.id() != caller.accountId()) {
            throw ApiException.permissionDenied("Caller does not have permission to add a user to account " + accountName);
        }
        return tx.execute(status -> {
            domains.lock(domain);
            if (users.findByUsernameInDomain(user.username(), domain).isPresent()) {
                throw ApiException.invalidParameter("The user " + user.username() + " already exists in domain " + domain);
            }
            return insertUser(account, user);
        });
    }

    /** Removes an account: its users and their keys first, so that nothing can act for it any more. */
    public void deleteAccount(CallContext caller, long accountId) {
        AccountVO account = accounts.findById(accountId)
                .orElseThrow(() -> ApiException.invalidParameter("The specified account does not exist in the system"));
        if (!access.canManage(caller, accountId)) {
            throw ApiException.permissionDenied("Caller does not have permission to delete account " + account.accountName());
        }
        if (account.id() == caller.accountId()) {
            throw ApiException.invalidParameter("Deletion of the caller's own account is not allowed");
        }
        tx.executeWithoutResult(status -> {
            users.removeByAccount(accountId);
            accounts.markRemoved(accountId);
        });
        LOG.info("deleted account {} ({})", account.accountName(), account.uuid());
    }

    /** Gives a user a new API key and secret key; the old ones stop working at once. */
    public Keys registerKeys(CallContext caller, long userId) {
        UserVO user = users.findById(userId).orElseThrow(() -> ApiException.invalidParameter("Unable to find user by id"));
        if (!access.canManage(caller, user.accountId()) || !caller.isAdmin() && user.id() != caller.userId()) {
            throw ApiException.permissionDenied("Caller does not have permission to register keys of user " + user.username());
        }
        Keys keys = new Keys(Passwords.randomToken(64), Passwords.randomToken(64));
        users.setKeys(userId, keys.apiKey(), encryptor.encrypt(keys.secretKey()));
        LOG.info("registered new API keys for user {} ({})", user.username(), user.uuid());
        return keys;
    }

    public String secretKeyOf(UserVO user) {
        return encryptor.decrypt(user.secretKey());
    }

    public Optional<RoleVO> roleOf(AccountVO account) {
        return roles.findById(account.roleId());
    }

    private UserVO insertUser(AccountVO account, NewUser user) {
        return users.insert(UUID.randomUUID().toString(), user.username(), Passwords.hash(user.password()), account.id(), user.firstname(),
                user.lastname(), user.email(), user.timezone());
    }

    private RoleVO role(RoleType type, Long roleId) {
        if (roleId != null) {
            return roles.findById(roleId).orElseThrow(() -> ApiException.invalidParameter("Unable to find the role by id " + roleId));
        }
        if (type == null) {
            throw ApiException.invalidParameter("Either roleid or accounttype must be specified");
        }
        return roles.findDefault(type).orElseThrow(() -> ApiException.invalidParameter("There is no role of type " + type));
    }

    private static void checkName(String parameter, String value) {
        if (value == null || !NAME.matcher(value).matches() || value.isBlank()) {
            throw ApiException.invalidParameter("Invalid " + parameter + " '" + value + "': 1 to 100 characters, no control characters,"
                    + " '\"' or '/'");
        }
    }

    private static void checkUser(NewUser user) {
        checkName("username", user.username());
        if (user.password().isEmpty()) {
            throw ApiException.invalidParameter("Password cannot be empty");
        }
    }
}
