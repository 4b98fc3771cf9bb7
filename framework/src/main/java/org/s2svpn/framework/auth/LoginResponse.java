package org.s2svpn.framework.auth;

import org.s2svpn.framework.api.FlatResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** What login answers; CloudStack writes these fields as strings. */
@ObjectName("loginresponse")
public record LoginResponse(
        @Param(description = "Username") String username,
        @Param(description = "User ID") String userid,
        @Param(description = "Domain ID that the user belongs to") String domainid,
        @Param(description = "the time period before the session has expired") String timeout,
        @Param(description = "the account name the user belongs to") String account,
        @Param(description = "first name of the user") String firstname,
        @Param(description = "last name of the user") String lastname,
        @Param(description = "the account type (admin, domain-admin, read-only-admin, user)") String type,
        @Param(description = "user time zone") String timezone,
        @Param(description = "Is user registered") String registered,
        @Param(description = "Session key that can be passed in subsequent Query command calls") String sessionkey,
        @Param(description = "Is two factor authentication enabled") String is2faenabled)
        implements FlatResponse {
}
