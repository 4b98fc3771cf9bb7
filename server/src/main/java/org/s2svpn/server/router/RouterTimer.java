package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.db.DatabaseOutage;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.server.cluster.ClusterManager;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.config.ServerSettings;
import org.springframework.beans.factory.ObjectProvider;

/**
 * CloudStack's CheckRouterTask: every router.check.interval seconds (re-read at each tick, so a change applies at
 * once; 0 or less pauses it) each Running router with at least one tier is handed to every {@link RouterCheck}, routers in parallel with a bound.
 * The checks of a sweep start spread out, one every 10 ms but over a quarter of the interval at most, the routers
 * checked longest ago first (those just taken over from a dead server), the others in the same order at every
 * sweep: a thousand routers checked in the same second made the API's answers wait for the database and the CPU
 * every interval; spread, each router is still checked every interval, give or take a quarter of it.
 */
public final class RouterTimer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RouterTimer.class);

    private final RouterDao routers;
    private final ClusterManager cluster;
    private final ConfigDepot config;
    private final ObjectProvider<RouterCheck> checks;
    /** Routers checked at once: a slow or unreachable node holds one thread, not the sweep. */
    static final int PARALLEL = 16;
    /** The checks of a timed sweep start one every STEP, over 1/SPREAD of the interval at most. */
    static final int SPREAD = 4;
    static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "RouterStatusMonitor"));
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> new Thread(r, "router-check"));
    private long lastRunNanos;
    private final AtomicReference<Sweeps> sweeps = new AtomicReference<>(new Sweeps(0, 0, 0, 0, 0));

    /** The sweeps this server ran since it started (timed ones and those run by hand), and the last of them. */
    public record Sweeps(long count, long routersChecked, int lastRouters, long lastNanos, long lastEndMillis) {
        Sweeps plus(int routers, long nanos, long endMillis) {
            return new Sweeps(count + 1, routersChecked + routers, routers, nanos, endMillis);
        }
    }

    public RouterTimer(RouterDao routers, ClusterManager cluster, ConfigDepot config, ObjectProvider<RouterCheck> checks) {
        this.routers = requireNonNull(routers, "routers");
        this.cluster = requireNonNull(cluster, "cluster");
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
            sweep(TimeUnit.SECONDS.toNanos(interval) / SPREAD);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("router check skipped: the database cannot be reached ({})", DatabaseOutage.describe(e));
            } else {
                LOG.error("router check failed", e); // the next tick tries again
            }
        } catch (Error e) {
            // a scheduled task that throws is never run again: log it and keep the timer alive for the next tick
            LOG.error("router check failed", e);
        }
    }

    /** One pass over the routers, all checks started at once; run by tests and the demo without waiting for the interval. */
    public void sweep() {
        sweep(0);
    }

    /** One pass, the checks started one every {@link #STEP_NANOS} or closer, so that the last starts within that time. */
    void sweep(long maxSpreadNanos) {
        long start = System.nanoTime();
        cluster.balance();
        List<DomainRouterVO> running = routers.listCheckable(cluster.msid());
        long spreadNanos = Math.min(maxSpreadNanos, running.size() * STEP_NANOS);
        List<RouterCheck> all = checks.orderedStream().toList();
        List<Future<Long>> pending = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            DomainRouterVO router = running.get(i);
            try {
                TimeUnit.NANOSECONDS.sleep(start + spreadNanos * i / running.size() - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending.add(pool.submit(() -> check(all, router)));
        }
        List<Long> checked = new ArrayList<>();
        for (Future<Long> f : pending) {
            try {
                checked.add(f.get());
            } catch (ExecutionException e) {
                LOG.error("router check failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        routers.markChecked(checked); // one statement for the sweep, not one per router
        long nanos = System.nanoTime() - start;
        sweeps.updateAndGet(s -> s.plus(running.size(), nanos, System.currentTimeMillis()));
        long millis = nanos / 1_000_000;
        LOG.info("router sweep: {} router(s) checked in {} ms{}", running.size(), millis,
                spreadNanos > 0 ? " (started over " + spreadNanos / 1_000_000 + " ms)" : "");
    }

    private static long check(List<RouterCheck> all, DomainRouterVO router) {
        for (RouterCheck check : all) {
            try {
                check.check(router);
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("router check {} on router {} stopped: the database cannot be reached ({})", check.getClass().getSimpleName(),
                            router.name(), DatabaseOutage.describe(e));
                } else {
                    LOG.error("router check {} failed on router {}", check.getClass().getSimpleName(), router.name(), e);
                }
            }
        }
        return router.id();
    }

    public long sweeps() {
        return sweeps.get().count();
    }

    public Sweeps sweepStats() {
        return sweeps.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
