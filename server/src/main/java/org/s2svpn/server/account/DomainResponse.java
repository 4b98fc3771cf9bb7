package org.s2svpn.server.account;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("domain")
public record DomainResponse(
        @Param(description = "the ID of the domain") String id,
        @Param(description = "the name of the domain") String name,
        @Param(description = "the level of the domain") int level,
        @Param(description = "the domain ID of the parent domain") String parentdomainid,
        @Param(description = "the domain name of the parent domain") String parentdomainname,
        @Param(description = "whether the domain has one or more sub-domains") boolean haschild,
        @Param(description = "the network domain") String networkdomain,
        @Param(description = "the path of the domain") String path,
        @Param(description = "the state of the domain") String state,
        @Param(description = "the date when this domain was created") String created) {
}
