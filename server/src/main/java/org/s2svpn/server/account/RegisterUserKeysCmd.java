package org.s2svpn.server.account;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.UserVO;

@APICommand(name = "registerUserKeys", description = "This command allows a user to register for the developer API, returning a"
        + " secret key and an API key. This request is made through the integration API port, so it is a privileged command and must be"
        + " made on behalf of a user. It is up to the implementer just how the username and password are entered, and then how that"
        + " translates to an integration API request. Both secret key and API key should be returned to the user",
        responseObject = UserKeysResponse.class, responseHasSensitiveInfo = true)
public final class RegisterUserKeysCmd implements SyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = UserVO.class, required = true, description = "User id")
    private Long id;

    private final AccountManager accounts;

    public RegisterUserKeysCmd(AccountManager accounts) {
        this.accounts = requireNonNull(accounts, "accounts");
    }

    @Override
    public Object execute(CallContext caller) {
        AccountManager.Keys keys = accounts.registerKeys(caller, id);
        return new UserKeysResponse(keys.apiKey(), keys.secretKey());
    }
}
