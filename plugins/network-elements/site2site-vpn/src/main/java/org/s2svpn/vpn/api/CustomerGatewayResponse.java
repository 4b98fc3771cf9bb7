package org.s2svpn.vpn.api;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("vpncustomergateway")
public record CustomerGatewayResponse(
        @Param(description = "the vpn gateway ID") String id,
        @Param(description = "name of the customer gateway") String name,
        @Param(description = "public ip address id of the customer gateway") String gateway,
        @Param(description = "guest ip of the customer gateway") String ipaddress,
        @Param(description = "guest cidr list of the customer gateway. Multiple entries are separated by a single comma character (,).") String cidrlist,
        @Param(description = "IPsec preshared-key of customer gateway") String ipsecpsk,
        @Param(description = "IKE policy of customer gateway") String ikepolicy,
        @Param(description = "IPsec policy of customer gateway") String esppolicy,
        @Param(description = "Lifetime of IKE SA of customer gateway") long ikelifetime,
        @Param(description = "Lifetime of ESP SA of customer gateway") long esplifetime,
        @Param(description = "if DPD is enabled for customer gateway") boolean dpd,
        @Param(description = "if Force NAT Encapsulation is enabled for customer gateway") boolean forceencap,
        @Param(description = "For IKEv2, whether to split multiple right subnet cidrs into multiple connection statements.") boolean splitconnections,
        @Param(description = "Which IKE Version to use, one of ike (autoselect), ikev1, or ikev2. Defaults to ike") String ikeversion,
        @Param(description = "the date and time the host was removed") String removed,
        @Param(description = "the owner") String account,
        @Param(description = "the project id") String projectid,
        @Param(description = "the project name") String project,
        @Param(description = "the domain id of the owner") String domainid,
        @Param(description = "the domain name of the owner") String domain,
        @Param(description = "the domain path of the owner") String domainpath,
        @Param(description = "whether this customer gateway has annotations") boolean hasannotations) {
    @Override
    public String toString() {
        return "CustomerGatewayResponse[" + id + "]"; // never the PSK
    }
}
