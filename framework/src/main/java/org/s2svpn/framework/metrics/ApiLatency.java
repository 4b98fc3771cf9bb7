package org.s2svpn.framework.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long API calls take, by command: one histogram per command that was called. The command label is the
 * command's registered name, or {@value #UNKNOWN} for a name the server does not know, so that callers cannot grow
 * the label set with made-up names.
 */
public final class ApiLatency implements MetricSource {
    public static final String NAME = "cloudstack_api_request_duration_seconds";
    public static final String UNKNOWN = "unknown";

    private final Map<String, Histogram> byCommand = new ConcurrentHashMap<>();

    /** Called once per API call, with the registered name of its command (or {@link #UNKNOWN}). */
    public void observe(String command, long nanos) {
        Histogram h = byCommand.get(command); // lock-free for every command already seen
        if (h == null) {
            h = byCommand.computeIfAbsent(command, c -> new Histogram());
        }
        h.observeNanos(nanos);
    }

    @Override
    public List<MetricFamily> metrics() {
        List<MetricFamily.Sample> samples = new ArrayList<>();
        byCommand.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> samples.addAll(e.getValue().samples(NAME, Map.of("command", e.getKey()))));
        return List.of(new MetricFamily(NAME, "Time the management server took to answer API calls, by command.",
                MetricFamily.Type.HISTOGRAM, samples));
    }
}
