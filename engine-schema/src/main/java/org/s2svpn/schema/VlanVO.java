package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A public IP range of the zone. */
@Table("vlan")
public record VlanVO(long id, String uuid, long zoneId, String vlanId, String gateway, String netmask, String startIp, String endIp,
                     LocalDateTime created) {
}
