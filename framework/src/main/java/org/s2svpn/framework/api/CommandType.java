package org.s2svpn.framework.api;

import java.util.Locale;

/** Parameter types as CloudStack names them in listApis. */
public enum CommandType {
    BOOLEAN, DATE, FLOAT, DOUBLE, INTEGER, SHORT, LIST, LONG, OBJECT, MAP, STRING, TZDATE, UUID;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
