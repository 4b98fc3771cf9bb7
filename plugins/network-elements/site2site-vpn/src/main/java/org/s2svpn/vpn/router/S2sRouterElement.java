package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.router.RouterAnswer;
import org.s2svpn.server.router.RouterLifecycleListener;
import org.s2svpn.server.router.RouterManager;
import org.s2svpn.server.router.RouterUnreachableException;
import org.s2svpn.vpn.render.S2sApplySpec;
import org.s2svpn.vpn.render.S2sConnection;

/**
 * The VPC router's part of the feature (CloudStack's VpcVirtualRouterElement for S2S): builds the router's whole S2S
 * configuration from the database, renders it, sends it (s2s-apply) and hands the router's status answer to the
 * monitor. On a router start it applies again; on a stop its connections are Disconnected.
 */
public final class S2sRouterElement implements RouterLifecycleListener {
    private static final Logger LOG = LogManager.getLogger(S2sRouterElement.class);

    private final RouterDao routers;
    private final RouterManager routerManager;
    private final VpcDao vpcs;
    private final VpnConnectionDao connections;
    private final S2sModels models;
    private final ConnectionMonitor monitor;

    public S2sRouterElement(RouterDao routers, RouterManager routerManager, VpcDao vpcs, VpnConnectionDao connections, S2sModels models,
                            ConnectionMonitor monitor) {
        this.routers = requireNonNull(routers, "routers");
        this.routerManager = requireNonNull(routerManager, "routerManager");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.connections = requireNonNull(connections, "connections");
        this.models = requireNonNull(models, "models");
        this.monitor = requireNonNull(monitor, "monitor");
    }

    /**
     * Applies the VPC router's whole S2S configuration, leaving out the excluded connections (a stop, a delete). The
     * started connection (may be null) then moves to Connecting, or Disconnected when passive. Throws 534 when the
     * router is not Running or the apply fails.
     */
    public void apply(long vpcId, Set<Long> excluded, Long started) {
        DomainRouterVO router = routers.findByVpc(vpcId)
                .filter(r -> r.state() == DomainRouterVO.State.Running)
                .orElseThrow(() -> ApiException.unavailable("the VPC's virtual router is not in the right state (Running)"));
        send(router, excluded);
        if (started != null) {
            connections.findById(started).ifPresent(c -> connections.setState(c.id(), c.passive() ? State.Disconnected : State.Connecting, null));
        }
        monitor.followUp(router);
    }

    /** Applies when the VPC's router runs; a stopped router gets the configuration at its next start anyway. */
    public void applyIfRunning(long vpcId, Set<Long> excluded) {
        routers.findByVpc(vpcId).filter(r -> r.state() == DomainRouterVO.State.Running).ifPresent(r -> send(r, excluded));
    }

    /** CloudStack's stop then start of one connection, after its customer gateway changed. */
    public void restart(long vpcId, long connectionId) {
        connections.setState(connectionId, State.Pending, "customer gateway updated");
        apply(vpcId, Set.of(connectionId), null);
        apply(vpcId, Set.of(), connectionId);
    }

    @Override
    public void started(DomainRouterVO router) {
        if (connections.listByVpc(router.vpcId()).isEmpty()) {
            return;
        }
        try {
            send(router, Set.of());
            monitor.followUp(router);
        } catch (ApiException e) {
            LOG.warn("router {} started but its site-to-site VPN configuration could not be applied: {}", router.name(), e.getMessage());
        }
    }

    @Override
    public void stopped(DomainRouterVO router) {
        for (VpnConnectionVO c : connections.listByVpc(router.vpcId())) {
            if (c.state() != State.Error && c.state() != State.Disconnected) {
                connections.transition(c.id(), c.state(), State.Disconnected, "router " + router.name() + " stopped");
            }
        }
    }

    private void send(DomainRouterVO router, Set<Long> excluded) {
        String payload = payload(router, excluded);
        long start = System.nanoTime();
        RouterAnswer answer;
        try {
            answer = routerManager.send(router, "s2s-apply", payload);
        } catch (RouterUnreachableException e) {
            LOG.warn("router {}: s2s-apply failed: {}", router.name(), e.getMessage());
            throw ApiException.unavailable(e.getMessage());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!answer.success()) {
            LOG.warn("router {}: s2s-apply failed after {} ms: {}", router.name(), millis, answer.error().strip());
            throw ApiException.unavailable("router " + router.name() + " refused the configuration: " + answer.error().strip());
        }
        LOG.info("router {}: s2s-apply done in {} ms", router.name(), millis);
        monitor.process(router, answer.output());
    }

    /** The s2s-apply spec of the router: every live connection of its VPC but the excluded ones. */
    String payload(DomainRouterVO router, Set<Long> excluded) {
        VpcVO vpc = vpcs.findById(router.vpcId()).orElseThrow();
        List<S2sConnection> applied = new ArrayList<>();
        for (VpnConnectionVO c : connections.listByVpc(vpc.id())) {
            if (!excluded.contains(c.id())) {
                applied.add(models.of(c, vpc));
            }
        }
        LOG.info("router {}: applying {} site-to-site connection(s): {}", router.name(), applied.size(),
                applied.stream().map(S2sConnection::name).toList());
        return S2sApplySpec.of(router.namespace(), applied);
    }
}
