package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.NetworkDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.config.ServerSettings;
import org.springframework.beans.factory.ObjectProvider;

/**
 * CloudStack's CheckRouterTask: every router.check.interval seconds (re-read at each tick, so a change applies at
 * once; 0 or less pauses it) the Running routers with at least one tier are handed to every {@link RouterCheck}.
 */
public final class RouterTimer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RouterTimer.class);

    private final RouterDao routers;
    private final NetworkDao tiers;
    private final ConfigDepot config;
    private final ObjectProvider<RouterCheck> checks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "RouterStatusMonitor"));
    private long lastRunNanos;
    private volatile long sweeps;

    public RouterTimer(RouterDao routers, NetworkDao tiers, ConfigDepot config, ObjectProvider<RouterCheck> checks) {
        this.routers = requireNonNull(routers, "routers");
        this.tiers = requireNonNull(tiers, "tiers");
        this.config = requireNonNull(config, "config");
        this.checks = requireNonNull(checks, "checks");
    }

    public void start() {
        lastRunNanos = System.nanoTime();
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            int interval = config.value(ServerSettings.ROUTER_CHECK_INTERVAL);
            if (interval <= 0 || System.nanoTime() - lastRunNanos < TimeUnit.SECONDS.toNanos(interval)) {
                return;
            }
            lastRunNanos = System.nanoTime();
            sweep();
        } catch (RuntimeException e) {
            LOG.error("router check failed", e); // the next tick tries again
        }
    }

    /** One pass over the routers; also run by tests and after a restart without waiting for the interval. */
    public void sweep() {
        List<DomainRouterVO> running = routers.listByState(DomainRouterVO.State.Running).stream()
                .filter(r -> !tiers.listByVpc(r.vpcId()).isEmpty())
                .toList();
        checks.orderedStream().forEach(check -> {
            try {
                check.check(running);
            } catch (RuntimeException e) {
                LOG.error("router check {} failed", check.getClass().getSimpleName(), e);
            }
        });
        sweeps++;
    }

    public long sweeps() {
        return sweeps;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
