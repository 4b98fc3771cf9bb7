package org.s2svpn.server.net;

import java.util.regex.Pattern;

/** An IPv4 network, normalised to its network address: 10.1.1.5/24 is 10.1.1.0/24. */
public record Cidr(Ipv4 network, int prefix) {
    private static final Pattern SHAPE = Pattern.compile("[0-9.]+/(0|[1-9][0-9]?)");

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0 to 32");
        }
        network = new Ipv4(network.value() & mask(prefix));
    }

    /** CloudStack's isValidIp4Cidr: an address, a slash and a prefix of 0 to 32; no spaces. */
    public static boolean isValid(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return false;
        }
        int slash = text.indexOf('/');
        return Ipv4.isValid(text.substring(0, slash)) && Integer.parseInt(text.substring(slash + 1)) <= 32;
    }

    public static Cidr parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        int slash = text.indexOf('/');
        return new Cidr(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
    }

    /** The prefix of a dotted netmask such as 255.255.255.0, or -1 when it is not a contiguous mask. */
    public static int prefixOfNetmask(String netmask) {
        if (!Ipv4.isValid(netmask)) {
            return -1;
        }
        long v = Ipv4.parse(netmask).value();
        int prefix = Long.bitCount(v);
        return v == mask(prefix) ? prefix : -1;
    }

    public static String netmaskOf(int prefix) {
        return new Ipv4(mask(prefix)).toString();
    }

    public boolean contains(Ipv4 address) {
        return (address.value() & mask(prefix)) == network.value();
    }

    /** True when every address of other is in this network. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    public Ipv4 broadcast() {
        return new Ipv4(network.value() | ~mask(prefix) & 0xFFFF_FFFFL);
    }

    public String netmask() {
        return netmaskOf(prefix);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : 0xFFFF_FFFFL << (32 - prefix) & 0xFFFF_FFFFL;
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
