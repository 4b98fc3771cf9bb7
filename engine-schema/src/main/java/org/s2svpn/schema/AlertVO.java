package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** An alert: CloudStack's type number and name (ALERT.SERVICE.DOMAINROUTER is 9). */
@Table(value = "alert", softDelete = false)
public record AlertVO(long id, String uuid, int type, String name, String subject, String content, Long dataCenterId,
                      LocalDateTime created, LocalDateTime lastSent, int sentCount) {
}
