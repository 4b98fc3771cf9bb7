package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A VPC tier: a subnet of the VPC CIDR, on its own bridge (broadcastUri) on the network nodes. */
@Table("networks")
public record NetworkVO(long id, String uuid, String name, String displayText, long vpcId, long networkOfferingId, long zoneId,
                        String gateway, String cidr, String broadcastUri, long accountId, long domainId, String state,
                        LocalDateTime created) {
    public static final String IMPLEMENTED = "Implemented";
}
