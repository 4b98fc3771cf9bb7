package org.s2svpn.server.account;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("account")
public record AccountResponse(
        @Param(description = "the id of the account") String id,
        @Param(description = "the name of the account") String name,
        @Param(description = "account type (admin, domain-admin, user)") int accounttype,
        @Param(description = "the ID of the role") String roleid,
        @Param(description = "the type of the role (Admin, ResourceAdmin, DomainAdmin, User)") String roletype,
        @Param(description = "the name of the role") String rolename,
        @Param(description = "id of the Domain the account belongs to") String domainid,
        @Param(description = "name of the Domain the account belongs to") String domain,
        @Param(description = "path of the Domain the account belongs to") String domainpath,
        @Param(description = "the network domain") String networkdomain,
        @Param(description = "the state of the account") String state,
        @Param(description = "the date when this account was created") String created,
        @Param(description = "true if account is default, false otherwise") boolean isdefault,
        @Param(description = "the list of users associated with account") List<UserResponse> user) {
}
