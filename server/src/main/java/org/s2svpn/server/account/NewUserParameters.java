package org.s2svpn.server.account;

import org.s2svpn.framework.api.Parameter;

/** The parameters createAccount and createUser share. */
abstract class NewUserParameters {
    @Parameter(name = "username", required = true, description = "Unique username.")
    protected String username;

    @Parameter(name = "password", required = true, sensitive = true,
            description = "Clear text password (Default hashed to SHA256SALT). If you wish to use any other hashing algorithm, you would"
                    + " need to write a custom authentication adapter See Docs section.")
    protected String password;

    @Parameter(name = "email", description = "email")
    protected String email;

    @Parameter(name = "firstname", description = "firstname")
    protected String firstname;

    @Parameter(name = "lastname", description = "lastname")
    protected String lastname;

    @Parameter(name = "timezone", description = "Specifies a timezone for this command. For more information on the timezone parameter,"
            + " see Time Zone Format.")
    protected String timezone;

    protected AccountManager.NewUser newUser() {
        return new AccountManager.NewUser(username, password, email, firstname, lastname, timezone);
    }
}
