package org.s2svpn.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of every table of a test database, as text: to compare before and after, or to search for a value. */
final class DatabaseDump {
    private DatabaseDump() {
    }

    /** Table name to its rows (each row its columns joined by tabs), rows in primary-key order where there is one. */
    static Map<String, List<String>> of(TestDatabase database) throws SQLException {
        try (Connection c = connect(database)) {
            return of(c);
        }
    }

    static Connection connect(TestDatabase database) throws SQLException {
        var config = database.config();
        return DriverManager.getConnection(config.url(), config.username(), config.password());
    }

    /** The same over an open connection, for callers that dump many times. */
    static Map<String, List<String>> of(Connection c) throws SQLException {
        return of(c, tables(c));
    }

    /** The database's tables: MariaDB names the database as the catalog; H2 (DATABASE_TO_LOWER) has them in schema "public". */
    static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    /** The rows of the given tables. */
    static Map<String, List<String>> of(Connection c, List<String> tables) throws SQLException {
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : tables) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "\t" : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            dump.put(table.toLowerCase(java.util.Locale.ROOT), rows);
        }
        return dump;
    }
}
