package org.s2svpn.vpn.usage;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** The bytes of one hour of a connection: the sums of its usage records of that hour (types 101 and 102). */
@ObjectName("vpnconnectiontraffic")
public record VpnConnectionTrafficResponse(
        @Param(description = "the start of the hour, the startdate of its usage records") String startdate,
        @Param(description = "the bytes sent through the connection in the hour (usage type 101)") long bytessent,
        @Param(description = "the bytes received through the connection in the hour (usage type 102)") long bytesreceived) {
}
