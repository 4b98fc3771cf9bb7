package org.s2svpn.server.router;

import org.s2svpn.schema.DomainRouterVO;

/** Told when a router has started (also after a reboot) or stopped: features re-apply their configuration here. */
public interface RouterLifecycleListener {
    default void started(DomainRouterVO router) {
    }

    default void stopped(DomainRouterVO router) {
    }
}
