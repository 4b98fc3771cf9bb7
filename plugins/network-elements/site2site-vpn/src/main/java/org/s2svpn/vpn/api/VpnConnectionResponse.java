package org.s2svpn.vpn.api;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;
import org.s2svpn.framework.api.RoleType;

@ObjectName("vpnconnection")
public record VpnConnectionResponse(
        @Param(description = "the connection ID") String id,
        @Param(description = "the vpn gateway ID") String s2svpngatewayid,
        @Param(description = "the public IP address") String publicip,
        @Param(description = "the customer gateway ID") String s2scustomergatewayid,
        @Param(description = "public ip address id of the customer gateway") String gateway,
        @Param(description = "guest cidr list of the customer gateway. Multiple entries are separated by a single comma character (,).") String cidrlist,
        @Param(description = "IPsec Preshared-Key of the customer gateway") String ipsecpsk,
        @Param(description = "IKE policy of the customer gateway") String ikepolicy,
        @Param(description = "ESP policy of the customer gateway") String esppolicy,
        @Param(description = "Lifetime of IKE SA of customer gateway") long ikelifetime,
        @Param(description = "Lifetime of ESP SA of customer gateway") long esplifetime,
        @Param(description = "if DPD is enabled for customer gateway") boolean dpd,
        @Param(description = "if Force NAT Encapsulation is enabled for customer gateway") boolean forceencap,
        @Param(description = "Split multiple remote networks into multiple phase 2 SAs. Often used with Cisco some products.") boolean splitconnections,
        @Param(description = "Which IKE Version to use, one of ike (autoselect), ikev1, or ikev2. Defaults to ike") String ikeversion,
        @Param(description = "State of vpn connection") String state,
        @Param(description = "State of vpn connection") boolean passive,
        @Param(description = "the date and time the host was created") String created,
        @Param(description = "the date and time the host was removed") String removed,
        @Param(description = "is connection for display to the regular user", since = "4.4", authorized = RoleType.Admin) Boolean fordisplay,
        @Param(description = "the owner") String account,
        @Param(description = "the project id") String projectid,
        @Param(description = "the project name") String project,
        @Param(description = "the domain id of the owner") String domainid,
        @Param(description = "the domain name of the owner") String domain,
        @Param(description = "the domain path of the owner") String domainpath,
        @Param(description = "why the connection is not Connected, when it is not: authentication failed, no proposal chosen, peer"
                + " unreachable, traffic selectors refused, some subnets down, or the router's error (s2svpn)") String reason,
        @Param(description = "the date and time of the last state change (s2svpn)") String laststatechange,
        @Param(description = "per remote subnet: its cidr, the CHILD SA that carries it (childsa) and that SA's state, Up or Down,"
                + " as the router last reported it (s2svpn)") List<RemoteSubnetResponse> remotesubnets) {
    @Override
    public String toString() {
        return "VpnConnectionResponse[" + id + ", " + state + "]"; // never the PSK
    }
}
