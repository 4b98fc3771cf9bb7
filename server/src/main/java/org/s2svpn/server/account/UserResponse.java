package org.s2svpn.server.account;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("user")
public record UserResponse(
        @Param(description = "the user ID") String id,
        @Param(description = "the user name") String username,
        @Param(description = "the user firstname") String firstname,
        @Param(description = "the user lastname") String lastname,
        @Param(description = "the user email address") String email,
        @Param(description = "the date and time the user account was created") String created,
        @Param(description = "the user state") String state,
        @Param(description = "the account name of the user") String account,
        @Param(description = "the account ID of the user") String accountid,
        @Param(description = "the account type of the user") int accounttype,
        @Param(description = "the ID of the role") String roleid,
        @Param(description = "the type of the role") String roletype,
        @Param(description = "the name of the role") String rolename,
        @Param(description = "the domain ID of the user") String domainid,
        @Param(description = "the domain name of the user") String domain,
        @Param(description = "the timezone user was created in") String timezone,
        @Param(description = "the api key of the user") String apikey,
        @Param(description = "true if user is default, false otherwise") boolean isdefault,
        @Param(description = "the source type of the user in lowercase, such as native, ldap, saml2") String usersource) {
}
