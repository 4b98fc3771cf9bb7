package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One command for a router's node: a verb of the node's {@code s2svpn-router} tool, and a JSON payload (the whole
 * desired state for that verb) or null. Payloads may carry secrets: they travel as files or stdin, never on a
 * command line, and are never logged.
 */
public record RouterCommand(String verb, String payload, Duration timeout) {
    private static final Pattern VERB = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public RouterCommand {
        requireNonNull(verb, "verb");
        requireNonNull(timeout, "timeout");
        if (!VERB.matcher(verb).matches()) {
            throw new IllegalArgumentException("invalid router command verb " + verb);
        }
    }

    public static RouterCommand of(String verb, String payload) {
        return new RouterCommand(verb, payload, Duration.ofSeconds(60));
    }

    @Override
    public String toString() {
        return "RouterCommand[" + verb + "]"; // the payload may hold secrets
    }
}
