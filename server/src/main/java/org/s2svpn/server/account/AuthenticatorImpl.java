package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.s2svpn.framework.api.ApiServer;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.auth.Authenticator;
import org.s2svpn.schema.AccountVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.UserVO;
import org.s2svpn.schema.dao.DomainDao;
import org.s2svpn.schema.dao.SessionDao;
import org.s2svpn.schema.dao.UserDao;

/** Checks API keys, passwords and sessions against the database; only enabled users of live accounts get in. */
public final class AuthenticatorImpl implements Authenticator {
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(Long.parseLong(ApiServer.SESSION_TIMEOUT_SECONDS));

    private final UserDao users;
    private final DomainDao domains;
    private final SessionDao sessions;
    private final AccountManager accountManager;

    public AuthenticatorImpl(UserDao users, DomainDao domains, SessionDao sessions, AccountManager accountManager) {
        this.users = requireNonNull(users, "users");
        this.domains = requireNonNull(domains, "domains");
        this.sessions = requireNonNull(sessions, "sessions");
        this.accountManager = requireNonNull(accountManager, "accountManager");
    }

    @Override
    public Optional<KeyOwner> byApiKey(String apiKey) {
        return users.findOwnedByApiKey(apiKey)
                .filter(owned -> owned.user().secretKey() != null)
                .flatMap(owned -> context(owned).map(caller -> new KeyOwner(caller, accountManager.secretKeyOf(owned.user()))));
    }

    @Override
    public Optional<CallContext> checkPassword(String username, String password, String domainPath, String domainUuid) {
        Optional<DomainVO> domain = domainUuid != null
                ? domains.findByUuid(domainUuid)
                : domains.findByPath(internalPath(domainPath));
        return domain.flatMap(d -> users.findByUsernameInDomain(username, d.id()))
                .filter(user -> Passwords.matches(password, user.password()))
                .flatMap(user -> users.findOwnedById(user.id()))
                .flatMap(AuthenticatorImpl::context);
    }

    /** Login takes "/", "ROOT", "ROOT/a", "/a" or "a/b" and means the path /a/b/. */
    static String internalPath(String given) {
        if (given == null) {
            return "/";
        }
        String path = given.trim();
        if (path.equals("ROOT") || path.startsWith("ROOT/")) {
            path = path.substring(4);
        }
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return path.isEmpty() ? "/" : "/" + path + "/";
    }

    @Override
    public String startSession(CallContext caller) {
        String key = Passwords.randomToken(32);
        sessions.insert(key, caller.userId());
        return key;
    }

    @Override
    public Optional<CallContext> session(String sessionKey) {
        return sessions.touch(sessionKey, SESSION_TIMEOUT).flatMap(users::findOwnedById).flatMap(AuthenticatorImpl::context);
    }

    @Override
    public void endSession(String sessionKey) {
        sessions.delete(sessionKey);
    }

    /** Only an enabled user of an enabled account gets in. */
    private static Optional<CallContext> context(UserDao.Owned owned) {
        UserVO user = owned.user();
        AccountVO account = owned.account();
        DomainVO domain = owned.domain();
        if (!UserVO.ENABLED.equals(user.state()) || !AccountVO.ENABLED.equals(account.state())) {
            return Optional.empty();
        }
        return Optional.of(new CallContext(user.id(), user.uuid(), user.username(), account.id(), account.uuid(), account.accountName(),
                domain.id(), domain.uuid(), domain.path(), account.type()));
    }
}
