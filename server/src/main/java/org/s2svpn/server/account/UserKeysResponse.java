package org.s2svpn.server.account;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("userkeys")
public record UserKeysResponse(
        @Param(description = "the api key of the registered user") String apikey,
        @Param(description = "the secret key of the registered user") String secretkey) {
}
