package org.s2svpn.server.host;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("managementserverkey")
public record ManagementServerKeyResponse(
        @Param(description = "the management server's SSH public key, as an authorized_keys line for root on network nodes") String publickey) {
}
