package org.s2svpn.vpn.render;

/**
 * A customer gateway running strongSwan: one swanctl.conf with the connection and its secret, loadable as is with
 * {@code swanctl --load-all --file <file>}. It is the router's own rendering ({@link SwanctlRenderer}) with the
 * ends swapped, so the two cannot disagree on proposals, lifetimes, DPD, CHILD SAs or encapsulation.
 */
final class StrongswanDeviceRenderer {
    private StrongswanDeviceRenderer() {
    }

    static DeviceConfig render(S2sConnection c) {
        SwanctlRenderer.End end = SwanctlRenderer.customerEnd(c);
        StringBuilder out = new StringBuilder();
        out.append("# strongSwan (swanctl.conf) of customer gateway ").append(c.peerGateway()).append(" for its site-to-site VPN")
                .append(" connection with VPC router ").append(c.localPublicIp()).append(".\n");
        out.append("# Load it with: swanctl --load-all --file <this file>\n");
        out.append(end.initiator() ? "# The connection is passive on the router: this gateway initiates it.\n"
                : "# The router initiates the connection (and again after a failure): this gateway answers.\n");
        if (end.localAddrs() == null) {
            out.append("# The gateway is known by its DNS name, which is its IKE identity; it answers from any address.\n");
        }
        out.append("connections {\n");
        SwanctlRenderer.renderConnection(out, c, end, DeviceVendor.peerVersion(c));
        out.append("}\n");
        out.append("# The pre-shared key as 0x and the hex of its UTF-8 bytes, byte for byte what the router has.\n");
        out.append("secrets {\n");
        SwanctlRenderer.renderSecret(out, c, end);
        out.append("}\n");
        return new DeviceConfig(out.toString(), null);
    }
}
