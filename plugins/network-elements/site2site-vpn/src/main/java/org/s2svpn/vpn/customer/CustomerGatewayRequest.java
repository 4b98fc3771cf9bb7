package org.s2svpn.vpn.customer;

/** A customer gateway as the user asked for it, before validation. */
public record CustomerGatewayRequest(String name, String gateway, String cidrList, String psk, String ikePolicy, String espPolicy,
                                     long ikeLifetime, long espLifetime, boolean dpd, boolean forceEncap, boolean splitConnections,
                                     String ikeVersion) {
    @Override
    public String toString() {
        return "CustomerGatewayRequest[name=" + name + ", gateway=" + gateway + "]"; // never the PSK
    }
}
