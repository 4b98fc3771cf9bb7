package org.s2svpn.vpn.api;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("vpnconnectiondeviceconfig")
public record VpnConnectionDeviceConfigResponse(
        @Param(description = "the VPN connection ID") String id,
        @Param(description = "the vendor of the customer gateway device: cisco-ios, juniper-srx, strongswan or libreswan") String vendor,
        @Param(description = "the configuration of the customer gateway device for this connection, pre-shared key included"
                + " (for libreswan: the ipsec.conf conn section)") String configuration,
        @Param(description = "for libreswan only: the ipsec.secrets lines holding the pre-shared key") String secrets) {
    @Override
    public String toString() {
        return "VpnConnectionDeviceConfigResponse[" + id + ", " + vendor + "]"; // never the configuration: it holds the PSK
    }
}
