package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import org.s2svpn.schema.DomainRouterVO;

/** The channel to any router: its network node over SSH, or the simulator for a router that has no node. */
public final class RouterChannels implements RouterChannel {
    private final SimulatedRouterChannel simulator;
    private final SshRouterChannel ssh;

    public RouterChannels(SimulatedRouterChannel simulator, SshRouterChannel ssh) {
        this.simulator = requireNonNull(simulator, "simulator");
        this.ssh = requireNonNull(ssh, "ssh");
    }

    @Override
    public RouterAnswer send(DomainRouterVO router, RouterCommand command) {
        return router.hostId() == null ? simulator.send(router, command) : ssh.send(router, command);
    }
}
