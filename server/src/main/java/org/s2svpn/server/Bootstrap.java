package org.s2svpn.server;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.RoleVO;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.AccountDao;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.RoleDao;
import org.s2svpn.schema.dao.UserDao;
import org.s2svpn.server.account.Passwords;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: CloudStack's default roles, the ROOT domain, the admin account and user (root admin) with a
 * password and API keys, and the zone. Later starts find them and change nothing.
 */
public final class Bootstrap {
    private static final Logger LOG = LogManager.getLogger(Bootstrap.class);

    /** The admin's credentials, known only at the start that created them. */
    public record AdminCredentials(String username, String password, String apiKey, String secretKey) {
        @Override
        public String toString() {
            return "AdminCredentials[username=" + username + "]";
        }
    }

    private final DomainDao domains;
    private final RoleDao roles;
    private final AccountDao accounts;
    private final UserDao users;
    private final DataCenterDao zones;
    private final Encryptor encryptor;
    private final TransactionTemplate tx;

    public Bootstrap(DomainDao domains, RoleDao roles, AccountDao accounts, UserDao users, DataCenterDao zones, Encryptor encryptor,
                     TransactionTemplate tx) {
        this.domains = requireNonNull(domains, "domains");
        this.roles = requireNonNull(roles, "roles");
        this.accounts = requireNonNull(accounts, "accounts");
        this.users = requireNonNull(users, "users");
        this.zones = requireNonNull(zones, "zones");
        this.encryptor = requireNonNull(encryptor, "encryptor");
        this.tx = requireNonNull(tx, "tx");
    }

    /** Creates what a first start creates; returns the admin's credentials only when it created them. */
    public Optional<AdminCredentials> initialize() {
        return tx.execute(status -> {
            if (domains.findById(DomainVO.ROOT_ID).isPresent()) {
                return Optional.<AdminCredentials>empty();
            }
            RoleVO admin = roles.insert("Root Admin", RoleType.Admin, "Default root admin role");
            roles.insert("Resource Admin", RoleType.ResourceAdmin, "Default resource admin role");
            roles.insert("Domain Admin", RoleType.DomainAdmin, "Default domain admin role");
            roles.insert("User", RoleType.User, "Default user role");
            DomainVO root = domains.insert(UUID.randomUUID().toString(), null, "ROOT", "/", 0, null);
            if (root.id() != DomainVO.ROOT_ID) {
                throw new IllegalStateException("the ROOT domain got id " + root.id() + "; the database is not empty");
            }
            AccountVO account = accounts.insert(UUID.randomUUID().toString(), "admin", RoleType.Admin, admin.id(), root.id(), null);
            String password = Passwords.randomToken(18);
            UserVO user = users.insert(UUID.randomUUID().toString(), "admin", Passwords.hash(password), account.id(), "admin", "cloud",
                    null, null);
            String apiKey = Passwords.randomToken(64);
            String secretKey = Passwords.randomToken(64);
            users.setKeys(user.id(), apiKey, encryptor.encrypt(secretKey));
            zones.insert("zone1", "The zone of this management server", "cloud.internal");
            LOG.info("first start: created the ROOT domain, the admin account and user, and zone zone1");
            return Optional.of(new AdminCredentials("admin", password, apiKey, secretKey));
        });
    }
}
