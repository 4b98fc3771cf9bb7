package org.s2svpn.vpn.api;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;
import org.s2svpn.framework.api.RoleType;

@ObjectName("vpngateway")
public record VpnGatewayResponse(
        @Param(description = "the vpn gateway ID") String id,
        @Param(description = "the public IP address") String publicip,
        @Param(description = "the vpc id of this gateway") String vpcid,
        @Param(description = "the vpc name of this gateway", since = "4.13.2") String vpcname,
        @Param(description = "the owner") String account,
        @Param(description = "the project id") String projectid,
        @Param(description = "the project name") String project,
        @Param(description = "the domain id of the owner") String domainid,
        @Param(description = "the domain name of the owner") String domain,
        @Param(description = "the domain path of the owner") String domainpath,
        @Param(description = "the date and time the host was removed") String removed,
        @Param(description = "is vpn gateway for display to the regular user", since = "4.4", authorized = RoleType.Admin) Boolean fordisplay) {
}
