package org.s2svpn.vpn.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Diffie-Hellman groups a policy may name, with their IANA transform numbers (Cisco's "group N"). */
public enum DhGroup {
    MODP1024("modp1024", 2),
    MODP1536("modp1536", 5),
    MODP2048("modp2048", 14),
    MODP3072("modp3072", 15),
    MODP4096("modp4096", 16),
    MODP6144("modp6144", 17),
    MODP8192("modp8192", 18),
    ECP256("ecp256", 19),
    ECP384("ecp384", 20),
    CURVE25519("curve25519", 31);

    private final String token;
    private final int number;

    DhGroup(String token, int number) {
        this.token = token;
        this.number = number;
    }

    public String token() {
        return token;
    }

    /** The IANA number, as devices that say "group 14" mean it. */
    public int number() {
        return number;
    }

    public static Optional<DhGroup> fromToken(String token) {
        return Arrays.stream(values()).filter(g -> g.token.equals(token)).findFirst();
    }

    static String tokens() {
        return Arrays.stream(values()).map(DhGroup::token).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return token;
    }
}
