package org.s2svpn.test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
        var config = database.config();
        Map<String, List<String>> dump = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(config.url(), config.username(), config.password())) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(database.mysqlName(), database.mysqlName() == null ? "PUBLIC" : null, "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
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
        }
        return dump;
    }
}
