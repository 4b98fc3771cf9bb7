package org.s2svpn.server.zone;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("zone")
public record ZoneResponse(
        @Param(description = "Zone id") String id,
        @Param(description = "Zone name") String name,
        @Param(description = "Zone description") String description,
        @Param(description = "the first DNS for the Zone") String dns1,
        @Param(description = "the first internal DNS for the Zone") String internaldns1,
        @Param(description = "the network type of the zone; can be Basic or Advanced") String networktype,
        @Param(description = "true if security groups support is enabled, false otherwise") boolean securitygroupsenabled,
        @Param(description = "the allocation state of the cluster") String allocationstate,
        @Param(description = "the dhcp Provider for the Zone") String dhcpprovider,
        @Param(description = "Network domain name for the networks in the zone") String domain,
        @Param(description = "true if local storage offering enabled, false otherwise") boolean localstorageenabled,
        @Param(description = "the type of the zone - core or edge") String type,
        @Param(description = "the list of resource tags associated with zone.") List<Object> tags,
        @Param(description = "whether this zone has annotations") boolean hasannotations) {
}
