package org.s2svpn.server.host;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real OpenSSH server on 127.0.0.1 and a free port, with its own host key and an authorized_keys file
 * holding the given public key line, everything under a temporary directory. Root may log in by key only.
 * Needs the openssh-server package and root.
 */
public final class LocalSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static LocalSshd start(String authorizedKeyLine) throws IOException, InterruptedException {
        return start(authorizedKeyLine, freePort());
    }

    public static LocalSshd start(String authorizedKeyLine, int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install the openssh-server package");
        }
        // sshd's privilege separation directory; the package's init script would create it
        Files.createDirectories(Path.of("/run/sshd"));
        Path dir = Files.createTempDirectory("s2svpn-sshd");
        // ECDSA, as Debian generates next to Ed25519: MINA verifies Ed25519 only with net.i2p or BouncyCastle present
        Path hostKey = dir.resolve("ssh_host_ecdsa_key");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "s2svpn-test-host", "-f", hostKey.toString()));
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.writeString(authorizedKeys, authorizedKeyLine + "\n");
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PrintMotd no",
                "LogLevel INFO",
                "Subsystem sftp internal-sftp",
                // Debian's bash reads ~/.bashrc under sshd unless SHLVL says it is nested; root's here may carry slow
                // developer tooling, which a network node's does not
                "SetEnv SHLVL=1",
                ""));
        Path log = dir.resolve("sshd.log");
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalSshd sshd = new LocalSshd(dir, port, process);
        sshd.awaitLog("Server listening on 127.0.0.1 port " + port, Duration.ofSeconds(10));
        return sshd;
    }

    NodeAddress address() {
        return new NodeAddress("127.0.0.1", port, "root");
    }

    public int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"), UTF_8);
    }

    long countLogLines(String fragment) throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("sshd.log"), UTF_8)) {
            return lines.filter(line -> line.contains(fragment)).count();
        }
    }

    void awaitLog(String fragment, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (countLogLines(fragment) == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sshd did not log '" + fragment + "' within " + timeout + ":\n" + log());
            }
            Thread.sleep(20);
        }
    }

    /** Kills the per-connection sshd processes, as a node restarting sshd or rebooting would end them. */
    void dropConnections() throws InterruptedException {
        for (ProcessHandle connection : process.toHandle().children().toList()) {
            connection.destroyForcibly();
            connection.onExit().join();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        dropConnections();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
