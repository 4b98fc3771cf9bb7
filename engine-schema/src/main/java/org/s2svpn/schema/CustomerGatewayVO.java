package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A customer gateway: the remote IPsec device and its policies. The PSK is kept encrypted. */
@Table("s2s_customer_gateway")
public record CustomerGatewayVO(long id, String uuid, String name, String gatewayIp, String guestCidrList, String encryptedPsk,
                                String ikePolicy, String espPolicy, int ikeLifetime, int espLifetime, boolean dpd, boolean forceEncap,
                                String ikeVersion, boolean splitConnections, long domainId, long accountId, LocalDateTime created) {
    @Override
    public String toString() {
        return "CustomerGatewayVO[id=" + id + ", name=" + name + ", gateway=" + gatewayIp + "]"; // never the PSK
    }
}
