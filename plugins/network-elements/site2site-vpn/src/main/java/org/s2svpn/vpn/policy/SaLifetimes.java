package org.s2svpn.vpn.policy;

/**
 * The {@code ikelifetime} and {@code esplifetime} of a customer gateway, in seconds: how long an IKE SA and a CHILD
 * (ESP) SA live. CloudStack caps both at 86400 and has no minimum (0 was accepted, and rendered as "0m"); here both
 * must be at least {@value #MIN_SECONDS}, because shorter lifetimes rekey faster than an IKE exchange with a
 * distant peer can be relied on to finish, and such a tunnel flaps.
 */
public record SaLifetimes(long ikeSeconds, long espSeconds) {
    public static final long MIN_SECONDS = 300;
    public static final long MAX_SECONDS = 86400;
    /** CloudStack's defaults. */
    public static final long DEFAULT_IKE_SECONDS = 86400;
    public static final long DEFAULT_ESP_SECONDS = 3600;

    public SaLifetimes {
        check("ikelifetime", ikeSeconds);
        check("esplifetime", espSeconds);
    }

    public static SaLifetimes defaults() {
        return new SaLifetimes(DEFAULT_IKE_SECONDS, DEFAULT_ESP_SECONDS);
    }

    /** Checks one lifetime on its own, for the API to report the parameter at fault. */
    public static long check(String parameter, long seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new InvalidValueException(parameter, parameter + " must be " + MIN_SECONDS + " to " + MAX_SECONDS
                    + " seconds: " + seconds);
        }
        return seconds;
    }
}
