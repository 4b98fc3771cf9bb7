package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Where a network node answers SSH, and the account the management server logs in as. */
public record NodeAddress(String host, int port, String username) {
    // a host name, an IPv4 address or a bare IPv6 address: nothing an SSH client could read as an option or a user
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:%_-]*");
    private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9_.-]*\\$?");

    public NodeAddress {
        requireNonNull(host, "host");
        requireNonNull(username, "username");
        if (host.length() > 253 || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid network node host: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SSH port " + port + " for network node " + host + ": must be 1-65535");
        }
        if (username.length() > 32 || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid SSH user name: '" + username + "'");
        }
    }

    /** "host:port", or "[v6]:port", as messages show the node. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return username + "@" + hostAndPort();
    }
}
