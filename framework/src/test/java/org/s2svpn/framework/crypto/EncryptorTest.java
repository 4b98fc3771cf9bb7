package org.s2svpn.framework.crypto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Secrets kept in the database: readable only with the key they were encrypted with, and never twice the same. */
public class EncryptorTest {

    private static final String SECRET = "pre-shared key: s3cr3t/+= ü €";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final Encryptor encryptor = new Encryptor(randomKey());

    @Test
    public void encryptedTextDecryptsToTheOriginal() {
        String stored = encryptor.encrypt(SECRET);

        assertEquals(SECRET, encryptor.decrypt(stored));
    }

    @Test
    public void encryptedTextIsMarkedAndDoesNotContainThePlainText() {
        String stored = encryptor.encrypt(SECRET);

        assertTrue(stored, stored.startsWith("gcm1:"));
        assertFalse(stored, stored.contains("s3cr3t"));
    }

    @Test
    public void emptyTextRoundTrips() {
        assertEquals("", encryptor.decrypt(encryptor.encrypt("")));
    }

    @Test
    public void nullStaysNull() {
        assertNull(encryptor.encrypt(null));
        assertNull(encryptor.decrypt(null));
    }

    @Test
    public void twoEncryptionsOfTheSameTextDiffer() {
        String first = encryptor.encrypt(SECRET);
        String second = encryptor.encrypt(SECRET);

        assertNotEquals(first, second);
        assertEquals(SECRET, encryptor.decrypt(first));
        assertEquals(SECRET, encryptor.decrypt(second));
    }

    @Test
    public void anotherKeyCannotDecrypt() {
        String stored = encryptor.encrypt(SECRET);

        assertThrows(IllegalStateException.class, () -> new Encryptor(randomKey()).decrypt(stored));
    }

    @Test
    public void tamperedValueIsRefused() {
        String stored = encryptor.encrypt(SECRET);
        byte[] raw = Base64.getDecoder().decode(stored.substring("gcm1:".length()));
        for (int i : new int[] {0, 12, raw.length - 1}) { // nonce, ciphertext, tag
            byte[] tampered = raw.clone();
            tampered[i] ^= 1;
            String value = "gcm1:" + Base64.getEncoder().encodeToString(tampered);

            assertThrows("byte " + i, IllegalStateException.class, () -> encryptor.decrypt(value));
        }
    }

    @Test
    public void truncatedValueIsRefused() {
        String stored = encryptor.encrypt(SECRET);
        byte[] raw = Base64.getDecoder().decode(stored.substring("gcm1:".length()));
        for (int length : new int[] {raw.length - 1, 20, 12, 4, 0}) {
            byte[] cut = Arrays.copyOf(raw, length);
            String value = "gcm1:" + Base64.getEncoder().encodeToString(cut);

            assertThrows("length " + length, RuntimeException.class, () -> encryptor.decrypt(value));
        }
    }

    @Test
    public void aRefusedValueLeavesTheEncryptorWorking() {
        String stored = encryptor.encrypt(SECRET);

        assertThrows(IllegalStateException.class, () -> encryptor.decrypt(stored.substring(0, stored.length() - 4) + "AAAA"));
        assertEquals(SECRET, encryptor.decrypt(stored));
        assertEquals(SECRET, encryptor.decrypt(encryptor.encrypt(SECRET)));
    }

    @Test
    public void threadsEncryptAndDecryptAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String prefix = SECRET + " thread " + t + " ";
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        assertEquals(prefix + i, encryptor.decrypt(encryptor.encrypt(prefix + i)));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void plainTextIsNotTakenForAnEncryptedValue() {
        assertThrows(IllegalArgumentException.class, () -> encryptor.decrypt(SECRET));
    }

    @Test
    public void keyMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new Encryptor(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new Encryptor(new byte[33]));
    }

    @Test
    public void keyFileIsCreatedReadableOnlyByItsOwner() throws Exception {
        Path file = temp.getRoot().toPath().resolve("conf").resolve("db.key");

        Encryptor.fromKeyFile(file);

        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
    }

    @Test
    public void keyFileIsReusedOnTheNextStart() throws Exception {
        Path file = temp.getRoot().toPath().resolve("db.key");
        String stored = Encryptor.fromKeyFile(file).encrypt(SECRET);
        String keyText = Files.readString(file);

        Encryptor restarted = Encryptor.fromKeyFile(file);

        assertEquals(SECRET, restarted.decrypt(stored));
        assertEquals("the key file is not rewritten", keyText, Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void existingKeyFileIsUsed() throws Exception {
        byte[] key = randomKey();
        Path file = temp.getRoot().toPath().resolve("given.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");

        assertEquals(SECRET, Encryptor.fromKeyFile(file).decrypt(new Encryptor(key).encrypt(SECRET)));
    }

    @Test
    public void creatingTheKeyFileLeavesNoTemporaryFileBehind() throws Exception {
        Path dir = temp.newFolder("keys").toPath();

        Encryptor.fromKeyFile(dir.resolve("db.key"));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("db.key")), files.toList());
        }
    }
}
