package org.s2svpn.server.vpc;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;
import org.s2svpn.framework.api.RoleType;

@ObjectName("vpc")
public record VpcResponse(
        @Param(description = "the id of the VPC") String id,
        @Param(description = "the name of the VPC") String name,
        @Param(description = "an alternate display text of the VPC.") String displaytext,
        @Param(description = "state of the VPC. Can be Inactive/Enabled") String state,
        @Param(description = "zone id of the vpc") String zoneid,
        @Param(description = "the name of the zone the VPC belongs to") String zonename,
        @Param(description = "the list of supported services") List<ServiceResponse> service,
        @Param(description = "the cidr the VPC") String cidr,
        @Param(description = "vpc offering id the VPC is created from") String vpcofferingid,
        @Param(description = "vpc offering name the VPC is created from") String vpcofferingname,
        @Param(description = "the date this VPC was created") String created,
        @Param(description = "the owner of the VPC") String account,
        @Param(description = "the domain id of the VPC owner") String domainid,
        @Param(description = "the domain name of the owner") String domain,
        @Param(description = "path of the domain to which the VPC belongs") String domainpath,
        @Param(description = "the list of networks belongign to the VPC") List<NetworkResponse> network,
        @Param(description = "true VPC requires restart") boolean restartrequired,
        @Param(description = "the network domain of the VPC") String networkdomain,
        @Param(description = "the list of resource tags associated with the project") List<Object> tags,
        @Param(description = "is VPC for display to the regular user", authorized = RoleType.Admin) Boolean fordisplay,
        @Param(description = "is VPC uses distributed router for one hop forwarding and host based network ACL's") boolean distributedvpcrouter,
        @Param(description = "true if VPC is region level") boolean regionlevelvpc,
        @Param(description = "if this VPC has redundant router") boolean redundantvpcrouter,
        @Param(description = "the source NAT IP address of the VPC (s2svpn)") String publicip,
        @Param(description = "whether this VPC has annotations") boolean hasannotations) {
}
