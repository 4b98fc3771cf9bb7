package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.DomainRouterVO.State;
import org.s2svpn.schema.IpAddressVO;
import org.s2svpn.schema.NetworkVO;
import org.s2svpn.schema.VlanVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.schema.dao.VlanDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.config.ServerSettings;
import org.s2svpn.server.host.HostManager;
import org.s2svpn.server.net.Cidr;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Starts, stops, reboots and destroys VPC routers, and re-applies a running router's spec after a tier change.
 * Operations on one router run one at a time ({@link #locked}); each ends in a state the next operation can repair.
 */
public final class RouterManager {
    private static final Logger LOG = LogManager.getLogger(RouterManager.class);

    private final RouterDao routers;
    private final VpcDao vpcs;
    private final NetworkDao tiers;
    private final IpAddressDao addresses;
    private final VlanDao vlans;
    private final HostManager hosts;
    private final RouterChannel channel;
    private final ConfigDepot config;
    private final Gson gson;
    private final ObjectProvider<RouterLifecycleListener> listeners;
    private final ConcurrentHashMap<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RouterManager(RouterDao routers, VpcDao vpcs, NetworkDao tiers, IpAddressDao addresses, VlanDao vlans, HostManager hosts,
                         RouterChannel channel, ConfigDepot config, Gson gson, ObjectProvider<RouterLifecycleListener> listeners) {
        this.routers = requireNonNull(routers, "routers");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.tiers = requireNonNull(tiers, "tiers");
        this.addresses = requireNonNull(addresses, "addresses");
        this.vlans = requireNonNull(vlans, "vlans");
        this.hosts = requireNonNull(hosts, "hosts");
        this.channel = requireNonNull(channel, "channel");
        this.config = requireNonNull(config, "config");
        this.gson = requireNonNull(gson, "gson");
        this.listeners = requireNonNull(listeners, "listeners");
    }

    /** Starts a stopped router on a network node of its zone (or the simulator when the zone has none). */
    public DomainRouterVO start(long routerId) {
        return locked(routerId, () -> {
            DomainRouterVO router = current(routerId);
            if (router.state() == State.Running) {
                return router;
            }
            if (router.state() != State.Stopped) {
                throw ApiException.invalidParameter("Router " + router.name() + " is " + router.state() + "; it can be started when Stopped");
            }
            Long hostId = hosts.pickHost(router.zoneId()).orElse(null);
            routers.placeOn(routerId, hostId);
            routers.setState(routerId, State.Starting, null);
            DomainRouterVO starting = current(routerId);
            String error = apply(starting);
            if (error != null) {
                routers.setState(routerId, State.Stopped, error);
                throw ApiException.unavailable("Unable to start router " + router.name() + ": " + error);
            }
            routers.setState(routerId, State.Running, null);
            DomainRouterVO running = current(routerId);
            listeners.orderedStream().forEach(l -> notify(() -> l.started(running), running));
            return running;
        });
    }

    public DomainRouterVO stop(long routerId) {
        return locked(routerId, () -> {
            DomainRouterVO router = current(routerId);
            if (router.state() == State.Stopped) {
                return router;
            }
            routers.setState(routerId, State.Stopping, null);
            String error = attempt(router, "stop", null);
            if (error != null) {
                routers.setState(routerId, State.Running, error);
                throw ApiException.unavailable("Unable to stop router " + router.name() + ": " + error);
            }
            routers.setState(routerId, State.Stopped, null);
            DomainRouterVO stopped = current(routerId);
            listeners.orderedStream().forEach(l -> notify(() -> l.stopped(stopped), stopped));
            return stopped;
        });
    }

    /** Tears the router's namespace and daemon down and builds them again; its configuration is re-applied on start. */
    public DomainRouterVO reboot(long routerId) {
        return locked(routerId, () -> {
            stop(routerId);
            return start(routerId);
        });
    }

    /** Removes the router from its node and from the database; a node that cannot be reached is logged, not fatal. */
    public void destroy(long routerId) {
        locked(routerId, () -> {
            DomainRouterVO router = current(routerId);
            String error = attempt(router, "destroy", null);
            if (error != null) {
                LOG.warn("router {} could not be removed from its node ({}); removing it from the database anyway", router.name(), error);
            }
            routers.markRemoved(routerId);
            listeners.orderedStream().forEach(l -> notify(() -> l.stopped(router), router));
            return router;
        });
        locks.remove(routerId);
    }

    /** Sends a running router its whole spec again, as after a tier was added or removed. */
    public void reapply(long routerId) {
        locked(routerId, () -> {
            DomainRouterVO router = current(routerId);
            if (router.state() == State.Running) {
                String error = apply(router);
                if (error != null) {
                    throw ApiException.unavailable("Unable to apply the configuration of router " + router.name() + ": " + error);
                }
            }
            return router;
        });
    }

    /** The spec the router should run, from the database. */
    public RouterSpec specOf(DomainRouterVO router) {
        VpcVO vpc = vpcs.findById(router.vpcId()).orElseThrow();
        IpAddressVO ip = addresses.findById(router.publicIpId()).orElseThrow();
        VlanVO vlan = vlans.findById(ip.vlanId()).orElseThrow();
        int publicPrefix = Cidr.prefixOfNetmask(vlan.netmask());
        List<RouterSpec.TierNic> nics = tiers.listByVpc(vpc.id()).stream()
                .map(t -> new RouterSpec.TierNic(t.broadcastUri(), "t" + t.id(), t.gateway(), Cidr.parse(t.cidr()).prefix()))
                .toList();
        return new RouterSpec(router.namespace(), new RouterSpec.PublicNic(config.value(ServerSettings.PUBLIC_BRIDGE), "eth1",
                ip.address(), publicPrefix, vlan.gateway()), nics, new RouterSpec.Snat(vpc.cidr()));
    }

    public RouterAnswer send(DomainRouterVO router, String verb, String payload) {
        return channel.send(router, new RouterCommand(verb, payload, timeout()));
    }

    private String apply(DomainRouterVO router) {
        return attempt(router, "start", gson.toJson(specOf(router)));
    }

    /** Sends a command and logs its outcome; returns null on success, or why it failed. */
    private String attempt(DomainRouterVO router, String verb, String payload) {
        try (var ctx = CloseableThreadContext.put("router", router.name())) {
            long start = System.nanoTime();
            try {
                RouterAnswer answer = send(router, verb, payload);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (answer.success()) {
                    LOG.info("router {}: {} done in {} ms", router.name(), verb, millis);
                    return null;
                }
                LOG.warn("router {}: {} failed in {} ms: {}", router.name(), verb, millis, answer.error().strip());
                return answer.error().strip();
            } catch (RouterUnreachableException e) {
                LOG.warn("router {}: {} failed: {}", router.name(), verb, e.getMessage());
                return e.getMessage();
            }
        }
    }

    private Duration timeout() {
        return Duration.ofSeconds(config.value(ServerSettings.ROUTER_COMMAND_TIMEOUT));
    }

    private DomainRouterVO current(long routerId) {
        return routers.findById(routerId).orElseThrow(() -> ApiException.invalidParameter("Unable to find router by id"));
    }

    /**
     * Runs action while no other operation on the router runs in this server: its start, stop and destroy, and what
     * features send it (a site-to-site apply). The one place this lock is taken, so that it can become a lock in the
     * database when several management servers share routers. Reentrant: a feature's start hook runs inside start.
     */
    public <T> T locked(long routerId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(routerId, id -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static void notify(Runnable listener, DomainRouterVO router) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("a router listener failed for router {}", router.name(), e);
        }
    }
}
