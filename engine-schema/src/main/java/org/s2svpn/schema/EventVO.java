package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

@Table(value = "event", softDelete = false)
public record EventVO(long id, String uuid, String type, String state, String level, String description, long userId, long accountId,
                      long domainId, LocalDateTime created) {
}
