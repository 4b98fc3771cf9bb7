package org.s2svpn.server.router;

import java.util.List;

/** A check the router timer runs every router.check.interval over the Running routers that have at least one tier. */
public interface RouterCheck {
    void check(List<org.s2svpn.schema.DomainRouterVO> routers);
}
