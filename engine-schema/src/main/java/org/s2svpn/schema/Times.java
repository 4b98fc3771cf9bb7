package org.s2svpn.schema;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Database times are UTC, to the second. */
public final class Times {
    private Times() {
    }

    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    }
}
