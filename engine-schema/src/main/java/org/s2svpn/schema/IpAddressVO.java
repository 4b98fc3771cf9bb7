package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** One public IP address of a range: Free, or Allocated to an account (and a VPC, as its source NAT). */
@Table(value = "user_ip_address", softDelete = false)
public record IpAddressVO(long id, String uuid, String address, long zoneId, long vlanId, String state, boolean sourceNat,
                          Long accountId, Long domainId, Long vpcId, LocalDateTime allocated) {
    public static final String FREE = "Free";
    public static final String ALLOCATED = "Allocated";
}
