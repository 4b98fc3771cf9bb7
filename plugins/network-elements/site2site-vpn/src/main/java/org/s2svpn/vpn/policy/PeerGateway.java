package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import org.s2svpn.server.net.Ipv4;

/**
 * The {@code gateway} of a customer gateway: the peer's public IPv4 address, or a DNS name that resolves to it.
 *
 * <p>CloudStack's rules: an address as {@code NetUtils.isValidIp4} takes it (dotted quad, no leading zeros), or a
 * name as {@code verifyDomainName} takes it: 1 to 190 characters, no leading or trailing dot, labels of 1 to 63
 * letters, digits and hyphens that neither start nor end with a hyphen. Better than CloudStack: a name whose last
 * label is a number, all digits or {@code 0x} and hex digits, is refused. {@code 10.0.0.300} is a mistyped address,
 * not a host to look up (RFC 3696: a top-level domain is never all-numeric), and a name such as {@code 0x7f000001}
 * or {@code 10.0x1} is an address in disguise: Libreswan and the resolver (inet_aton's forms) read it as
 * 127.0.0.1, so it would reach a peer the checks on addresses never saw. IPv6 is refused: the VPC routers speak IKE
 * over IPv4 only. So is an address no peer can have, which CloudStack took: 0.0.0.0/8 ("this network"), loopback
 * 127.0.0.0/8, and everything from 224.0.0.0 up (multicast, reserved, broadcast); charon would try to reach the
 * peer there.
 */
public record PeerGateway(String value) {
    public static final String PARAMETER = "gateway";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    public PeerGateway {
        requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw invalid("gateway is empty");
        }
        if (value.indexOf(':') >= 0) {
            throw invalid("gateway " + InvalidValueException.quote(value) + " is an IPv6 address: only IPv4"
                    + " addresses and domain names are supported");
        }
        if (!Ipv4.isValid(value) && !isDomainName(value)) {
            throw invalid("gateway " + InvalidValueException.quote(value)
                    + " is neither a valid IPv4 address nor a valid domain name");
        }
        if (Ipv4.isValid(value) && !isUnicast(Ipv4.parse(value))) {
            throw invalid("gateway " + value + " is not a unicast address a peer can have (0.0.0.0/8, 127.0.0.0/8 and"
                    + " 224.0.0.0 and above are not)");
        }
    }

    private static boolean isUnicast(Ipv4 address) {
        long firstOctet = address.value() >>> 24;
        return firstOctet != 0 && firstOctet != 127 && firstOctet < 224;
    }

    public static PeerGateway parse(String value) {
        if (value == null) {
            throw invalid("gateway is missing");
        }
        return new PeerGateway(value);
    }

    /** True when the gateway is an address; false when it is a name the router's charon resolves. */
    public boolean isAddress() {
        return Ipv4.isValid(value);
    }

    private static boolean isDomainName(String name) {
        if (name.length() > 190 || name.startsWith(".") || name.endsWith(".")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !NUMBER.matcher(labels[labels.length - 1]).matches();
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException(PARAMETER, message);
    }

    @Override
    public String toString() {
        return value;
    }
}
