package org.s2svpn.server.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.schema.dao.ManagementServerHostDao;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.config.ServerSettings;

/**
 * Several management servers on one database (CloudStack's clustering, simpler): any server takes any API call and
 * runs the jobs it accepted; each router is checked by the one server that owns it. Every server writes a
 * heartbeat; before each router sweep a server marks silent servers Down (the one that manages to do so fails their
 * pending jobs and takes their routers over, checking them in that very sweep) and then takes or gives back routers
 * until it owns its fair share.
 *
 * <p>Timing, for a check interval I: a heartbeat every second; the silence limit is I/2 but at least 5 s. A
 * dead server's routers were checked at most I + S before it died, S the spread of a sweep's checks (10 ms per
 * router, a quarter of the interval at most); the first sweep of another server after the silence limit, at most I
 * later, takes them over and checks them first: 2I + S plus the limit, within three intervals (for a thousand
 * routers or more, S = I/4, with an interval of 7 s or more). A router given back (to share the work out) was
 * checked at most I + S before and is taken at the next sweep of another server.
 * A server judges others only after its own heartbeats have gone through for two silence limits, so that a
 * database outage, which silences everybody, makes nobody Down.
 */
public final class ClusterManager implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ClusterManager.class);
    static final long MIN_SILENCE_MILLIS = 5_000;
    /** Often enough for the shortest silence limit whatever the interval (a change of it applies at once). */
    static final long HEARTBEAT_MILLIS = 1_000;

    private final ManagementServerHostDao hosts;
    private final RouterDao routers;
    private final AsyncJobManager jobs;
    private final ConfigDepot config;
    private final long msid;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "heartbeat"));
    /** When the heartbeats last started going through (after the start, or after a failure). */
    private volatile long beatingSinceNanos = Long.MAX_VALUE;

    public ClusterManager(ManagementServerHostDao hosts, RouterDao routers, AsyncJobManager jobs, ConfigDepot config, long msid) {
        this.hosts = requireNonNull(hosts, "hosts");
        this.routers = requireNonNull(routers, "routers");
        this.jobs = requireNonNull(jobs, "jobs");
        this.config = requireNonNull(config, "config");
        this.msid = msid;
    }

    public long msid() {
        return msid;
    }

    /** Joins the cluster: Up with a heartbeat, which then goes on every second. */
    public void start(String name) {
        hosts.up(msid, name);
        beatingSinceNanos = System.nanoTime();
        scheduleHeartbeat();
    }

    private void scheduleHeartbeat() {
        heartbeats.schedule(() -> {
            try {
                if (!hosts.heartbeat(msid)) {
                    LOG.warn("the other management servers took this one (msid {}) for dead; joining again", msid);
                    hosts.up(msid, "msid " + msid);
                    beatingSinceNanos = System.nanoTime();
                } else if (beatingSinceNanos == Long.MAX_VALUE) {
                    beatingSinceNanos = System.nanoTime();
                }
            } catch (RuntimeException e) {
                if (beatingSinceNanos != Long.MAX_VALUE) {
                    LOG.warn("heartbeat of management server msid {} failed: {}", msid, e.getMessage());
                }
                beatingSinceNanos = Long.MAX_VALUE;
            } finally {
                if (!heartbeats.isShutdown()) {
                    scheduleHeartbeat();
                }
            }
        }, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How long a server may stay silent before the others take it for dead. */
    long silenceMillis() {
        long interval = Math.max(1, config.value(ServerSettings.ROUTER_CHECK_INTERVAL)) * 1000L;
        return Math.max(MIN_SILENCE_MILLIS, interval / 2);
    }

    /** Before a sweep: cleans up after dead servers, then takes or gives back routers to own a fair share. */
    public void balance() {
        long silence = silenceMillis();
        if (System.nanoTime() - beatingSinceNanos > TimeUnit.MILLISECONDS.toNanos(2 * silence)) {
            for (long dead : hosts.silent(silence)) {
                if (dead != msid && hosts.markDown(dead, silence)) {
                    int failed = jobs.failJobsOf(dead);
                    int taken = routers.takeOver(dead, msid);
                    LOG.warn("management server msid {} stopped sending heartbeats: marked Down, {} of its job(s) failed, {} router(s) taken"
                            + " over", dead, failed, taken);
                }
            }
        }
        List<Long> live = hosts.live(silence);
        if (!live.contains(msid)) {
            live = new java.util.ArrayList<>(live);
            live.add(msid);
        }
        int[] ownership = routers.ownership(msid);
        int fair = (ownership[0] + live.size() - 1) / live.size();
        if (ownership[1] > fair) {
            int released = routers.release(msid, ownership[1] - fair);
            LOG.info("gave back {} router(s) to the other {} management server(s)", released, live.size() - 1);
        } else if (ownership[1] < fair) {
            int claimed = routers.claim(msid, live, fair - ownership[1]);
            if (claimed > 0) {
                LOG.info("took {} router(s): now {} of {} with {} management server(s) up", claimed, ownership[1] + claimed, ownership[0],
                        live.size());
            }
        }
    }

    /** A clean stop: Down at once and every router given back, so that the others need not wait for silence. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        try {
            hosts.down(msid);
            routers.releaseAll(msid);
        } catch (RuntimeException e) {
            LOG.warn("could not sign off management server msid {}: {}", msid, e.getMessage());
        }
    }
}
