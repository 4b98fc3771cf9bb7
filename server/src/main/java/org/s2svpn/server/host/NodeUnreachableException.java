package org.s2svpn.server.host;

/**
 * The management server could not talk to a network node, or the node did not finish in time: connection refused,
 * unknown host, no answer, our key refused, a changed host key, a command or upload that outlived its timeout. The
 * message names the node and what happened, so it can go into an alert or a job's error text as it is.
 */
public class NodeUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeUnreachableException(String message) {
        super(message);
    }

    public NodeUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
