package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** The zone. */
@Table("data_center")
public record DataCenterVO(long id, String uuid, String name, String description, String dns1, String internalDns1,
                           String networkType, String allocationState, String domain, String guestNetworkCidr, LocalDateTime created) {
}
