package org.s2svpn.server.vpc;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("networkoffering")
public record NetworkOfferingResponse(
        @Param(description = "the id of the network offering") String id,
        @Param(description = "the name of the network offering") String name,
        @Param(description = "an alternate display text of the network offering.") String displaytext,
        @Param(description = "the date this network offering was created") String created,
        @Param(description = "the traffic type for the network offering, supported types are Public, Management, Control, Guest, Vlan or Storage.") String traffictype,
        @Param(description = "true if network offering is default, false otherwise") boolean isdefault,
        @Param(description = "true if network offering supports vlans, false otherwise") boolean specifyvlan,
        @Param(description = "true if network offering can be used by VPC networks only") boolean forvpc,
        @Param(description = "availability of the network offering") String availability,
        @Param(description = "state of the network offering. Can be Disabled/Enabled/Inactive") String state,
        @Param(description = "guest type of the network offering, can be Shared or Isolated") String guestiptype,
        @Param(description = "the list of supported services") List<ServiceResponse> service) {
}
