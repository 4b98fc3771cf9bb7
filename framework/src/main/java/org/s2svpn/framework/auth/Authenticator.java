package org.s2svpn.framework.auth;

import java.util.Optional;
import org.s2svpn.framework.api.CallContext;

/** Users, keys and sessions, as the API's front door needs them; implemented where accounts live. */
public interface Authenticator {
    /** The enabled user that owns an API key, and its secret key. */
    record KeyOwner(CallContext caller, String secretKey) {
    }

    Optional<KeyOwner> byApiKey(String apiKey);

    /** Checks a username and password in a domain (given by path such as "/" or "ROOT/child", or by uuid). */
    Optional<CallContext> checkPassword(String username, String password, String domainPath, String domainUuid);

    /** Starts a session and returns its key. */
    String startSession(CallContext caller);

    Optional<CallContext> session(String sessionKey);

    void endSession(String sessionKey);
}
