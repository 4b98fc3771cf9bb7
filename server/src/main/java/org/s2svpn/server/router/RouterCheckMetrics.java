package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.s2svpn.framework.metrics.MetricFamily;
import org.s2svpn.framework.metrics.MetricFamily.Type;
import org.s2svpn.framework.metrics.MetricSource;

/** The router check's sweeps on this server, for the Prometheus exporter: each server sweeps the routers it owns. */
public final class RouterCheckMetrics implements MetricSource {
    private final RouterTimer timer;

    public RouterCheckMetrics(RouterTimer timer) {
        this.timer = requireNonNull(timer, "timer");
    }

    @Override
    public List<MetricFamily> metrics() {
        RouterTimer.Sweeps s = timer.sweepStats();
        return List.of(
                one("cloudstack_router_check_sweeps_total", "Sweeps of the router check (router.check.interval) this server ran.",
                        Type.COUNTER, s.count()),
                one("cloudstack_router_check_routers_total", "Routers this server's router check checked, over all its sweeps.",
                        Type.COUNTER, s.routersChecked()),
                one("cloudstack_router_check_last_duration_seconds", "How long the last sweep of the router check took.",
                        Type.GAUGE, s.lastNanos() / 1e9),
                one("cloudstack_router_check_last_routers", "Routers the last sweep of the router check checked.",
                        Type.GAUGE, s.lastRouters()),
                one("cloudstack_router_check_last_timestamp_seconds", "When the last sweep of the router check ended (Unix time); 0 before the first.",
                        Type.GAUGE, s.lastEndMillis() / 1e3));
    }

    private static MetricFamily one(String name, String help, Type type, double value) {
        return new MetricFamily(name, help, type, List.of(new MetricFamily.Sample(name, Map.of(), value)));
    }
}
