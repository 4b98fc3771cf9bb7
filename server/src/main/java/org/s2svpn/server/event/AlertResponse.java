package org.s2svpn.server.event;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("alert")
public record AlertResponse(
        @Param(description = "the id of the alert") String id,
        @Param(description = "One of the following alert types: MEMORY = 0, CPU = 1, STORAGE = 2, STORAGE_ALLOCATED = 3,"
                + " PUBLIC_IP = 4, PRIVATE_IP = 5, SECONDARY_STORAGE = 6, HOST = 7, USERVM = 8, DOMAIN_ROUTER = 9, CONSOLE_PROXY = 10,"
                + " ROUTING = 11: lost connection to default route (to the gateway), STORAGE_MISC = 12, USAGE_SERVER = 13,"
                + " MANAGMENT_NODE = 14, DOMAIN_ROUTER_MIGRATE = 15, CONSOLE_PROXY_MIGRATE = 16, USERVM_MIGRATE = 17, VLAN = 18,"
                + " SSVM = 19, USAGE_SERVER_RESULT = 20") int type,
        @Param(description = "the name of the alert") String name,
        @Param(description = "description of the alert") String description,
        @Param(description = "the date and time the alert was sent") String sent) {
}
