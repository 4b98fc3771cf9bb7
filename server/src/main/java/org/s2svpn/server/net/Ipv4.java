package org.s2svpn.server.net;

import java.util.regex.Pattern;

/** A dotted-quad IPv4 address, strictly parsed (no leading zeros, no shorthand), as an unsigned 32-bit value. */
public record Ipv4(long value) implements Comparable<Ipv4> {
    private static final Pattern DOTTED = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    public Ipv4 {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IPv4 address: " + value);
        }
    }

    public static boolean isValid(String text) {
        if (text == null || !DOTTED.matcher(text).matches()) {
            return false;
        }
        for (String part : text.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public static Ipv4 parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        long v = 0;
        for (String part : text.split("\\.")) {
            v = v << 8 | Integer.parseInt(part);
        }
        return new Ipv4(v);
    }

    public Ipv4 plus(long n) {
        return new Ipv4(value + n);
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }
}
