package org.s2svpn.server.host;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.s2svpn.framework.crypto.Encryptor;
import org.s2svpn.setupdb.DatabaseConfig;
import org.s2svpn.setupdb.Databases;
import org.springframework.jdbc.core.simple.JdbcClient;

public class ManagementServerKeyPairTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private Encryptor encryptor;

    @Before
    public void createDatabase() {
        String url = DatabaseConfig.h2Url("mem:k" + DATABASES.incrementAndGet()) + ";DB_CLOSE_DELAY=-1";
        dataSource = Databases.open(new DatabaseConfig(url, "sa", "", 8));
        Databases.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        encryptor = new Encryptor(key);
    }

    @After
    public void dropDatabase() {
        jdbc.sql("SHUTDOWN").update();
        dataSource.close();
    }

    @Test
    public void loadOrCreateTwiceReturnsTheSameKey() {
        ManagementServerKeyPair first = ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);
        ManagementServerKeyPair second = ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);

        assertEquals(first.publicKeyLine(), second.publicKeyLine());
        assertArrayEquals(first.keyPair().getPublic().getEncoded(), second.keyPair().getPublic().getEncoded());
        assertArrayEquals(first.keyPair().getPrivate().getEncoded(), second.keyPair().getPrivate().getEncoded());
    }

    @Test
    public void serversStartingTogetherEndUpWithOneKeyPair() throws Exception {
        int servers = 8;
        CyclicBarrier start = new CyclicBarrier(servers);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<ManagementServerKeyPair>> results = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);
                }));
            }
            Set<String> publicKeys = new HashSet<>();
            Set<String> privateKeys = new HashSet<>();
            for (Future<ManagementServerKeyPair> result : results) {
                ManagementServerKeyPair pair = result.get(30, TimeUnit.SECONDS);
                publicKeys.add(pair.publicKeyLine());
                privateKeys.add(Base64.getEncoder().encodeToString(pair.keyPair().getPrivate().getEncoded()));
            }
            assertEquals(1, publicKeys.size());
            assertEquals(1, privateKeys.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.valueOf(2), jdbc.sql("SELECT COUNT(*) FROM configuration WHERE name LIKE 'ssh.%'").query(Integer.class).single());
    }

    @Test
    public void keysAreHiddenSettingsAndThePrivateKeyIsNotStoredInPlaintext() {
        ManagementServerKeyPair pair = ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);

        String storedPrivate = value("ssh.privatekey");
        assertTrue(storedPrivate.startsWith("gcm1:"));
        assertFalse(storedPrivate.contains("PRIVATE KEY"));
        String der = Base64.getEncoder().encodeToString(pair.keyPair().getPrivate().getEncoded());
        assertFalse(storedPrivate.contains(der.substring(0, 32)));
        assertThat(encryptor.decrypt(storedPrivate), containsString("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(pair.publicKeyLine(), value("ssh.publickey"));
        assertEquals(List.of("Hidden", "Hidden"),
                jdbc.sql("SELECT category FROM configuration WHERE name IN ('ssh.publickey', 'ssh.privatekey')").query(String.class).list());
    }

    @Test
    public void publicKeyLineIsAnOpenSshAuthorizedKeysLine() {
        String line = ManagementServerKeyPair.loadOrCreate(jdbc, encryptor).publicKeyLine();

        assertTrue(line, line.matches("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY[A-Za-z0-9+/]+=* s2svpn-management-server"));
    }

    @Test
    public void theKeyLogsInToDebiansOpenSsh() throws Exception {
        ManagementServerKeyPair pair = ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);

        try (LocalSshd sshd = LocalSshd.start(pair.publicKeyLine());
                SshNodeClient client = new SshNodeClient(ManagementServerKeyPair.loadOrCreate(jdbc, encryptor).keyPair(), Duration.ofSeconds(5))) {
            assertEquals(new ExecResult(0, "0\n", ""), client.exec(sshd.address(), "id -u", null, Duration.ofSeconds(10)));
        }
    }

    @Test
    public void aHalfStoredPairIsReportedNotReplaced() {
        jdbc.sql("INSERT INTO configuration (name, category, value) VALUES ('ssh.publickey', 'Hidden', 'ecdsa-sha2-nistp256 AAAA x')").update();
        try {
            ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);
            fail();
        } catch (IllegalStateException e) {
            assertThat(e.getMessage(), containsString("no ssh.privatekey"));
        }
    }

    @Test
    public void aPrivateKeyEncryptedWithAnotherKeyIsAClearError() {
        ManagementServerKeyPair.loadOrCreate(jdbc, encryptor);
        try {
            ManagementServerKeyPair.loadOrCreate(jdbc, new Encryptor(new byte[32]));
            fail();
        } catch (IllegalStateException e) {
            assertThat(e.getMessage(), containsString("could not be decrypted"));
        }
    }

    private String value(String name) {
        return jdbc.sql("SELECT value FROM configuration WHERE name = ?").param(name).query(String.class).single();
    }
}
