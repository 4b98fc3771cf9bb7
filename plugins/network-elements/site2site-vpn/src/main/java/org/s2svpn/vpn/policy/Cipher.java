package org.s2svpn.vpn.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The encryption algorithms a policy may name, spelled as in CloudStack's grammar (and strongSwan's). */
public enum Cipher {
    TRIPLE_DES("3des", false),
    AES128("aes128", false),
    AES192("aes192", false),
    AES256("aes256", false),
    // AES-GCM with a 16-byte ICV: the one GCM variant every IKEv2 implementation is required to offer.
    AES128GCM16("aes128gcm16", true),
    AES256GCM16("aes256gcm16", true);

    private final String token;
    private final boolean aead;

    Cipher(String token, boolean aead) {
        this.token = token;
        this.aead = aead;
    }

    public String token() {
        return token;
    }

    /**
     * True for authenticated encryption: such a cipher protects integrity itself, so in IKE the policy's hash only
     * serves as the PRF, and in ESP there is no separate integrity algorithm.
     */
    public boolean isAead() {
        return aead;
    }

    public static Optional<Cipher> fromToken(String token) {
        return Arrays.stream(values()).filter(c -> c.token.equals(token)).findFirst();
    }

    static String tokens() {
        return Arrays.stream(values()).map(Cipher::token).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return token;
    }
}
