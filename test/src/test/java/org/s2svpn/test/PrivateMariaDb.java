package org.s2svpn.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.s2svpn.setupdb.DatabaseConfig;

/**
 * A MariaDB server of the test's own: a fresh data directory made by mariadb-install-db, mariadbd on a free port
 * of 127.0.0.1 with its own socket and pid file, and the s2svpn user and database. A test may kill, stop and start
 * it at will without touching the shared server on 3306 that other tests use. {@link #close()} (and a shutdown
 * hook, should the test never reach it) kills it and deletes its files.
 */
public final class PrivateMariaDb implements AutoCloseable {
    public static final String DATABASE = "s2svpn";
    public static final String USER = "s2svpn";
    public static final String PASSWORD = "s2svpn";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final Thread cleanup;
    private Process process;

    private PrivateMariaDb(Path dir, int port, boolean asRoot) {
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.cleanup = new Thread(this::destroy, "private-mariadb-cleanup");
    }

    /** Makes the data directory and starts the server; it answers the s2svpn user once this returns. */
    public static PrivateMariaDb start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("s2svpn-mariadb-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        PrivateMariaDb db = new PrivateMariaDb(dir, freePort(), asRoot);
        Runtime.getRuntime().addShutdownHook(db.cleanup);
        try {
            if (asRoot) {
                // mariadbd drops root for mysql, which must own the folder that holds its socket, pid file and log
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName("mysql"));
            }
            List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (asRoot) {
                install.add("--user=mysql");
            }
            run(install, dir.resolve("install.log"));
            // read at the first start only: the user and database the management server uses
            Path init = dir.resolve("init.sql");
            Files.writeString(init, "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n"
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';\n"
                    + "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';\n");
            db.launch(init);
            return db;
        } catch (IOException | InterruptedException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The management server's database: s2svpn on this server, over TCP. */
    public DatabaseConfig config() {
        return new DatabaseConfig(url(), USER, PASSWORD, 10);
    }

    public String url() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** kill -9: the harshest way a database goes away; InnoDB recovers the data directory at the next start. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean shutdown (SIGTERM), as a package upgrade or an operator's restart does it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mariadbd did not stop within 60 s; see " + dir.resolve("mariadbd.log"));
        }
    }

    /** Starts the server again on the same data directory and port; returns once it accepts the s2svpn user. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("mariadbd is still running");
        }
        launch(null);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void launch(Path initFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--socket=" + dir.resolve("mariadbd.sock"), "--pid-file=" + dir.resolve("mariadbd.pid"), "--bind-address=127.0.0.1",
                "--port=" + port, "--skip-name-resolve", "--innodb-buffer-pool-size=64M", "--log-error=" + dir.resolve("mariadbd.log")));
        if (asRoot) {
            command.add("--user=mysql");
        }
        if (initFile != null) {
            command.add("--init-file=" + initFile);
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url(), USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("mariadbd did not start on port " + port + ": " + e.getMessage() + "\n" + log());
                }
                Thread.sleep(100);
            }
        }
    }

    /** The last lines of the server's error log, for failure messages. */
    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("mariadbd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) destroy itself
        }
    }

    private void destroy() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
