package org.s2svpn.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import org.s2svpn.setupdb.Databases;

/**
 * The s2svpn command line.
 * <pre>
 *   java -jar s2svpn.jar run [--port PORT] [--data-dir DIR]      start the management server
 *   java -jar s2svpn.jar setup-databases [--data-dir DIR]       create or migrate the schema, then exit
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // database times are UTC, as CloudStack keeps them
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        int port = ServerConfig.DEFAULT_PORT;
        Path dataDir = Path.of("data");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (i + 1 >= rest.size() && (arg.equals("--port") || arg.equals("--data-dir"))) {
                usage("missing value for " + arg);
            }
            switch (arg) {
                case "--port" -> port = parsePort(rest.get(++i));
                case "--data-dir" -> dataDir = Path.of(rest.get(++i));
                default -> usage("unknown option " + arg);
            }
        }
        java.nio.file.Files.createDirectories(dataDir);
        // before the first logger is made, so that the log file goes to the data directory
        System.setProperty("s2svpn.log.dir", dataDir.toAbsolutePath().toString());
        if (command.equals("demo")) {
            System.setProperty("s2svpn.console.level", "warn"); // the demo prints its own steps; the log file has the rest
        }
        ServerConfig config = ServerConfig.load(port, dataDir, System.getenv());
        switch (command) {
            case "run" -> run(config);
            case "setup-databases" -> setupDatabases(config);
            case "demo" -> org.s2svpn.client.demo.Demo.run(System.out);
            case "help", "--help", "-h" -> usage(null);
            default -> usage("unknown command " + command);
        }
    }

    private static void run(ServerConfig config) throws Exception {
        ManagementServer server = new ManagementServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }

    private static void setupDatabases(ServerConfig config) throws Exception {
        java.nio.file.Files.createDirectories(config.dataDir());
        try (var dataSource = Databases.open(config.database())) {
            var result = Databases.migrate(dataSource);
            System.out.println("database " + config.database().url() + " is at schema version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migration(s) applied)");
        }
        // Made here, as CloudStack's setup makes its database key: every server on this database needs a copy of it.
        org.s2svpn.framework.crypto.Encryptor.fromKeyFile(config.encryptionKeyFile());
        System.out.println("encryption key of the secrets in the database: " + config.encryptionKeyFile()
                + " (keep it outside the database; copy it to every management server that uses this database)");
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage("--port takes a number, got " + value);
            return -1;
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("s2svpn: " + problem);
        }
        System.err.println("""
                usage: java -jar s2svpn.jar COMMAND [--port PORT] [--data-dir DIR]
                  run              start the management server (default port 8080, data directory ./data)
                  setup-databases  create or migrate the database schema, then exit
                  demo             the site-to-site VPN use case start to end on this machine (real as root with strongSwan)
                The database is an embedded H2 file under DIR unless DIR/server.properties sets db.url
                (jdbc:mysql://host:3306/cloud), db.username and db.password, or S2SVPN_DB_URL is set.""");
        System.exit(problem == null ? 0 : 2);
    }
}
