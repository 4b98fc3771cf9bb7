package org.s2svpn.vpn.policy;

import static java.util.Objects.requireNonNull;

/**
 * The {@code ipsecpsk} of a customer gateway. {@link #toString()} never shows it, so a record that holds one can be
 * logged.
 *
 * <p>Rules CloudStack documents but never checked: no {@code "} and no newline (they broke its ipsec.secrets line),
 * and here no other control character either (a carriage return or NUL would end or cut the secret in a config
 * file). It must be Unicode text: half of a UTF-16 surrogate pair has no UTF-8 bytes, so no config file could hold
 * the key as given (HTTP's decoder never makes one, but a value from anywhere else could). 8 to 256 characters:
 * shorter keys are guessable offline from one captured IKE exchange, and 256 is what CloudStack's column holds.
 */
public record PreSharedKey(String value) {
    public static final String PARAMETER = "ipsecpsk";
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public PreSharedKey {
        requireNonNull(value, "value");
        // A message never quotes the key.
        if (value.indexOf('"') >= 0) {
            throw invalid("ipsecpsk must not contain a double quote (\")");
        }
        if (value.codePoints().anyMatch(PreSharedKey::isControlOrLineBreak)) {
            throw invalid("ipsecpsk must not contain a newline or other control character");
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw invalid("ipsecpsk must be Unicode text: it has half of a surrogate pair");
        }
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw invalid("ipsecpsk must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
    }

    public static PreSharedKey parse(String value) {
        if (value == null) {
            throw invalid("ipsecpsk is missing");
        }
        return new PreSharedKey(value);
    }

    private static boolean isControlOrLineBreak(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException(PARAMETER, message);
    }

    @Override
    public String toString() {
        return "*****";
    }
}
