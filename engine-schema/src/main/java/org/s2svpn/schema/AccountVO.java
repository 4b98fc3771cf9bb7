package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.db.Table;

@Table("account")
public record AccountVO(long id, String uuid, String accountName, RoleType type, long roleId, long domainId, String state,
                        String networkDomain, LocalDateTime created, LocalDateTime removed) {
    public static final String ENABLED = "enabled";
}
