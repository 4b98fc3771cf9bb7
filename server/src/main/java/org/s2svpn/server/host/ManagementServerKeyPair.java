package org.s2svpn.server.host;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.s2svpn.framework.crypto.Encryptor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The management server's own SSH key pair, with which it logs in to network nodes. Created at first use and kept
 * in the {@code configuration} table as CloudStack keeps its own: {@code ssh.publickey} (an authorized_keys line) and
 * {@code ssh.privatekey} (PKCS#8 PEM, encrypted), category "Hidden", so every management server on one database
 * uses the same key and a node needs to trust only one.
 */
public final class ManagementServerKeyPair {
    private static final Logger LOG = LogManager.getLogger(ManagementServerKeyPair.class);

    static final String PUBLIC_KEY = "ssh.publickey";
    static final String PRIVATE_KEY = "ssh.privatekey";
    private static final String CATEGORY = "Hidden";
    private static final String COMMENT = "s2svpn-management-server";
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final KeyPair keyPair;
    private final String publicKeyLine;

    private ManagementServerKeyPair(KeyPair keyPair, String publicKeyLine) {
        this.keyPair = keyPair;
        this.publicKeyLine = publicKeyLine;
    }

    /**
     * Reads the stored key pair, or creates and stores one. Servers starting together on one database race to
     * insert both rows in one statement; the losers read the winner's key.
     */
    public static ManagementServerKeyPair loadOrCreate(JdbcClient jdbc, Encryptor encryptor) {
        requireNonNull(jdbc, "jdbc");
        requireNonNull(encryptor, "encryptor");
        Optional<ManagementServerKeyPair> stored = load(jdbc, encryptor);
        if (stored.isPresent()) {
            return stored.get();
        }
        KeyPair generated = generate();
        String publicLine = PublicKeyEntry.toString(generated.getPublic()) + " " + COMMENT;
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        try {
            // one statement, so that no server ever sees one row of the pair without the other
            jdbc.sql("INSERT INTO configuration (name, category, value, default_value, description, updated)"
                            + " VALUES (?, ?, ?, NULL, ?, ?), (?, ?, ?, NULL, ?, ?)")
                    .params(PUBLIC_KEY, CATEGORY, publicLine,
                            "Public key of the management server; network nodes accept it in root's authorized_keys", now,
                            PRIVATE_KEY, CATEGORY, encryptor.encrypt(toPem(generated.getPrivate())),
                            "Private key of the management server for SSH to network nodes (encrypted)", now)
                    .update();
            LOG.info("created the management server's SSH key {}", KeyUtils.getFingerPrint(generated.getPublic()));
        } catch (DataIntegrityViolationException e) {
            LOG.info("another management server stored its SSH key first; using that one");
        }
        return load(jdbc, encryptor).orElseThrow(() -> new IllegalStateException(
                "the management server's SSH key could be neither stored nor read in the configuration table"));
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The line to put in a node's authorized_keys: "ecdsa-sha2-nistp256 AAAA... s2svpn-management-server". */
    public String publicKeyLine() {
        return publicKeyLine;
    }

    private static Optional<ManagementServerKeyPair> load(JdbcClient jdbc, Encryptor encryptor) {
        Map<String, String> rows = jdbc.sql("SELECT name, value FROM configuration WHERE name IN (?, ?) AND value IS NOT NULL")
                .params(PUBLIC_KEY, PRIVATE_KEY)
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getString("value")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.size() != 2) {
            String missing = rows.containsKey(PUBLIC_KEY) ? PRIVATE_KEY : PUBLIC_KEY;
            throw new IllegalStateException("the configuration table has no " + missing + " for the management server's"
                    + " SSH key pair; delete both " + PUBLIC_KEY + " and " + PRIVATE_KEY + " rows to create a new key pair");
        }
        String publicLine = rows.get(PUBLIC_KEY).strip();
        try {
            PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(publicLine).resolvePublicKey(null, null, null);
            PrivateKey privateKey = KeyFactory.getInstance(publicKey.getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(fromPem(encryptor.decrypt(rows.get(PRIVATE_KEY)))));
            KeyPair pair = new KeyPair(publicKey, privateKey);
            requireMatching(pair);
            return Optional.of(new ManagementServerKeyPair(pair, publicLine));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the management server's SSH key pair in the configuration table is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /** ECDSA P-256: in every JDK without extra providers, and accepted by OpenSSH's default configuration. */
    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot create ECDSA P-256 keys", e);
        }
    }

    // rows written by hand or by two different servers must not give a public key the private key does not match
    private static void requireMatching(KeyPair pair) throws GeneralSecurityException {
        String algorithm = "EC".equals(pair.getPublic().getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + pair.getPublic().getAlgorithm();
        byte[] probe = "s2svpn key pair check".getBytes(US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(PUBLIC_KEY + " and " + PRIVATE_KEY + " are not one key pair");
        }
    }

    private static String toPem(PrivateKey key) {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(key.getEncoded())
                + "\n" + PEM_END + "\n";
    }

    private static byte[] fromPem(String pem) {
        String text = pem.strip();
        if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
            throw new IllegalArgumentException(PRIVATE_KEY + " is not a PKCS#8 PEM private key");
        }
        return Base64.getMimeDecoder().decode(text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length()));
    }
}
