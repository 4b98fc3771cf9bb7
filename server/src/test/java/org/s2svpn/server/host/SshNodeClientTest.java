package org.s2svpn.server.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class SshNodeClientTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KeyPair key;
    private LocalSshd sshd;
    private SshNodeClient client;

    @Before
    public void startSshd() throws Exception {
        key = newKey();
        sshd = LocalSshd.start(authorizedKeyLine(key));
        client = new SshNodeClient(key, CONNECT_TIMEOUT);
    }

    @After
    public void stopSshd() throws Exception {
        client.close();
        sshd.close();
    }

    @Test
    public void execReturnsExitCodeStdoutAndStderr() {
        ExecResult result = client.exec(sshd.address(), "echo 'out é'; echo err >&2; exit 3", null, TIMEOUT);

        assertEquals(new ExecResult(3, "out é\n", "err\n"), result);
        assertFalse(result.succeeded());
    }

    @Test
    public void execRunsAsTheNodeUser() {
        assertEquals(new ExecResult(0, "0\n", ""), client.exec(sshd.address(), "id -u", null, TIMEOUT));
    }

    @Test
    public void stdinReachesTheCommand() {
        byte[] input = "psk=s3cr3t\nline two\n".getBytes(UTF_8);

        ExecResult result = client.exec(sshd.address(), "cat", input, TIMEOUT);

        assertEquals(new ExecResult(0, "psk=s3cr3t\nline two\n", ""), result);
    }

    @Test
    public void largeStdinIsSentWhole() {
        byte[] input = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(input);

        ExecResult result = client.exec(sshd.address(), "sha256sum", input, TIMEOUT);

        assertEquals(sha256Hex(input) + "  -\n", result.stdout());
    }

    @Test
    public void noStdinIsEmptyInputNotAHang() {
        ExecResult result = client.exec(sshd.address(), "cat; echo done", null, TIMEOUT);

        assertEquals("done\n", result.stdout());
    }

    @Test
    public void commandKilledBySignalReportsShellStyleExitCode() {
        ExecResult killed = client.exec(sshd.address(), "kill -KILL $$", null, TIMEOUT);

        assertEquals(128 + 9, killed.exitCode());
    }

    @Test
    public void uploadWritesTheExactBytesWithTheMode() throws Exception {
        Path dir = Files.createDirectories(sshd.dir().resolve("etc"));
        byte[] content = new byte[200_000];
        new Random(2).nextBytes(content);
        Path target = dir.resolve("ipsec.secrets");

        client.upload(sshd.address(), target.toString(), content, "0640");

        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(target), listDir(dir));
    }

    @Test
    public void uploadOfAnEmptyFileAndAThreeDigitModeWork() throws Exception {
        Path target = sshd.dir().resolve("empty.sh");

        client.upload(sshd.address(), target.toString(), new byte[0], "755");

        assertEquals(0, Files.size(target));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    public void uploadReplacesAnExistingFileSoThatReadersSeeOldOrNewNeverHalf() throws Exception {
        Path target = sshd.dir().resolve("swanctl.conf");
        byte[] a = filled(300_000, 'a');
        byte[] b = filled(500_000, 'b');
        Files.write(target, a);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<Integer> reads = reader.submit(() -> {
            int count = 0;
            while (!done.get()) {
                byte[] seen = Files.readAllBytes(target);
                if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                    torn.add(seen.length + " bytes");
                }
                count++;
            }
            return count;
        });
        try {
            for (int i = 0; i < 10; i++) {
                client.upload(sshd.address(), target.toString(), i % 2 == 0 ? b : a, "0600");
            }
        } finally {
            done.set(true);
            reader.shutdown();
        }

        assertTrue("the reader ran", reads.get(10, TimeUnit.SECONDS) > 0);
        assertEquals(List.of(), List.copyOf(torn));
        assertArrayEquals(a, Files.readAllBytes(target));
        assertEquals(List.of(target), listDir(sshd.dir()).stream().filter(p -> p.getFileName().toString().contains("swanctl")).toList());
    }

    @Test
    public void uploadIntoAMissingDirectorySaysWhichPath() {
        String path = sshd.dir().resolve("no/such/dir/file").toString();
        try {
            client.upload(sshd.address(), path, new byte[] {1}, "0644");
            fail();
        } catch (java.io.UncheckedIOException e) {
            assertThat(e.getMessage(), containsString("could not write " + path));
        }
    }

    @Test
    public void aFailedUploadLeavesNoTemporaryFile() throws Exception {
        Path dir = Files.createDirectories(sshd.dir().resolve("conf"));
        Path target = Files.createDirectory(dir.resolve("occupied")); // a directory: the rename over it fails
        try {
            client.upload(sshd.address(), target.toString(), new byte[] {1, 2, 3}, "0644");
            fail();
        } catch (java.io.UncheckedIOException e) {
            assertThat(e.getMessage(), containsString("could not write " + target));
        }

        assertEquals(List.of(target), listDir(dir));
    }

    @Test
    public void commandStillRunningAtTheTimeoutIsKilledAndFailsPromptly() throws Exception {
        long started = System.nanoTime();
        try {
            client.exec(sshd.address(), "sleep 31.25", null, Duration.ofSeconds(1));
            fail();
        } catch (NodeUnreachableException e) {
            assertThat(e.getMessage(), containsString("network node " + sshd.address().hostAndPort() + " did not finish 'sleep' within 1 s; it is being killed there"));
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue("failed after " + elapsed + " ms", elapsed < 2500);
        assertTrue("the remote sleep was killed", awaitNoProcess("sleep 31.25", Duration.ofSeconds(3)));
        // and the session is still good for the next command
        assertEquals("ok\n", client.exec(sshd.address(), "echo ok", null, TIMEOUT).stdout());
    }

    @Test
    public void unusedPortFailsAsUnreachableWithinTheConnectTimeout() throws Exception {
        NodeAddress nobody = new NodeAddress("127.0.0.1", LocalSshd.freePort(), "root");
        long started = System.nanoTime();
        try {
            client.exec(nobody, "true", null, TIMEOUT);
            fail();
        } catch (NodeUnreachableException e) {
            assertEquals("network node " + nobody.hostAndPort() + " unreachable: connection refused", e.getMessage());
        }
        assertTrue(System.nanoTime() - started < CONNECT_TIMEOUT.toNanos());
    }

    @Test
    public void unknownHostFailsAsUnreachable() {
        NodeAddress nowhere = new NodeAddress("no-such-node.invalid", 22, "root");
        try {
            client.exec(nowhere, "true", null, TIMEOUT);
            fail();
        } catch (NodeUnreachableException e) {
            assertEquals("network node no-such-node.invalid:22 unreachable: unknown host no-such-node.invalid", e.getMessage());
        }
    }

    @Test
    public void silentPeerFailsWithinTheConnectTimeout() throws Exception {
        // accepts TCP, never says a word: a hung sshd
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                SshNodeClient impatient = new SshNodeClient(key, Duration.ofSeconds(1))) {
            NodeAddress node = new NodeAddress("127.0.0.1", silent.getLocalPort(), "root");
            long started = System.nanoTime();
            try {
                impatient.exec(node, "true", null, TIMEOUT);
                fail();
            } catch (NodeUnreachableException e) {
                assertEquals("network node " + node.hostAndPort() + " did not answer within 1 s", e.getMessage());
            }
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos());
        }
    }

    @Test
    public void keyNotInAuthorizedKeysFailsWithAClearAuthError() throws Exception {
        try (SshNodeClient stranger = new SshNodeClient(newKey(), CONNECT_TIMEOUT)) {
            stranger.exec(sshd.address(), "true", null, TIMEOUT);
            fail();
        } catch (NodeUnreachableException e) {
            assertThat(e.getMessage(), containsString("network node " + sshd.address().hostAndPort() + " refused our key for user root"));
        }
    }

    @Test
    public void oneSessionServesManyCalls() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(i + "\n", client.exec(sshd.address(), "echo " + i, null, TIMEOUT).stdout());
        }
        client.upload(sshd.address(), sshd.dir().resolve("f").toString(), new byte[] {1}, "0600");

        assertEquals(1, sshd.countLogLines("Accepted publickey"));
    }

    @Test
    public void concurrentCallsShareOneSessionBeyondOpenSshsChannelLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ExecResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String command = "sleep 0.2; echo " + i;
                results.add(pool.submit(() -> client.exec(sshd.address(), command, null, TIMEOUT)));
            }
            for (int i = 0; i < 32; i++) {
                assertEquals(i + "\n", results.get(i).get(30, TimeUnit.SECONDS).stdout());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sshd.countLogLines("Accepted publickey"));
    }

    @Test
    public void aSessionTheNodeDroppedIsReplacedOnTheNextCall() throws Exception {
        client.exec(sshd.address(), "true", null, TIMEOUT);
        dropSession();

        assertEquals("back\n", client.exec(sshd.address(), "echo back", null, TIMEOUT).stdout());
        assertEquals(2, sshd.countLogLines("Accepted publickey"));
    }

    @Test
    public void aChangedHostKeyIsRefused() throws Exception {
        client.exec(sshd.address(), "true", null, TIMEOUT);
        dropSession();
        int port = sshd.port();
        sshd.close();
        sshd = LocalSshd.start(authorizedKeyLine(key), port); // same address, new host key

        try {
            client.exec(sshd.address(), "true", null, TIMEOUT);
            fail();
        } catch (NodeUnreachableException e) {
            assertThat(e.getMessage(), containsString("network node 127.0.0.1:" + port + " presented host key SHA256:"));
            assertThat(e.getMessage(), containsString("refusing to connect"));
        }
        assertEquals(0, sshd.countLogLines("Accepted publickey"));
    }

    @Test
    public void rejectsBadArguments() {
        assertInvalid(() -> client.upload(sshd.address(), "relative/path", new byte[0], "0644"));
        assertInvalid(() -> client.upload(sshd.address(), "/etc/", new byte[0], "0644"));
        assertInvalid(() -> client.upload(sshd.address(), "/tmp/x", new byte[0], "rw-r--r--"));
        assertInvalid(() -> client.upload(sshd.address(), "/tmp/x", new byte[0], "0999"));
        assertInvalid(() -> client.exec(sshd.address(), " ", null, TIMEOUT));
        assertInvalid(() -> client.exec(sshd.address(), "true", null, Duration.ZERO));
        assertInvalid(() -> new NodeAddress("-oProxyCommand=x", 22, "root"));
        assertInvalid(() -> new NodeAddress("10.0.0.1", 0, "root"));
        assertInvalid(() -> new NodeAddress("10.0.0.1", 22, "ro ot"));
    }

    private void dropSession() throws Exception {
        sshd.dropConnections();
        Thread.sleep(200); // for the client to hear of it
    }

    private static void assertInvalid(Runnable call) {
        try {
            call.run();
            fail("accepted");
        } catch (IllegalArgumentException expected) {
            // as it should
        }
    }

    private static boolean awaitNoProcess(String commandLine, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process pgrep = new ProcessBuilder("pgrep", "-f", commandLine).start();
            if (pgrep.waitFor() == 1) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<Path> listDir(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String authorizedKeyLine(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic()) + " test";
    }
}
