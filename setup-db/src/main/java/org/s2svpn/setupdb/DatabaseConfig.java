package org.s2svpn.setupdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where the database is: a JDBC URL (MySQL/MariaDB through Connector/J, or the embedded H2 default) and credentials. */
public record DatabaseConfig(String url, String username, String password, int poolSize) {
    public DatabaseConfig {
        requireNonNull(url, "url");
        requireNonNull(username, "username");
        password = password == null ? "" : password;
        if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("db.url must be a jdbc:mysql: or jdbc:h2: URL, got " + url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("db.pool.size must be at least 1");
        }
    }

    /** The embedded default: an H2 file under the data directory, in MySQL mode so that one set of migrations serves both. */
    public static DatabaseConfig embedded(Path dataDir) {
        return new DatabaseConfig(h2Url("file:" + dataDir.toAbsolutePath().resolve("db").resolve("s2svpn")), "sa", "", 10);
    }

    /** H2 settings that make it speak MySQL's dialect; USER and VALUE are column and table names in CloudStack's schema. */
    public static String h2Url(String location) {
        return "jdbc:h2:" + location + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=USER,VALUE";
    }

    public boolean isMysql() {
        return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:");
    }
}
