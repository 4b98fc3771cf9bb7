package org.s2svpn.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The management server as a user runs it: {@code java -jar client/target/s2svpn.jar run}, in its own process. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dataDir;

    private ServerProcess(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts the jar on a free port with the given database and waits until its API answers. */
    public static ServerProcess start(Path dataDir, TestDatabase database) throws Exception {
        return start(dataDir, database, "-Xmx256m");
    }

    /**
     * The same with the given JVM options (a heap size, for a benchmark), then those of -Dbench.serverJvmOptions
     * (space-separated, e.g. a flight recording of the server: -XX:StartFlightRecording=filename=/tmp/s.jfr).
     */
    public static ServerProcess start(Path dataDir, TestDatabase database, String... jvmOptions) throws Exception {
        Path jar = Path.of(System.getProperty("s2svpn.jar", "../client/target/s2svpn.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the client module builds it (mvn package)");
        }
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        String extra = System.getProperty("bench.serverJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "run", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        if (database.mysqlName() != null) {
            env.put("S2SVPN_DB_URL", database.config().url());
            env.put("S2SVPN_DB_USERNAME", database.config().username());
            env.put("S2SVPN_DB_PASSWORD", database.config().password());
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("stdout.log").toFile()));
        ServerProcess server = new ServerProcess(builder.start(), port, dataDir);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                        + Files.readString(dataDir.resolve("stdout.log")));
            }
            try {
                if (new ApiClient(endpoint(), "", "").sendRaw("GET", "command=listZones&response=json").status() == 401) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused until Jetty listens
            }
            ApiClient.sleep(200);
        }
        throw new IllegalStateException("the server did not answer within 60 s");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port + "/client/api";
    }

    public ApiClient admin() throws IOException {
        Map<String, String> keys = TestServer.readKeys(dataDir.resolve("admin.keys"));
        return new ApiClient(endpoint(), keys.get("apikey"), keys.get("secretkey"));
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or finished. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
