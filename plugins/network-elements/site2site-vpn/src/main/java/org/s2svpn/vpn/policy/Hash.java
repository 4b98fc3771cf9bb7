package org.s2svpn.vpn.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The hash algorithms a policy may name (HMAC integrity, and the PRF in IKE). */
public enum Hash {
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    SHA384("sha384"),
    SHA512("sha512");

    private final String token;

    Hash(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Hash> fromToken(String token) {
        return Arrays.stream(values()).filter(h -> h.token.equals(token)).findFirst();
    }

    static String tokens() {
        return Arrays.stream(values()).map(Hash::token).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return token;
    }
}
