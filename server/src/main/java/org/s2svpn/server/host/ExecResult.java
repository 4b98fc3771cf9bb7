package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

/** What a command run on a network node returned: its exit code, and its output decoded as UTF-8. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public ExecResult {
        requireNonNull(stdout, "stdout");
        requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
