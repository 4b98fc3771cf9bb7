package org.s2svpn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.s2svpn.setupdb.DatabaseConfig;

/**
 * How the management server runs: port, data directory, database. Read from {@code DIR/server.properties} when it
 * exists (db.url, db.username, db.password, db.pool.size, jobs.threads, bind.address, encryption.key.file), then from
 * the environment (S2SVPN_DB_URL, S2SVPN_DB_USERNAME, S2SVPN_DB_PASSWORD), then from the command line.
 */
public record ServerConfig(String bindAddress, int port, Path dataDir, DatabaseConfig database, int jobThreads, Path encryptionKeyFile) {
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(database, "database");
        requireNonNull(encryptionKeyFile, "encryptionKeyFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535");
        }
        if (jobThreads < 1 || jobThreads > 512) {
            throw new IllegalArgumentException("jobs.threads must be 1 to 512");
        }
    }

    public static ServerConfig load(int port, Path dataDir, Map<String, String> env) throws IOException {
        Properties props = new Properties();
        Path file = dataDir.resolve("server.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            }
        }
        String url = first(env.get("S2SVPN_DB_URL"), props.getProperty("db.url"));
        DatabaseConfig database = url == null
                ? DatabaseConfig.embedded(dataDir)
                : new DatabaseConfig(url, first(env.get("S2SVPN_DB_USERNAME"), props.getProperty("db.username", "cloud")),
                        first(env.get("S2SVPN_DB_PASSWORD"), props.getProperty("db.password", "")),
                        Integer.parseInt(props.getProperty("db.pool.size", "20")));
        Path keyFile = Path.of(props.getProperty("encryption.key.file", dataDir.resolve("key").toString()));
        return new ServerConfig(props.getProperty("bind.address", "0.0.0.0"), port, dataDir, database,
                Integer.parseInt(props.getProperty("jobs.threads", "16")), keyFile);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
