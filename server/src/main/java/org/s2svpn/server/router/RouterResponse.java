package org.s2svpn.server.router;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** A VPC router, as listRouters shows a domain router. */
@ObjectName("router")
public record RouterResponse(
        @Param(description = "the id of the router") String id,
        @Param(description = "the name of the router") String name,
        @Param(description = "the Zone ID for the router") String zoneid,
        @Param(description = "the Zone name for the router") String zonename,
        @Param(description = "the state of the router") String state,
        @Param(description = "the public IP address for the router") String publicip,
        @Param(description = "the public netmask for the router") String publicnetmask,
        @Param(description = "the gateway for the router") String gateway,
        @Param(description = "the host ID for the router") String hostid,
        @Param(description = "the hostname for the router") String hostname,
        @Param(description = "the account associated with the router") String account,
        @Param(description = "the domain ID associated with the router") String domainid,
        @Param(description = "the domain associated with the router") String domain,
        @Param(description = "VPC the router belongs to") String vpcid,
        @Param(description = "the name of VPC the router belongs to") String vpcname,
        @Param(description = "role of the domain router") String role,
        @Param(description = "if this router is an redundant virtual router") boolean isredundantrouter,
        @Param(description = "the state of redundant virtual router") String redundantstate,
        @Param(description = "true if the router template requires upgrader") boolean requiresupgrade,
        @Param(description = "true when the router is simulated (no network node in the zone) (s2svpn)") boolean simulated,
        @Param(description = "why the router's last start or check failed, if it did (s2svpn)") String lasterror,
        @Param(description = "the date and time the router was created") String created,
        @Param(description = "the list of nics associated with the router") List<Nic> nic) {

    /** One interface of the router. */
    public record Nic(String networkid, String networkname, String ipaddress, String netmask, String gateway, String traffictype,
                      boolean isdefault) {
    }
}
