package org.s2svpn.server.network;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("vlan")
public record VlanIpRangeResponse(
        @Param(description = "the ID of the VLAN IP range") String id,
        @Param(description = "the virtual network for the VLAN IP range") boolean forvirtualnetwork,
        @Param(description = "the Zone ID of the VLAN IP range") String zoneid,
        @Param(description = "the ID or VID of the VLAN.") String vlan,
        @Param(description = "the gateway of the VLAN IP range") String gateway,
        @Param(description = "the netmask of the VLAN IP range") String netmask,
        @Param(description = "the start ip of the VLAN IP range") String startip,
        @Param(description = "the end ip of the VLAN IP range") String endip,
        @Param(description = "the cidr of the VLAN IP range") String cidr,
        @Param(description = "the number of free addresses in the range (s2svpn)") int freeipcount) {
}
