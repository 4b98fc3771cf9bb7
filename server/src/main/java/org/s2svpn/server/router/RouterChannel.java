package org.s2svpn.server.router;

import org.s2svpn.schema.DomainRouterVO;

/** Sends a command to a router: over SSH to the network node that hosts it, or to the simulator. */
public interface RouterChannel {
    /** Throws {@link RouterUnreachableException} when the node cannot be reached or does not answer within the timeout. */
    RouterAnswer send(DomainRouterVO router, RouterCommand command);
}
