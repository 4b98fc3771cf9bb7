package org.s2svpn.setupdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Opens the connection pool and brings the schema to the current version. */
public final class Databases {
    /** How long a caller waits for a connection, the bound of a call's wait while the database restarts. */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    private Databases() {
    }

    public static HikariDataSource open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("s2svpn-db");
        // while the database is away a caller waits this long for a connection, then fails with a clear 530: short
        // enough that API clients and the router timer are not held up, long enough for a busy pool to hand one over
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // a connection idle for more than half a second is checked before it is handed out; this bounds that check
        hikari.setValidationTimeout(2_000);
        // idle connections are checked every 30 s, so that those a database restart broke are replaced before a call takes them
        hikari.setKeepaliveTime(30_000);
        // connections are renewed well before MariaDB's wait_timeout or a firewall forgets them
        hikari.setMaxLifetime(600_000);
        // fail at start when the database cannot be reached at all, rather than on the first request
        hikari.setInitializationFailTimeout(30_000);
        if (config.isMysql()) {
            // a database host that drops packets fails a new connection in seconds rather than at the TCP timeout
            hikari.addDataSourceProperty("connectTimeout", "3000");
            // statements are prepared once per connection: Connector/J's cache otherwise holds 25 of at most 256
            // characters, and most of ours are longer (a listVpnConnections page was prepared anew on every call)
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("useServerPrepStmts", "true");
            hikari.addDataSourceProperty("prepStmtCacheSize", "500");
            hikari.addDataSourceProperty("prepStmtCacheSqlLimit", "4096");
            hikari.addDataSourceProperty("characterEncoding", "UTF-8");
            hikari.addDataSourceProperty("connectionTimeZone", "UTC");
        }
        return new HikariDataSource(hikari);
    }

    /** Applies every migration not applied yet; the same scripts serve MySQL/MariaDB and H2. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }
}
