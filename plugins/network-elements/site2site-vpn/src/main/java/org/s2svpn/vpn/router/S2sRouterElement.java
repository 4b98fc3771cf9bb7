package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiErrorCode;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.dao.EventDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.router.RouterAnswer;
import org.s2svpn.server.router.RouterCheck;
import org.s2svpn.server.router.RouterLifecycleListener;
import org.s2svpn.server.router.RouterManager;
import org.s2svpn.server.router.RouterUnreachableException;
import org.s2svpn.vpn.render.S2sApplySpec;
import org.s2svpn.vpn.render.S2sConnection;
import org.s2svpn.vpn.status.RouterS2sStatus;
import org.s2svpn.vpn.status.S2sStatusParser;

/**
 * The VPC router's part of the feature (CloudStack's VpcVirtualRouterElement for S2S): builds the router's whole S2S
 * configuration from the database, renders it, sends it (s2s-apply) and hands the router's status answer to the
 * monitor. On a router start it applies again; on a stop its connections are Disconnected.
 *
 * <p>The router's configuration is a function of the database alone: every live connection but the Pending ones (a
 * connection is Pending only while it is set up or torn down). A job changes a connection's state and applies while
 * holding the router's lock ({@link RouterManager#locked}), and the payload is read from the database inside it: two
 * jobs on one router (a reset and a delete) can no longer cross, and the last apply is always the latest state. The
 * router check repairs what no job could: a router whose applied hash is not the database's (a charon restart, an
 * apply cut short by a killed server, a hand edit) gets the configuration again, and a connection that a dead job
 * left Pending is started again.
 */
public final class S2sRouterElement implements RouterLifecycleListener, RouterCheck {
    private static final Logger LOG = LogManager.getLogger(S2sRouterElement.class);
    /** The event type of a router found running another configuration than the database's. */
    public static final String CONFIG_DRIFT = "VPN.S2S.CONFIG.DRIFT";

    private final RouterDao routers;
    private final RouterManager routerManager;
    private final VpnConnectionDao connections;
    private final S2sModels models;
    private final ConnectionMonitor monitor;
    private final EventDao events;
    private final S2sStatusParser parser = new S2sStatusParser();
    /** The configuration each router was rendered last, by router id (see {@link #desiredHash}). */
    private final Map<Long, Rendered> rendered = new ConcurrentHashMap<>();
    /** The drift last reported of each router that has one, until a check finds it runs the database's configuration. */
    private final Map<Long, String> reportedDrift = new ConcurrentHashMap<>();

    private record Rendered(String namespace, List<S2sConnection> applied, String hash) {
    }

    public S2sRouterElement(RouterDao routers, RouterManager routerManager, VpnConnectionDao connections, S2sModels models,
                            ConnectionMonitor monitor, EventDao events) {
        this.routers = requireNonNull(routers, "routers");
        this.routerManager = requireNonNull(routerManager, "routerManager");
        this.connections = requireNonNull(connections, "connections");
        this.models = requireNonNull(models, "models");
        this.monitor = requireNonNull(monitor, "monitor");
        this.events = requireNonNull(events, "events");
    }

    /**
     * createVpnConnection's execute phase: the connection goes on the router and moves to Connecting, or Disconnected
     * when passive; returns it as the job answers it (see {@link #begun}). Throws 534 when the router is not Running or
     * the apply fails (the connection is then in Error, with the reason), 431 when the connection was deleted meanwhile.
     */
    public VpnConnectionVO start(long vpcId, long connectionId) {
        return onRunningRouter(vpcId, connectionId, router -> begun(router, connectionId, send(router, Set.of(live(connectionId).id()))));
    }

    /**
     * CloudStack's stop then start of one connection (resetVpnConnection, a customer gateway update): taken off the
     * router, then put back, with no other apply on the router in between. While it is off it is Pending, which the
     * monitor leaves alone, so the restart raises no alert of its own. Returns and fails as {@link #start} does.
     */
    public VpnConnectionVO restart(long vpcId, long connectionId) {
        return onRunningRouter(vpcId, connectionId, router -> {
            connections.setState(live(connectionId).id(), State.Pending, "restarting");
            send(router);
            return begun(router, connectionId, send(router, Set.of(connectionId)));
        });
    }

    /**
     * A connection the router has just been given leaves Pending, and the job answers it so (Connecting, as in
     * CloudStack); then the apply's own status answer, which the router printed after the load, moves it on: charon
     * starts a connection while loading it, so its tunnel is often up by then. Under the router's lock, so that no
     * newer answer of the router can have been taken in between.
     */
    private VpnConnectionVO begun(DomainRouterVO router, long connectionId, RouterAnswer applied) {
        begin(live(connectionId));
        VpnConnectionVO answered = live(connectionId);
        S2sModels.Live live = models.live(router.vpcId());
        monitor.process(router, applied.output(),
                new S2sModels.Live(live.connections().stream().filter(c -> c.id() == connectionId).toList(), live.models()));
        return answered;
    }

