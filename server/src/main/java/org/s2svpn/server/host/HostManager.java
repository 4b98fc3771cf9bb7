package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.schema.dao.RouterDao;

/** Network nodes: where routers go. */
public final class HostManager {
    private final HostDao hosts;
    private final RouterDao routers;

    public HostManager(HostDao hosts, RouterDao routers) {
        this.hosts = requireNonNull(hosts, "hosts");
        this.routers = requireNonNull(routers, "routers");
    }

    /**
     * The node with the fewest routers among the zone's nodes that are Up; empty when the zone has no node at all,
     * so that the router is simulated. A zone whose nodes are all down cannot start routers.
     */
    public Optional<Long> pickHost(long zoneId) {
        List<HostVO> all = hosts.listByZone(zoneId);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(all.stream()
                .filter(h -> HostVO.UP.equals(h.status()))
                .min(Comparator.comparingInt(h -> routers.listByHost(h.id()).size()))
                .map(HostVO::id)
                .orElseThrow(() -> ApiException.unavailable("No network node of the zone is Up; routers cannot be started")));
    }
}
