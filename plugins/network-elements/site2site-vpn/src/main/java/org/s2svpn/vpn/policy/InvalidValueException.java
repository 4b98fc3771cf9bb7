package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

/**
 * A value of a customer gateway (or of the connection built from it) that breaks a rule. The API answers 431 with
 * the message; {@link #parameter()} names the API parameter at fault, so a caller can report it without parsing text.
 */
public class InvalidValueException extends IllegalArgumentException {
    private final String parameter;

    public InvalidValueException(String parameter, String message) {
        super(requireNonNull(message, "message"));
        this.parameter = requireNonNull(parameter, "parameter");
    }

    /** The API parameter the value was given in: {@code gateway}, {@code cidrlist}, {@code ikepolicy}, ... */
    public String parameter() {
        return parameter;
    }

    /** A user's value to quote in a message: bounded, so a huge value does not make a huge error. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
