package org.s2svpn.vpn.customer;

import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;

/** The parameters createVpnCustomerGateway and updateVpnCustomerGateway share (CloudStack's §1.1). */
abstract class CustomerGatewayParameters {
    @Parameter(name = "name", description = "name of this customer gateway")
    protected String name;

    @Parameter(name = "gateway", required = true, description = "public ip address id of the customer gateway")
    protected String gateway;

    @Parameter(name = "cidrlist", required = true, length = 4096,
            description = "guest cidr list of the customer gateway. Multiple entries must be separated by a single comma character (,).")
    protected String cidrList;

    @Parameter(name = "ipsecpsk", required = true, sensitive = true,
            description = "IPsec Preshared-Key of the customer gateway. Cannot contain newline or double quotes.")
    protected String psk;

    @Parameter(name = "ikepolicy", required = true, length = 1024, description = "IKE policy of the customer gateway")
    protected String ikePolicy;

    @Parameter(name = "esppolicy", required = true, length = 1024, description = "ESP policy of the customer gateway")
    protected String espPolicy;

    @Parameter(name = "ikelifetime", type = CommandType.LONG, description = "Lifetime of phase 1 VPN connection to the customer gateway, in seconds")
    protected Long ikeLifetime;

    @Parameter(name = "esplifetime", type = CommandType.LONG, description = "Lifetime of phase 2 VPN connection to the customer gateway, in seconds")
    protected Long espLifetime;

    @Parameter(name = "dpd", type = CommandType.BOOLEAN, description = "If DPD is enabled for VPN connection")
    protected Boolean dpd;

    @Parameter(name = "forceencap", type = CommandType.BOOLEAN, description = "Force Encapsulation for NAT traversal")
    protected Boolean forceEncap;

    @Parameter(name = "splitconnections", type = CommandType.BOOLEAN, since = "4.15.1",
            description = "For IKEv2, whether to split multiple right subnet cidrs into multiple connection statements.")
    protected Boolean splitConnections;

    @Parameter(name = "ikeversion", since = "4.15.1", description = "Which IKE Version to use, one of ike (autoselect), ikev1, or ikev2."
            + " Connections marked with 'ike' will use 'ikev2' when initiating, but accept any protocol version when responding. Defaults to ike")
    protected String ikeVersion;

    /** What the user asked for, with CloudStack's defaults for what was left out (also on update). */
    protected CustomerGatewayRequest request(String keptIkeVersion) {
        return new CustomerGatewayRequest(name, gateway, cidrList, psk, ikePolicy, espPolicy, ikeLifetime == null ? 86400 : ikeLifetime,
                espLifetime == null ? 3600 : espLifetime, Boolean.TRUE.equals(dpd), Boolean.TRUE.equals(forceEncap),
                Boolean.TRUE.equals(splitConnections), ikeVersion == null ? keptIkeVersion : ikeVersion);
    }
}
