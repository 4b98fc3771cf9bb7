package org.s2svpn.vpn.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.vpn.policy.Cipher;
import org.s2svpn.vpn.policy.DhGroup;
import org.s2svpn.vpn.policy.Hash;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.IpsecPolicy;
import org.s2svpn.vpn.policy.PeerGateway;
import org.s2svpn.vpn.policy.PreSharedKey;

/**
 * Random router configurations for {@link RenderFuzzTest}, every connection built only through the parsers the API
 * uses (the builder's text setters: {@link PeerGateway#parse}, {@link PreSharedKey#parse}, {@link IpsecPolicy#parse},
 * {@code PeerCidrs.parse}, {@link IkeVersion#parse} ...), so each is one the API would accept. The values are drawn
 * to be hostile: keys and gateway names of every character and length validation lets through, and a share of raw
 * random strings kept only when validation takes them, to find what it wrongly lets through. What validation
 * refused is counted by parameter, never silently retried.
 */
final class RandomConnections {
    /** Printable ASCII but {@code "}, which validation refuses: the characters config syntaxes care about. */
    private static final String ASCII = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~";
    private static final String SYNTAX = "\\'{}#;=%$`@:,[] ";
    /** Code points beyond ASCII: Latin-1, no-break space, combining, RTL, CJK, BOM, noncharacter, emoji. */
    private static final int[] UNICODE = {0xA0, 0xE9, 0xFF, 0x100, 0x301, 0x3C0, 0x5D0, 0x627, 0x200B, 0x200E,
        0x202E, 0x20AC, 0x3000, 0x4E2D, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0x1F4A9, 0x10FFFD, 0xE000};
    /** Beginnings that mean something to a parser: encodings, specials, keywords. */
    private static final String[] PREFIXES = {"0x", "0X", "0s", "0S", "0t", "%any", "@", "@#", "include ", "PSK ",
        ": PSK ", "}", "{", "#", "${x}", "=", "\\", "'"};
    private static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    private static final String RAW_GATEWAY_CHARS = "0123456789abcdefstxX.-:%@_ ";
    /** Label beginnings that mean something to a parser: hex, ttodata's text and base64 prefixes. */
    private static final String[] LABEL_PREFIXES = {"0x", "0X", "0t", "0s", "0x7f", "0"};

    private final Random random;
    /** Candidate values validation refused, by parameter: the generator's view of where the rules bite. */
    private final Map<String, Integer> refused = new TreeMap<>();
    /** Raw random strings validation accepted, by parameter. */
    private final Map<String, Integer> rawAccepted = new TreeMap<>();
    private long nextId;

    RandomConnections(long seed) {
        this.random = new Random(seed);
        this.nextId = 1 + random.nextInt(1_000_000);
    }

    /** One router: its public address and VPC, and 1 to {@code max} connections to distinct peers. */
    List<S2sConnection> router(int max) {
        int size = 1 + random.nextInt(max);
        String localIp = ipv4();
        Cidr vpc = Cidr.parse(ipv4() + "/" + (8 + random.nextInt(21)));
        List<S2sConnection> connections = new ArrayList<>();
        Set<String> peers = new HashSet<>();
        while (connections.size() < size) {
            S2sConnection c = connection(localIp, vpc);
            if (c != null && peers.add(c.peerGateway().value().toLowerCase(Locale.ROOT))) {
                connections.add(c);
            }
        }
        return connections;
    }

    Map<String, Integer> refused() {
        return refused;
    }

    Map<String, Integer> rawAccepted() {
        return rawAccepted;
    }

