package org.s2svpn.server.router;

import org.s2svpn.schema.DomainRouterVO;

/**
 * A check the router timer runs every router.check.interval on each Running router that has at least one tier; the
 * timer runs the routers in parallel, with a bound.
 */
public interface RouterCheck {
    void check(DomainRouterVO router);
}
