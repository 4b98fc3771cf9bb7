package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;

/**
 * The {@code cidrlist} of a customer gateway: the peer's subnets, IPv4, none overlapping another, in the order given.
 *
 * <p>As CloudStack: comma-separated, no spaces (entries are not trimmed), each entry a CIDR that
 * {@code isValidIp4Cidr} takes, normalized to its network address (10.1.1.5/24 is 10.1.1.0/24), at most
 * {@code site2site.vpn.customergateway.subnets.limit} entries. Better: an empty entry (a trailing comma) and a
 * repeated subnet are refused rather than skipped or counted twice.
 */
public record PeerCidrs(List<Cidr> cidrs) {
    public static final String PARAMETER = "cidrlist";

    public PeerCidrs {
        cidrs = List.copyOf(requireNonNull(cidrs, "cidrs"));
        if (cidrs.isEmpty()) {
            throw new InvalidValueException(PARAMETER, "cidrlist is empty");
        }
        for (int i = 0; i < cidrs.size(); i++) {
            for (int j = i + 1; j < cidrs.size(); j++) {
                if (cidrs.get(i).overlaps(cidrs.get(j))) {
                    throw new InvalidValueException(PARAMETER, "cidrlist subnets " + cidrs.get(i) + " and "
                            + cidrs.get(j) + " overlap");
                }
            }
        }
    }

    /** Parses a {@code cidrlist}; {@code limit} is the subnets limit setting in force. */
    public static PeerCidrs parse(String cidrlist, int limit) {
        if (cidrlist == null || cidrlist.isEmpty()) {
            throw new InvalidValueException(PARAMETER, "cidrlist is empty");
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : cidrlist.split(",", -1)) {
            if (!Cidr.isValid(entry)) {
                // CloudStack's wording, after the parameter name.
                throw new InvalidValueException(PARAMETER, "cidrlist " + InvalidValueException.quote(cidrlist)
                        + " contains an invalid cidr: '" + InvalidValueException.quote(entry) + "'");
            }
            cidrs.add(Cidr.parse(entry));
        }
        if (cidrs.size() > limit) {
            throw new InvalidValueException(PARAMETER, "cidrlist has " + cidrs.size() + " subnets, more than the limit"
                    + " of " + limit + " (site2site.vpn.customergateway.subnets.limit)");
        }
        return new PeerCidrs(cidrs);
    }

    public int size() {
        return cidrs.size();
    }

    /** The normalized list, as stored and shown: {@code 10.2.0.0/16,10.3.0.0/24}. */
    @Override
    public String toString() {
        return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
}
