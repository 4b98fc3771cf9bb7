package org.s2svpn.framework.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations, safe to observe from many threads at once without a lock: each bucket and the
 * sum are {@link LongAdder}s, which spread concurrent additions over cells instead of making threads
 * contend for one word (the API observes every call, a thousand a second).
 */
public final class Histogram {
    /** Upper bounds in seconds: API calls take from under a millisecond (a list) to seconds (a login under load). */
    public static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long[] BOUNDS_NANOS = java.util.Arrays.stream(BOUNDS).mapToLong(b -> Math.round(b * 1e9)).toArray();

    /** Observations per bucket, not cumulative: the last cell counts those above every bound. */
    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public Histogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observeNanos(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
    }

    /**
     * The samples of this histogram with the given labels: cumulative buckets (le), _sum in seconds, _count. Read
     * while others observe, the buckets are read one after the other: the count is the +Inf bucket as read, so that
     * the two always agree as Prometheus requires.
     */
    public List<MetricFamily.Sample> samples(String name, Map<String, String> labels) {
        List<MetricFamily.Sample> samples = new ArrayList<>(BOUNDS.length + 3);
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += buckets[i].sum();
            samples.add(new MetricFamily.Sample(name + "_bucket", with(labels, "le", PrometheusText.number(BOUNDS[i])), cumulative));
        }
        cumulative += buckets[BOUNDS.length].sum();
        samples.add(new MetricFamily.Sample(name + "_bucket", with(labels, "le", "+Inf"), cumulative));
        samples.add(new MetricFamily.Sample(name + "_sum", labels, sumNanos.sum() / 1e9));
        samples.add(new MetricFamily.Sample(name + "_count", labels, cumulative));
        return samples;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(name, value);
        return all;
    }
}
