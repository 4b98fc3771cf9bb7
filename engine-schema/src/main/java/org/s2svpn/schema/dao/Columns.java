package org.s2svpn.schema.dao;

import java.util.List;
import java.util.stream.Collectors;

/** A DAO's column list in a SELECT. */
final class Columns {
    private Columns() {
    }

    /** "t.a, t.b, ..." */
    static String of(String table, List<String> columns) {
        return columns.stream().map(column -> table + "." + column).collect(Collectors.joining(", "));
    }
}
