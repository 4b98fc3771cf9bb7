package org.s2svpn.schema;

import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.db.Table;

/** A role; the default ones carry CloudStack's names and role types. */
@Table("roles")
public record RoleVO(long id, String uuid, String name, RoleType roleType, String description) {
}
