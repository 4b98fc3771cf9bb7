package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A network node: a Debian machine reached over SSH that runs VPC routers as network namespaces. */
@Table("host")
public record HostVO(long id, String uuid, String name, long zoneId, String url, String address, int port, String username,
                     String status, String scriptsVersion, String lastError, LocalDateTime created) {
    public static final String UP = "Up";
    public static final String DOWN = "Down";
}