    private S2sConnection connection(String localIp, Cidr vpc) {
        S2sConnection.Builder b = S2sConnection.builder().id(nextId++).localPublicIp(localIp).localCidr(vpc.toString());
        if (!set("gateway", () -> b.peerGateway(gateway())) || !set("cidrlist", () -> b.peerCidrs(cidrlist(vpc)))
                || !set("ipsecpsk", () -> b.psk(psk()))
                || !set("ikepolicy", () -> b.ikePolicy(policy(true)))
                || !set("esppolicy", () -> b.espPolicy(policy(false)))
                || !set("lifetimes", () -> b.lifetimes(lifetime(), lifetime()))
                || !set("ikeversion", () -> b.ikeVersion(ikeVersion()))) {
            return null;
        }
        b.dpd(random.nextBoolean()).forceEncap(random.nextInt(4) == 0).passive(random.nextInt(4) == 0)
                .splitConnections(random.nextBoolean());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            count(refused, "connection");
            return null;
        }
    }

    /** Runs one setter; false (and counted) when validation refused the value, as the API would with a 431. */
    private boolean set(String parameter, Runnable setter) {
        try {
            setter.run();
            return true;
        } catch (IllegalArgumentException e) {
            count(refused, parameter);
            return false;
        }
    }

    private String ipv4() {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** Half addresses, the rest names: ordinary, maximal (190 characters, 63-character labels), or raw. */
    private String gateway() {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return ipv4();
        }
        if (kind < 9) {
            int labels = 1 + random.nextInt(kind == 8 ? 4 : 3);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < labels; i++) {
                int length = kind == 8 ? 63 : 1 + random.nextInt(20);
                StringBuilder label = new StringBuilder();
                if (random.nextInt(8) == 0) {
                    label.append(LABEL_PREFIXES[random.nextInt(LABEL_PREFIXES.length)]);
                }
                for (int j = label.length(); j < length; j++) {
                    label.append(LABEL_CHARS.charAt(random.nextInt(LABEL_CHARS.length())));
                }
                parts.add(label.toString());
            }
            String name = String.join(".", parts);
            return name.length() > 190 ? name.substring(0, 190) : name;
        }
        String raw = raw(RAW_GATEWAY_CHARS, 1 + random.nextInt(16));
        if (accepted(() -> PeerGateway.parse(raw))) {
            count(rawAccepted, "gateway");
        }
        return raw;
    }

    /** 1 to 6 subnets, some given with host bits set (normalized by validation), none overlapping the VPC. */
    private String cidrlist(Cidr vpc) {
        int n = 1 + random.nextInt(6);
        List<Cidr> cidrs = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (int tries = 0; cidrs.size() < n && tries < 50; tries++) {
            String text = ipv4() + "/" + (random.nextInt(5) == 0 ? 1 + random.nextInt(32) : 16 + random.nextInt(17));
            Cidr c = Cidr.parse(text);
            if (!c.overlaps(vpc) && cidrs.stream().noneMatch(c::overlaps)) {
                cidrs.add(c);
                given.add(text);
            }
        }
        return String.join(",", given);
    }

    /** Hostile keys mostly; a tenth raw random strings of any code unit, kept only if validation takes them. */
    private String psk() {
        if (random.nextInt(10) == 0) {
            StringBuilder raw = new StringBuilder();
            int length = 1 + random.nextInt(300);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(50);
                raw.append(pick == 0 ? (char) random.nextInt(0x10000)
                        : pick == 1 ? (char) (0xD800 + random.nextInt(0x800))
                        : (char) (0x20 + random.nextInt(0x5F)));
            }
            String value = raw.toString();
            if (accepted(() -> PreSharedKey.parse(value))) {
                count(rawAccepted, "ipsecpsk");
            }
            return value;
        }
        int length = switch (random.nextInt(6)) {
            case 0 -> PreSharedKey.MIN_LENGTH;
            case 1 -> PreSharedKey.MAX_LENGTH;
            default -> PreSharedKey.MIN_LENGTH + random.nextInt(PreSharedKey.MAX_LENGTH - PreSharedKey.MIN_LENGTH + 1);
        };
        StringBuilder key = new StringBuilder();
        if (random.nextInt(3) == 0) {
            key.append(PREFIXES[random.nextInt(PREFIXES.length)]);
        }
        boolean wide = random.nextInt(8) == 0;
        // The most bytes a key can have: 256 four-byte characters, 1024 bytes of UTF-8.
        boolean widest = wide && length == PreSharedKey.MAX_LENGTH && random.nextBoolean();
        while (key.codePointCount(0, key.length()) < length) {
            int pick = random.nextInt(10);
            if (widest) {
                key.appendCodePoint(0x10000 + random.nextInt(0x100000 - 2));
            } else if (wide || pick == 0) {
                key.appendCodePoint(UNICODE[random.nextInt(UNICODE.length)]);
            } else if (pick < 4) {
                key.append(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
            } else {
                key.append(ASCII.charAt(random.nextInt(ASCII.length())));
            }
        }
        while (key.codePointCount(0, key.length()) > length) {
            key.setLength(key.length() - Character.charCount(key.codePointBefore(key.length())));
        }
        return key.toString();
    }

    /**
     * 1 to 8 distinct proposals over every cipher, hash and group, in CloudStack's grammar and random case. An IKE
     * proposal always has a group; ESP proposals share one group (PFS) or have none.
     */
    private String policy(boolean ike) {
        int n = random.nextInt(3) == 0 ? 1 + random.nextInt(IpsecPolicy.MAX_PROPOSALS) : 1 + random.nextInt(3);
        DhGroup pfs = ike || random.nextBoolean() ? pick(DhGroup.values()) : null;
        Set<String> proposals = new LinkedHashSet<>();
        while (proposals.size() < n) {
            DhGroup group = ike ? pick(DhGroup.values()) : pfs;
            proposals.add(pick(Cipher.values()).token() + "-" + pick(Hash.values()).token()
                    + (group == null ? "" : ";" + group.token()));
        }
        String text = String.join(",", proposals);
        return random.nextInt(5) == 0 ? text.toUpperCase(Locale.ROOT) : text;
    }

    private long lifetime() {
        return switch (random.nextInt(5)) {
            case 0 -> 300;
            case 1 -> 86400;
            default -> 300 + random.nextInt(86400 - 300 + 1);
        };
    }

    private String ikeVersion() {
        String token = pick(IkeVersion.values()).token();
        return random.nextBoolean() ? token : token.toUpperCase(Locale.ROOT);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String raw(String alphabet, int length) {
        return random.ints(length, 0, alphabet.length()).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
    }

    private static boolean accepted(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }
}
