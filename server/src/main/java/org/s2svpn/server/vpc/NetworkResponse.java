package org.s2svpn.server.vpc;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** A VPC tier, as CloudStack shows an isolated VPC network. */
@ObjectName("network")
public record NetworkResponse(
        @Param(description = "the id of the network") String id,
        @Param(description = "the name of the network") String name,
        @Param(description = "the displaytext of the network") String displaytext,
        @Param(description = "Broadcast domain type of the network") String broadcastdomaintype,
        @Param(description = "the traffic type of the network") String traffictype,
        @Param(description = "the network's gateway") String gateway,
        @Param(description = "the network's netmask") String netmask,
        @Param(description = "Cloudstack managed address space, all CloudStack managed VMs get IP address from CIDR") String cidr,
        @Param(description = "zone id of the network") String zoneid,
        @Param(description = "the name of the zone the network belongs to") String zonename,
        @Param(description = "network offering id the network is created from") String networkofferingid,
        @Param(description = "name of the network offering the network is created from") String networkofferingname,
        @Param(description = "state of the network") String state,
        @Param(description = "the type of the network") String type,
        @Param(description = "acl type - access type to the network") String acltype,
        @Param(description = "the owner of the network") String account,
        @Param(description = "the domain id of the network owner") String domainid,
        @Param(description = "the domain name of the network owner") String domain,
        @Param(description = "path of the Domain the network belongs to") String domainpath,
        @Param(description = "VPC the network belongs to") String vpcid,
        @Param(description = "Name of the VPC to which this network belongs") String vpcname,
        @Param(description = "broadcast uri of the network. This parameter is visible to ROOT admins only") String broadcasturi,
        @Param(description = "the list of services") List<ServiceResponse> service,
        @Param(description = "the date this network was created") String created,
        @Param(description = "true if network is system, false otherwise") boolean issystem,
        @Param(description = "list networks available for vm deployment") boolean canusefordeploy,
        @Param(description = "true network requires restart") boolean restartrequired,
        @Param(description = "the list of resource tags associated with network") List<Object> tags,
        @Param(description = "an optional field, whether to the display the network to the end user or not.") boolean fordisplay) {
}
