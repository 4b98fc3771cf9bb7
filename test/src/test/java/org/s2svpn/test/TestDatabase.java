package org.s2svpn.test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.s2svpn.setupdb.DatabaseConfig;

/**
 * A fresh, empty database for one test server: an H2 file in the test's folder, or a new database on the MariaDB
 * that the test command starts (S2SVPN_TEST_MYSQL_URL, _USER, _PASSWORD), dropped again by {@link #drop()}.
 */
public record TestDatabase(String kind, DatabaseConfig config, String mysqlName) {
    public static final List<String> KINDS = List.of("h2", "mariadb");

    public static TestDatabase create(String kind, Path dir) throws SQLException {
        if (kind.equals("h2")) {
            return new TestDatabase(kind, DatabaseConfig.embedded(dir), null);
        }
        String name = "s2svpn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl(), user(), password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return new TestDatabase(kind, new DatabaseConfig(serverUrl() + name, user(), password(), 10), name);
    }

    public void drop() throws SQLException {
        if (mysqlName == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl(), user(), password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + mysqlName);
        }
    }

    /** The MariaDB server, e.g. jdbc:mysql://127.0.0.1:3306/ ; the test command sets it. */
    static String serverUrl() {
        String url = System.getenv("S2SVPN_TEST_MYSQL_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("S2SVPN_TEST_MYSQL_URL is not set: run the tests with ./test.sh, which installs and starts"
                    + " MariaDB, or point it at a MariaDB/MySQL server (jdbc:mysql://127.0.0.1:3306/)");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    static String user() {
        return System.getenv().getOrDefault("S2SVPN_TEST_MYSQL_USER", "s2svpn");
    }

    static String password() {
        return System.getenv().getOrDefault("S2SVPN_TEST_MYSQL_PASSWORD", "s2svpn");
    }
}
