package org.s2svpn.server.vpc;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("vpcoffering")
public record VpcOfferingResponse(
        @Param(description = "the id of the vpc offering") String id,
        @Param(description = "the name of the vpc offering") String name,
        @Param(description = "an alternate display text of the vpc offering.") String displaytext,
        @Param(description = "the date this vpc offering was created") String created,
        @Param(description = "true if vpc offering is default, false otherwise") boolean isdefault,
        @Param(description = "state of the vpc offering. Can be Disabled/Enabled") String state,
        @Param(description = "the list of supported services") List<ServiceResponse> service,
        @Param(description = "indicates if the vpc offering supports distributed router for one-hop forwarding") boolean distributedvpcrouter,
        @Param(description = "indicates if the vpc offering supports region level vpc") boolean supportsregionLevelvpc,
        @Param(description = "the internet protocol of the vpc offering") String internetprotocol) {
}
