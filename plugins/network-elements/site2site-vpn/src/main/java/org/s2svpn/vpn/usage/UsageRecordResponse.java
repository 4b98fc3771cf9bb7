package org.s2svpn.vpn.usage;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("usagerecord")
public record UsageRecordResponse(
        @Param(description = "the user account name") String account,
        @Param(description = "the user account Id") String accountid,
        @Param(description = "the domain ID") String domainid,
        @Param(description = "the domain the resource is associated with") String domain,
        @Param(description = "the zone ID") String zoneid,
        @Param(description = "description of the usage record") String description,
        @Param(description = "usage in hours") String usage,
        @Param(description = "usage type ID: 101 site-to-site VPN bytes sent, 102 bytes received (s2svpn)") int usagetype,
        @Param(description = "raw usage in hours") String rawusage,
        @Param(description = "id of the resource") String usageid,
        @Param(description = "start date of the usage record") String startdate,
        @Param(description = "end date of the usage record") String enddate) {
}
