package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

@Table("vpc")
public record VpcVO(long id, String uuid, String name, String displayText, String cidr, long vpcOfferingId, long zoneId, long accountId,
                    long domainId, String state, String networkDomain, boolean restartRequired, boolean display, LocalDateTime created) {
    public static final String ENABLED = "Enabled";
}
