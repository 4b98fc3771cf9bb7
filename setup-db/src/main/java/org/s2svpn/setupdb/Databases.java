package org.s2svpn.setupdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Opens the connection pool and brings the schema to the current version. */
public final class Databases {
    private Databases() {
    }

    public static HikariDataSource open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("s2svpn-db");
        // a database that is restarting makes callers wait this long for a connection, then fail cleanly
        hikari.setConnectionTimeout(10_000);
        // fail at start when the database cannot be reached at all, rather than on the first request
        hikari.setInitializationFailTimeout(30_000);
        if (config.isMysql()) {
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("useServerPrepStmts", "true");
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