    /**
     * deleteVpnConnection: taken off the router (when it runs; a stopped router gets its configuration at its next
     * start anyway), then Removed. When the router cannot take the change the connection stays, in Error with the
     * reason, and 534 is thrown; 431 when another job removed it first.
     */
    public void remove(long vpcId, long connectionId) {
        locked(vpcId, connectionId, router -> {
            VpnConnectionVO c = live(connectionId);
            if (router.isPresent()) {
                // out of the monitor's sight and out of the configuration first, so that tearing it down raises no alert
                connections.setState(c.id(), State.Pending, "deleting");
                send(router.get());
            }
            connections.markRemoved(c.id());
        });
    }

    @Override
    public void started(DomainRouterVO router) {
        if (connections.listByVpc(router.vpcId()).isEmpty()) {
            return;
        }
        try {
            routerManager.locked(router.id(), () -> {
                resumeLeftPending(router, connections.listByVpc(router.vpcId()));
                send(router);
                return null;
            });
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

    /**
     * The router check (every router.check.interval seconds, for routers with connections): under the router's
     * lock, connections left Pending start again, the router's status is read, and when the hash it reports is not the
     * one the database renders the configuration is applied again; the monitor then takes the status.
     */
    @Override
    public void check(DomainRouterVO router) {
        try {
            routerManager.locked(router.id(), () -> {
                Optional<DomainRouterVO> running = routers.findById(router.id()).filter(r -> r.state() == DomainRouterVO.State.Running);
                if (running.isPresent()) {
                    converge(running.get());
                }
                return null;
            });
        } catch (RouterUnreachableException e) {
            LOG.warn("router {}: site-to-site status unknown: {}", router.name(), e.getMessage());
        } catch (ApiException e) {
            LOG.warn("router {}: site-to-site configuration could not be repaired: {}", router.name(), e.getMessage());
        }
    }

    private void converge(DomainRouterVO router) {
        S2sModels.Live live = models.live(router.vpcId());
        if (live.connections().isEmpty()) {
            return;
        }
        boolean resumed = resumeLeftPending(router, live.connections());
        if (resumed) {
            live = models.live(router.vpcId());
        }
        RouterAnswer answer = routerManager.send(router, "s2s-status", null);
        if (!answer.success()) {
            LOG.warn("router {}: s2s-status failed: {}", router.name(), answer.error().strip());
            return;
        }
        Optional<RouterS2sStatus> status = parser.parse(answer.output());
        if (status.isEmpty()) {
            LOG.warn("router {}: unreadable site-to-site status answer; nothing changed", router.name());
            return;
        }
        String desired = desiredHash(router, live);
        Optional<String> applied = status.get().hash();
        if (applied.isPresent() && applied.get().equals(desired)) {
            reportedDrift.remove(router.id());
            monitor.process(router, answer.output(), live);
            return;
        }
        drifted(router, live, applied, desired, resumed);
        send(router, payload(router, live, Set.of()), live);
        monitor.followUp(router);
    }

    /**
     * Says that a router does not run the database's configuration, in the log and, once per difference (not again at
     * every check while an apply keeps failing), as an event for the owners of its connections.
     */
    private void drifted(DomainRouterVO router, S2sModels.Live live, Optional<String> applied, String desired, boolean resumed) {
        String why = applied.isEmpty() ? "the router has none: its charon was restarted, or an apply never finished"
                : resumed ? "connections left Pending were started again" : "the router runs another: an apply did not finish, or it was changed on the router";
        String text = "Site-to-site VPN configuration of router " + router.name() + " is " + applied.orElse("none") + ", not the database's "
                + desired + " (" + why + "); applying it again";
        LOG.warn("router {}: applied site-to-site configuration {} is not the database's {} ({}); applying it again", router.name(),
                applied.orElse("none"), desired, why);
        if (text.equals(reportedDrift.put(router.id(), text))) {
            return;
        }
        live.connections().stream().map(c -> List.of(c.accountId(), c.domainId())).distinct()
                .forEach(owner -> events.insert(CONFIG_DRIFT, "Completed", "WARN", text, 0, owner.get(0), owner.get(1)));
    }

    /**
     * Connections that a job left Pending and never finished: the job died with its management server (seen under the
     * router's lock, where jobs keep their Pending states, or before the create job's execute phase took its turn,
     * which then finds its connection started). They are started again, as the job would have done.
     */
    private boolean resumeLeftPending(DomainRouterVO router, List<VpnConnectionVO> all) {
        boolean any = false;
        for (VpnConnectionVO c : all) {
            if (c.state() == State.Pending) {
                LOG.warn("connection {} on router {} was left Pending ({}); starting it again", c.uuid(), router.name(), c.reason());
                begin(c);
                any = true;
            }
        }
        return any;
    }

    /** A Pending connection goes on the router: Connecting, or Disconnected when passive (it waits for its peer). */
    private void begin(VpnConnectionVO c) {
        connections.transition(c.id(), State.Pending, c.passive() ? State.Disconnected : State.Connecting, null);
    }

    private VpnConnectionVO live(long connectionId) {
        return connections.findById(connectionId)
                .orElseThrow(() -> ApiException.invalidParameter("Unable to find the VPN connection: another job removed it"));
    }

    /** Runs a connection's change on its running router, under the router's lock; a failure leaves the connection in Error. */
    private VpnConnectionVO onRunningRouter(long vpcId, long connectionId, Function<DomainRouterVO, VpnConnectionVO> change) {
        AtomicReference<VpnConnectionVO> changed = new AtomicReference<>();
        locked(vpcId, connectionId, router -> changed.set(change.apply(router.orElseThrow(
                () -> ApiException.unavailable("the VPC's virtual router is not in the right state (Running)")))));
        routers.findByVpc(vpcId).ifPresent(monitor::followUp);
        return changed.get();
    }

    /**
     * Runs a connection's change under the lock of the VPC's router, with the router when it is Running; when the
     * change fails for want of the router, the connection (if still there) goes to Error with the reason.
     */
    private void locked(long vpcId, long connectionId, Consumer<Optional<DomainRouterVO>> change) {
        Optional<DomainRouterVO> router = routers.findByVpc(vpcId);
        Runnable run = () -> {
            try {
                change.accept(router.flatMap(r -> routers.findById(r.id())).filter(r -> r.state() == DomainRouterVO.State.Running));
            } catch (ApiException e) {
                if (e.errorCode() == ApiErrorCode.RESOURCE_UNAVAILABLE_ERROR) {
                    connections.setState(connectionId, State.Error, e.getMessage());
                }
                throw e;
            }
        };
        if (router.isEmpty()) {
            run.run();
            return;
        }
        routerManager.locked(router.get().id(), () -> {
            run.run();
            return null;
        });
    }

    /** Sends the router its configuration as the database has it now; call with the router's lock held. */
    private void send(DomainRouterVO router) {
        send(router, Set.of());
    }

    /** Sends the configuration with the connections being started (see {@link #payload}); returns the router's answer. */
    private RouterAnswer send(DomainRouterVO router, Set<Long> starting) {
        S2sModels.Live live = models.live(router.vpcId());
        return send(router, payload(router, live, starting), live);
    }

    private RouterAnswer send(DomainRouterVO router, String payload, S2sModels.Live live) {
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
        LOG.info("router {}: s2s-apply of {} done in {} ms", router.name(), hash(payload), millis);
        monitor.process(router, answer.output(), live);
        return answer;
    }

    /**
     * The s2s-apply spec of the router: every live connection of its VPC but the Pending ones, except those being
     * started (they leave Pending once the router has them, so that the apply's own status answer does not already
     * move them on: a created connection answers Connecting, as in CloudStack).
     */
    private String payload(DomainRouterVO router, S2sModels.Live live, Set<Long> starting) {
        List<S2sConnection> applied = applied(live, starting);
        String spec = S2sApplySpec.of(router.namespace(), applied);
        Rendered now = new Rendered(router.namespace(), applied, hash(spec));
        rendered.put(router.id(), now);
        LOG.debug("router {}: site-to-site configuration {} of {} connection(s): {}", router.name(), now.hash(), applied.size(),
                applied.stream().map(S2sConnection::name).toList());
        return spec;
    }

    private static List<S2sConnection> applied(S2sModels.Live live, Set<Long> starting) {
        return live.connections().stream().filter(c -> c.state() != State.Pending || starting.contains(c.id())).map(live::model).toList();
    }

    /**
     * The hash of the configuration the database gives the router, rendered again only when one of its models changed:
     * rendering every router's whole configuration at every sweep cost more than the rest of the check.
     */
    private String desiredHash(DomainRouterVO router, S2sModels.Live live) {
        Rendered last = rendered.get(router.id());
        if (last != null && last.namespace().equals(router.namespace()) && last.applied().equals(applied(live, Set.of()))) {
            return last.hash();
        }
        payload(router, live, Set.of());
        return rendered.get(router.id()).hash();
    }

    private static String hash(String spec) {
        return JsonParser.parseString(spec).getAsJsonObject().get("hash").getAsString();
    }
}
