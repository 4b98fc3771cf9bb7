package org.s2svpn.vpn.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code ikeversion} of a customer gateway. CloudStack never checked the value (its router fell back to
 * {@code ike} for anything else); here anything but these three is refused.
 */
public enum IkeVersion {
    /** Either: initiate with IKEv2, answer a peer in IKEv1 or IKEv2. CloudStack's default. */
    IKE("ike"),
    IKEV1("ikev1"),
    IKEV2("ikev2");

    public static final String PARAMETER = "ikeversion";

    private final String token;

    IkeVersion(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** Case is ignored: {@code IKEv2} is {@code ikev2}. */
    public static IkeVersion parse(String value) {
        if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (IkeVersion v : values()) {
                if (v.token.equals(lower)) {
                    return v;
                }
            }
        }
        throw new InvalidValueException(PARAMETER, "ikeversion must be one of "
                + Arrays.stream(values()).map(IkeVersion::token).collect(Collectors.joining(", ")) + ": "
                + InvalidValueException.quote(value));
    }

    /**
     * Checks that an IKE policy can be negotiated with this version: IKEv1 has no AES-GCM for the IKE SA (neither
     * strongSwan nor Libreswan offer it), so such a policy with {@code ikev1} could never come up.
     */
    public IpsecPolicy requireNegotiable(IpsecPolicy ikePolicy) {
        if (ikePolicy.type() != PolicyType.IKE) {
            throw new IllegalArgumentException("not an IKE policy: " + ikePolicy.type());
        }
        if (this == IKEV1 && ikePolicy.proposals().stream().anyMatch(p -> p.cipher().isAead())) {
            throw new InvalidValueException(PolicyType.IKE.parameter(), "ikepolicy " + ikePolicy
                    + " uses AES-GCM, which IKEv1 cannot negotiate: use ikeversion ikev2 (or ike), or a CBC cipher");
        }
        return ikePolicy;
    }

    @Override
    public String toString() {
        return token;
    }
}
