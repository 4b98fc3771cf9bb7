package org.s2svpn.server.host;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** A network node, as listHosts shows hosts. */
@ObjectName("host")
public record HostResponse(
        @Param(description = "the ID of the host") String id,
        @Param(description = "the name of the host") String name,
        @Param(description = "the state of the host") String state,
        @Param(description = "the host type") String type,
        @Param(description = "the IP address of the host") String ipaddress,
        @Param(description = "the URL the management server reaches the node at (ssh://address:port)") String url,
        @Param(description = "the Zone ID of the host") String zoneid,
        @Param(description = "the Zone name of the host") String zonename,
        @Param(description = "the host hypervisor") String hypervisor,
        @Param(description = "the version of the network node scripts installed on the host") String version,
        @Param(description = "the resource state of the host") String resourcestate,
        @Param(description = "the last error reaching the host, if any") String lasterror,
        @Param(description = "the date and time the host was created") String created) {
}
