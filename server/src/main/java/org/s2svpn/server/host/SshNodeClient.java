package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Signal;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Runs commands on network nodes and writes files to them over SSH, as the management server's own key. One
 * authenticated session per node is kept and shared by every caller (a new one is opened when it died), because a
 * router timer that reconnects for each status read would spend more on key exchange than on the work.
 *
 * <p>Host keys are trusted on first use and remembered for the life of the process (see {@link KnownHostKeys}).
 * Standard input is never logged: it is how secrets reach a node.
 */
public final class SshNodeClient implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SshNodeClient.class);

    /** OpenSSH refuses more than MaxSessions (10 by default) channels on one connection; stay below it. */
    static final int MAX_CHANNELS_PER_NODE = 8;
    static final int KILL_AFTER_SECONDS = 2;
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}|[0-7]{4}");
    private static final int WRITE_CHUNK = 32 * 1024;
    private static final int OWNER_ONLY = 0600;
    // what MINA's ClientUserAuthService reports when the server accepted none of our keys
    private static final String NO_MORE_AUTH_METHODS = "No more authentication methods available";

    private final KeyPair identity;
    private final Duration connectTimeout;
    private final KnownHostKeys hostKeys = new KnownHostKeys();
    private final SshClient client;
    private final Map<NodeAddress, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    public SshNodeClient(KeyPair identity, Duration connectTimeout) {
        this.identity = requireNonNull(identity, "identity");
        this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // our key only: never ~/.ssh/config, ~/.ssh/id_*, an agent or a password
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, connectTimeout);
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, connectTimeout);
        // a node that vanished without closing TCP (power loss) would otherwise keep a dead session "open" for good
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        client.start();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ssh-node-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        watchdog = executor;
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} on the node and returns what it returned. {@code stdin} (may be
     * null: empty input) is sent and then closed. {@code timeout} bounds how long the command may run, and separately
     * how long it may wait for a free channel to the node; connecting is bounded by the connect timeout.
     *
     * <p>At the timeout this call gives up at once with a {@link NodeUnreachableException}, and the node kills the
     * command by itself: it runs under coreutils' {@code timeout}, which sends SIGTERM and, {@value #KILL_AFTER_SECONDS}
     * s later, SIGKILL. The kill cannot come from here: OpenSSH refuses "signal" requests in sessions of root (no
     * privilege separation), and closing the channel does not stop a command that writes nothing.
     */
    public ExecResult exec(NodeAddress node, String command, byte[] stdin, Duration timeout) {
        requireNonNull(node, "node");
        requireNonNull(command, "command");
        requirePositive(timeout, "timeout");
        if (command.isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        Connection connection = connection(node);
        connection.acquireChannel(timeout);
        try {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            long started = System.nanoTime();
            ChannelExec channel = connection.openChannel(session -> {
                ChannelExec opened = session.createExecChannel(underTimeout(command, timeout));
                opened.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
                opened.setOut(stdout);
                opened.setErr(stderr);
                try {
                    opened.open().verify(connectTimeout, CancelOption.CANCEL_ON_TIMEOUT);
                } catch (IOException | RuntimeException e) {
                    opened.close(true);
                    throw e;
                }
                return opened;
            });
            try {
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Math.max(1, timeout.toMillis()));
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    abandon(channel);
                    throw new NodeUnreachableException("network node " + node.hostAndPort() + " did not finish "
                            + commandName(command) + " within " + format(timeout) + "; it is being killed there");
                }
                int exitCode = exitCode(node, channel, command);
                LOG.debug("{} on {}: exit {} after {} ms", commandName(command), node.hostAndPort(), exitCode,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return new ExecResult(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
            } finally {
                channel.close(true);
            }
        } finally {
            connection.releaseChannel();
        }
    }

    /** {@link #upload(NodeAddress, String, byte[], String, Duration)} with {@link #DEFAULT_UPLOAD_TIMEOUT}. */
    public void upload(NodeAddress node, String remotePath, byte[] content, String octalMode) {
        upload(node, remotePath, content, octalMode, DEFAULT_UPLOAD_TIMEOUT);
    }

    /**
     * Writes {@code content} to {@code remotePath} with mode {@code octalMode} ("0600", "755"), replacing the file
     * atomically: the bytes go to a temporary file in the same directory, created readable by its owner only, which
     * gets its final mode and is then renamed over the target. A reader sees the old file or the new one, never half.
     * Failures of the node itself (no such directory, permission denied) are {@link UncheckedIOException}s.
     */
    public void upload(NodeAddress node, String remotePath, byte[] content, String octalMode, Duration timeout) {
        requireNonNull(node, "node");
        requireNonNull(content, "content");
        requirePositive(timeout, "timeout");
        String path = checkRemotePath(remotePath);
        int mode = parseMode(octalMode);
        String temporary = temporaryPath(path);
        Connection connection = connection(node);
        connection.acquireChannel(timeout);
        try {
            SftpClient sftp = connection.openChannel(session -> SftpClientFactory.instance().createSftpClient(session));
            AtomicBoolean timedOut = new AtomicBoolean();
            // an SFTP request waits for its answer up to the session's idle timeout (minutes): cut it short
            ScheduledFuture<?> guard = watchdog.schedule(() -> {
                timedOut.set(true);
                connection.discard(sftp.getClientSession());
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (sftp) {
                try {
                    write(sftp, temporary, content, mode);
                    rename(sftp, temporary, path);
                } catch (IOException e) {
                    removeQuietly(sftp, temporary);
                    throw e;
                }
                LOG.debug("wrote {} bytes to {}:{} (mode {})", content.length, node.hostAndPort(), path, octalMode);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new NodeUnreachableException("network node " + node.hostAndPort() + " did not finish writing "
                            + path + " within " + format(timeout), e);
                }
                if (e instanceof SftpException) {
                    throw new UncheckedIOException("network node " + node.hostAndPort() + " could not write " + path
                            + ": " + e.getMessage(), e);
                }
                throw new NodeUnreachableException("network node " + node.hostAndPort() + " failed while writing "
                        + path + ": " + e.getMessage(), e);
            } finally {
                guard.cancel(false);
            }
        } finally {
            connection.releaseChannel();
        }
    }

    @Override
    public void close() {
        closed = true;
        connections.values().forEach(Connection::close);
        connections.clear();
        watchdog.shutdownNow();
        client.stop();
    }

    private void write(SftpClient sftp, String temporary, byte[] content, int mode) throws IOException {
        if (!sftp.isOpen()) {
            throw new IOException("the SFTP channel closed");
        }
        try (CloseableHandle handle = sftp.open(temporary, EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Exclusive))) {
            // sftp-server creates the file 0666 & ~umask: narrow it before the content (maybe a secret) goes in
            sftp.setStat(handle, new Attributes().perms(OWNER_ONLY));
            for (int offset = 0; offset < content.length; offset += WRITE_CHUNK) {
                sftp.write(handle, offset, content, offset, Math.min(WRITE_CHUNK, content.length - offset));
            }
            sftp.setStat(handle, new Attributes().perms(mode));
            OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
            if (fsync != null && fsync.isSupported()) {
                fsync.fsync(handle); // the rename must not reach the disk before the bytes do
            }
        }
    }

    private static void rename(SftpClient sftp, String temporary, String path) throws IOException {
        OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (rename == null || !rename.isSupported()) {
            // plain SFTP rename refuses to replace an existing file
            throw new SftpException(SftpConstants.SSH_FX_OP_UNSUPPORTED, "the SFTP server lacks posix-rename@openssh.com");
        }
        rename.posixRename(temporary, path);
    }

    private static void removeQuietly(SftpClient sftp, String temporary) {
        try {
            if (sftp.isOpen()) {
                sftp.remove(temporary);
            }
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", temporary, e.getMessage());
        }
    }

    private Connection connection(NodeAddress node) {
        if (closed) {
            throw new IllegalStateException("the SSH client to network nodes is closed");
        }
        return connections.computeIfAbsent(node, Connection::new);
    }

    /** Closes the channel of a command that outlived its timeout; its timeout(1) wrapper kills it on the node. */
    private void abandon(ChannelExec channel) {
        // gracefully, and briefly: sshd frees the channel only when told, and OpenSSH allows ten per connection
        channel.close(false).awaitUninterruptibly(Math.min(1000, connectTimeout.toMillis()));
    }

    /**
     * The command as the node runs it: under timeout(1), started at least as late as this client's clock, so the
     * client always gives up first and an exit status of 124 from a finished command is the command's own.
     */
    static String underTimeout(String command, Duration timeout) {
        if (command.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the command contains a NUL character");
        }
        long millis = timeout.toMillis();
        return "exec timeout -k " + KILL_AFTER_SECONDS + " " + millis / 1000 + "." + String.format("%03d", millis % 1000)
                + " /bin/sh -c '" + command.replace("'", "'\\''") + "'";
    }

    private static int exitCode(NodeAddress node, ChannelExec channel, String command) {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            Signal known = Signal.get(signal);
            return 128 + (known == null ? 0 : known.getNumeric()); // as a shell reports a command killed by a signal
        }
        throw new NodeUnreachableException("network node " + node.hostAndPort() + " closed the connection before "
                + commandName(command) + " finished");
    }

    private ClientSession connect(NodeAddress node) {
        ClientSession session = null;
        try {
            session = client.connect(node.username(), node.host(), node.port(), KnownHostKeys.contextFor(node))
                    .verify(connectTimeout, CancelOption.CANCEL_ON_TIMEOUT)
                    .getSession();
            session.addPublicKeyIdentity(identity);
            session.auth().verify(connectTimeout, CancelOption.CANCEL_ON_TIMEOUT);
            LOG.info("connected to network node {} as {}", node.hostAndPort(), node.username());
            return session;
        } catch (IOException | UnresolvedAddressException e) {
            boolean connected = session != null;
            if (session != null) {
                session.close(true);
            }
            NodeUnreachableException failure = connectFailure(node, e, connected);
            LOG.warn(failure.getMessage());
            throw failure;
        }
    }

    private NodeUnreachableException connectFailure(NodeAddress node, Exception e, boolean connected) {
        String refusal = hostKeys.takeRefusal(node).orElse(null);
        if (refusal != null) {
            return new NodeUnreachableException(refusal, e);
        }
        String prefix = "network node " + node.hostAndPort();
        if (has(e, TimeoutException.class) || has(e, SocketTimeoutException.class)) {
            return new NodeUnreachableException(prefix + " did not answer within " + format(connectTimeout), e);
        }
        if (has(e, ConnectException.class)) {
            return new NodeUnreachableException(prefix + " unreachable: connection refused", e);
        }
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            return new NodeUnreachableException(prefix + " unreachable: unknown host " + node.host(), e);
        }
        if (has(e, NoRouteToHostException.class)) {
            return new NodeUnreachableException(prefix + " unreachable: no route to host", e);
        }
        if (hasMessage(e, NO_MORE_AUTH_METHODS)) {
            return new NodeUnreachableException(prefix + " refused our key for user " + node.username()
                    + " (is the management server's public key in its authorized_keys?)", e);
        }
        if (connected) {
            return new NodeUnreachableException("SSH handshake with network node " + node.hostAndPort() + " failed: "
                    + rootMessage(e), e);
        }
        return new NodeUnreachableException(prefix + " unreachable: " + rootMessage(e), e);
    }

    private static boolean hasMessage(Throwable e, String fragment) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String temporaryPath(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".s2svpn-"
                + HexFormat.of().formatHex(randomBytes(6)) + ".tmp";
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String checkRemotePath(String path) {
        requireNonNull(path, "remotePath");
        if (!path.startsWith("/") || path.endsWith("/") || path.indexOf('\0') >= 0
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("remote path must be an absolute path to a file: '" + path + "'");
        }
        return path;
    }

    static int parseMode(String octalMode) {
        requireNonNull(octalMode, "octalMode");
        if (!OCTAL_MODE.matcher(octalMode).matches()) {
            throw new IllegalArgumentException("file mode must be octal, as 0644: '" + octalMode + "'");
        }
        return Integer.parseInt(octalMode, 8);
    }

    /** The program a command runs, for messages: the rest may be long, and is the caller's business. */
    private static String commandName(String command) {
        String first = command.strip().split("\\s+", 2)[0];
        return "'" + (first.length() > 60 ? first.substring(0, 60) + "..." : first) + "'";
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Duration requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    @FunctionalInterface
    private interface ChannelOpener<T> {
        T open(ClientSession session) throws IOException;
    }

    /** The shared session to one node, and the bound on how many channels run on it at once. */
    private final class Connection {
        private final NodeAddress node;
        private final Semaphore channels = new Semaphore(MAX_CHANNELS_PER_NODE, true);
        private ClientSession session; // guarded by this

        Connection(NodeAddress node) {
            this.node = node;
        }

        void acquireChannel(Duration timeout) {
            try {
                if (!channels.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new NodeUnreachableException("network node " + node.hostAndPort() + " is busy: "
                            + MAX_CHANNELS_PER_NODE + " commands ran on it for " + format(timeout) + " and none finished");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeUnreachableException("interrupted while waiting for a channel to network node " + node.hostAndPort(), e);
            }
        }

        void releaseChannel() {
            channels.release();
        }

        synchronized ClientSession session() {
            if (session != null && session.isOpen() && session.isAuthenticated()) {
                return session;
            }
            if (closed) {
                throw new IllegalStateException("the SSH client to network nodes is closed");
            }
            if (session != null) {
                LOG.info("session to network node {} was closed; reconnecting", node.hostAndPort());
                session.close(true);
            }
            session = null;
            session = connect(node);
            return session;
        }

        /**
         * Opens a channel on the shared session. If the node had closed that session (restarted sshd, rebooted)
         * nothing was started yet, so one new session is tried. A channel that sshd refused is tried again for up to
         * the connect timeout: sshd counts a channel against MaxSessions until it has read our close, a moment after
         * this side let its slot go. A channel that a live session did not open in time means the session is stuck;
         * it is dropped so that the next call connects afresh.
         */
        <T> T openChannel(ChannelOpener<T> opener) {
            long deadline = System.nanoTime() + connectTimeout.toNanos();
            boolean reconnected = false;
            for (long backoffMillis = 10; ; backoffMillis = Math.min(2 * backoffMillis, 500)) {
                ClientSession current = session();
                try {
                    return opener.open(current);
                } catch (IOException | RuntimeException e) {
                    if (has(e, TimeoutException.class)) {
                        discard(current);
                        throw new NodeUnreachableException("network node " + node.hostAndPort()
                                + " did not open a channel within " + format(connectTimeout), e);
                    }
                    if (!current.isOpen() && !reconnected) {
                        discard(current);
                        reconnected = true;
                    } else if (has(e, SshChannelOpenException.class)
                            && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) < deadline) {
                        pause(backoffMillis);
                    } else {
                        throw failure(e);
                    }
                }
            }
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeUnreachableException("interrupted while opening a channel to network node " + node.hostAndPort(), e);
            }
        }

        private RuntimeException failure(Exception e) {
            if (e instanceof NodeUnreachableException unreachable) {
                return unreachable;
            }
            return new NodeUnreachableException("network node " + node.hostAndPort() + " did not open a channel: " + e.getMessage(), e);
        }

        synchronized void discard(ClientSession dead) {
            if (session == dead) {
                session = null;
            }
            dead.close(true);
        }

        synchronized void close() {
            if (session != null) {
                session.close(true);
                session = null;
            }
        }
    }
}
