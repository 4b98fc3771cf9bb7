package org.s2svpn.server.router;

/** The router's node could not be reached, or did not answer in time: nothing is known of what it did. */
public final class RouterUnreachableException extends RuntimeException {
    public RouterUnreachableException(String message) {
        super(message);
    }

    public RouterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
