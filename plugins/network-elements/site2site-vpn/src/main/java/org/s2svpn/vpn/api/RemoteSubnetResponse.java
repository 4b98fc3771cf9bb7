package org.s2svpn.vpn.api;

import org.s2svpn.framework.api.Param;

/**
 * One remote subnet of a connection (s2svpn): the CHILD SA that carries it (each subnet its own with split
 * connections and with IKEv1, else one for them all) and whether that SA was up at the router's last reading.
 */
public record RemoteSubnetResponse(
        @Param(description = "the remote subnet, one of the customer gateway's cidrlist") String cidr,
        @Param(description = "the name of the CHILD SA (IPsec SA) that carries it, as strongSwan names it on the router") String childsa,
        @Param(description = "Up when that CHILD SA was installed at the router's last reading, else Down") String state) {
    public static final String UP = "Up";
    public static final String DOWN = "Down";
}
