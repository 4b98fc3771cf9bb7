package org.s2svpn.server.network;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("publicipaddress")
public record IpAddressResponse(
        @Param(description = "public IP address id") String id,
        @Param(description = "public IP address") String ipaddress,
        @Param(description = "date the public IP address was acquired") String allocated,
        @Param(description = "the ID of the zone the public IP address belongs to") String zoneid,
        @Param(description = "the name of the zone the public IP address belongs to") String zonename,
        @Param(description = "true if the IP address is a source nat address, false otherwise") boolean issourcenat,
        @Param(description = "the account the public IP address is associated with") String account,
        @Param(description = "the domain ID the public IP address is associated with") String domainid,
        @Param(description = "the domain the public IP address is associated with") String domain,
        @Param(description = "the virtual network for the IP address") boolean forvirtualnetwork,
        @Param(description = "the ID of the VLAN associated with the IP address.") String vlanid,
        @Param(description = "the VLAN associated with the IP address") String vlanname,
        @Param(description = "true if this ip is for static nat, false otherwise") boolean isstaticnat,
        @Param(description = "true if this ip is system ip (was allocated as a part of deployVm or createLbRule)") boolean issystem,
        @Param(description = "VPC id the ip belongs to") String vpcid,
        @Param(description = "VPC name the ip belongs to") String vpcname,
        @Param(description = "State of the ip address. Can be: Allocating, Allocated, Releasing, Reserved and Free") String state,
        @Param(description = "is public ip for display to the regular user") boolean fordisplay) {
}
