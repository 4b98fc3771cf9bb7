package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.server.net.Cidr;

/** One CHILD SA of a connection: its name (strongSwan reports the SA by it) and the remote subnets it carries. */
public record S2sChild(String name, List<Cidr> remoteCidrs) {
    public S2sChild {
        requireNonNull(name, "name");
        remoteCidrs = List.copyOf(requireNonNull(remoteCidrs, "remoteCidrs"));
        if (remoteCidrs.isEmpty()) {
            throw new IllegalArgumentException("a CHILD SA needs a remote subnet");
        }
    }
}
