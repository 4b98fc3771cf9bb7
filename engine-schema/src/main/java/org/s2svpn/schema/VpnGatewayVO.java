package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A VPC's VPN gateway: its public address (the VPC's source-NAT address). */
@Table("s2s_vpn_gateway")
public record VpnGatewayVO(long id, String uuid, long addrId, long vpcId, long domainId, long accountId, boolean display,
                           LocalDateTime created) {
}
