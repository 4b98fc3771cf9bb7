package org.s2svpn.vpn.render;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A charon as a router runs it (systemvm-patches/bin/s2svpn-router's start_charon): in a network namespace the
 * test made, with a private mount namespace where its state dir's run/ is /run (so its pid file and sockets are
 * its own), configured by the routers' own strongswan.conf template. Needs root and the strongSwan packages.
 * {@link #close()} stops it and removes its namespace and files; a shutdown hook does the same if the JVM stops.
 */
final class TestCharon implements AutoCloseable {
    private static final Path CHARON = Path.of("/usr/lib/ipsec/charon");
    private static final Path TEMPLATE = Path.of("../../../systemvm-patches/etc/strongswan.conf.in");
    // swanctl looks for credentials in these folders beside the file it loads, and complains when they are missing.
    private static final List<String> CREDENTIAL_DIRS = List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac",
            "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12");

    final String namespace;
    final Path stateDir;
    private final Process charon;
    private final Thread hook;
    private boolean closed;

    /** Creates the namespace (run {@code setup} in it before charon starts) and starts charon. */
    static TestCharon start(String namespace, List<List<String>> setup) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHARON) || !Files.isExecutable(Path.of("/usr/sbin/swanctl"))) {
            fail("strongSwan's charon and swanctl are missing: run scripts/test-deps.sh (as root)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("a charon in a network namespace needs root");
        }
        return new TestCharon(namespace, setup);
    }

    private TestCharon(String namespace, List<List<String>> setup) throws IOException, InterruptedException {
        this.namespace = namespace;
        this.stateDir = Files.createTempDirectory("s2svpn-charon");
        this.hook = new Thread(this::close);
        Runtime.getRuntime().addShutdownHook(hook);
        Process started = null;
        try {
            Files.createDirectories(stateDir.resolve("run"));
            for (String dir : CREDENTIAL_DIRS) {
                Files.createDirectories(stateDir.resolve(dir));
            }
            Files.writeString(stateDir.resolve("strongswan.conf"), Files.readString(TEMPLATE, StandardCharsets.UTF_8)
                    .replace("@STATE_DIR@", stateDir.toString()), StandardCharsets.UTF_8);
            check(Commands.run("ip", "netns", "add", namespace));
            for (List<String> command : setup) {
                check(Commands.run(command.toArray(String[]::new)));
            }
            // ip, unshare and sh all exec, so the process is charon itself.
            ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", namespace, "unshare", "-m", "sh", "-c",
                    "mount --bind \"$1\" /run && exec \"$2\"", "sh", stateDir.resolve("run").toString(),
                    CHARON.toString()).redirectErrorStream(true).redirectOutput(stateDir.resolve("charon.out").toFile());
            pb.environment().put("STRONGSWAN_CONF", stateDir.resolve("strongswan.conf").toString());
            started = pb.start();
        } finally {
            this.charon = started;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (swanctl("--stats").exitCode() != 0) {
            if (!charon.isAlive() || System.nanoTime() > deadline) {
                String log = log();
                close();
                fail("charon did not come up in " + namespace + ": " + log);
            }
            Thread.sleep(100);
        }
    }

    Commands.Result swanctl(String... args) {
        List<String> command = new ArrayList<>(List.of("swanctl"));
        command.addAll(List.of(args));
        command.addAll(List.of("--uri", "unix://" + stateDir.resolve("charon.vici")));
        return Commands.run(Duration.ofSeconds(30),
                Map.of("STRONGSWAN_CONF", stateDir.resolve("strongswan.conf").toString()),
                command.toArray(String[]::new));
    }

    /** Writes the two sections and a swanctl.conf that includes them, as the router does; returns that file. */
    Path write(SwanctlConfig config) throws IOException {
        return write(List.of(config));
    }

    /**
     * Writes the sections of several routers, each pair in files of its own, and a swanctl.conf that includes them
     * all (strongSwan merges the sections of one name), so one load takes many routers' connections.
     */
    Path write(List<SwanctlConfig> configs) throws IOException {
        StringBuilder includes = new StringBuilder();
        for (int i = 0; i < configs.size(); i++) {
            String suffix = configs.size() == 1 ? "" : "-" + (i + 1);
            Path connections = stateDir.resolve("connections" + suffix + ".conf");
            Path secrets = stateDir.resolve("secrets" + suffix + ".conf");
            Files.writeString(connections, configs.get(i).connections(), StandardCharsets.UTF_8);
            Files.writeString(secrets, configs.get(i).secrets(), StandardCharsets.UTF_8);
            includes.append("include ").append(connections).append("\ninclude ").append(secrets).append('\n');
        }
        Path swanctlConf = stateDir.resolve("swanctl.conf");
        Files.writeString(swanctlConf, includes.toString(), StandardCharsets.UTF_8);
        return swanctlConf;
    }

    /** Exit 0 and not a word on stderr: swanctl reports a value it refused there, and on stdout as "failed". */
    void check(Commands.Result result) {
        if (result.exitCode() != 0 || !result.stderr().isEmpty() || result.stdout().contains("failed")) {
            fail(result + "\n--- charon log of " + namespace + ":\n" + log());
        }
    }

    String log() {
        try {
            Path log = stateDir.resolve("charon.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no charon.log)";
        } catch (IOException e) {
            return "(unreadable charon.log: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (charon != null && charon.isAlive()) {
                charon.destroy();
                if (!charon.waitFor(10, TimeUnit.SECONDS)) {
                    charon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            Commands.run("ip", "netns", "del", namespace);
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("cleaning up the test charon in " + namespace + " failed: " + e);
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already stopping
            }
        }
    }
}
