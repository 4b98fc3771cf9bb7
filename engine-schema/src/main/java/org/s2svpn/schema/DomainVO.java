package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A domain; path is "/" for ROOT and "/a/b/" below it, so a subtree is a path prefix. */
@Table("domain")
public record DomainVO(long id, String uuid, Long parent, String name, String path, int level, String networkDomain, String state,
                       LocalDateTime created, LocalDateTime removed) {
    public static final long ROOT_ID = 1L;

    /** CloudStack shows paths as ROOT/a/b. */
    public String displayPath() {
        return displayPath(path);
    }

    /** A path ("/" or "/a/b/") as CloudStack shows it (ROOT/a/b). */
    public static String displayPath(String path) {
        return "ROOT" + (path.equals("/") ? "" : path.substring(0, path.length() - 1));
    }

    public boolean contains(DomainVO other) {
        return other.path.startsWith(path);
    }
}
