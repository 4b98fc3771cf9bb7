package org.s2svpn.server.capabilities;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("capability")
public record CapabilitiesResponse(
        @Param(description = "version of the cloud stack") String cloudstackversion,
        @Param(description = "true if security groups support is enabled, false otherwise") boolean securitygroupsenabled,
        @Param(description = "true if user and domain admins can set templates to be shared, false otherwise") boolean userpublictemplateenabled,
        @Param(description = "true if region supports elastic load balancer on basic zones") boolean supportELB,
        @Param(description = "If invitation confirmation is required when add account to project") boolean projectinviterequired,
        @Param(description = "true if regular user is allowed to create projects") boolean allowusercreateprojects,
        @Param(description = "true if the user can recover and expunge virtualmachines, false otherwise") boolean allowuserexpungerecovervm,
        @Param(description = "true if the user is allowed to view destroyed virtualmachines, false otherwise") boolean allowuserviewdestroyedvm,
        @Param(description = "true if dynamic role-based api checker is enabled, false otherwise") boolean dynamicrolesenabled,
        @Param(description = "time interval (in seconds) to reset api count") int apilimitinterval,
        @Param(description = "Max allowed number of api requests within the specified interval") int apilimitmax) {
}
