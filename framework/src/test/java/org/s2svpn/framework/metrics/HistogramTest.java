package org.s2svpn.framework.metrics;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.s2svpn.framework.metrics.MetricFamily.Sample;

public class HistogramTest {

    @Test
    public void bucketsAreCumulativeAndTheCountIsTheInfBucket() {
        Histogram h = new Histogram();
        h.observeNanos(TimeUnit.MICROSECONDS.toNanos(500));
        h.observeNanos(TimeUnit.MILLISECONDS.toNanos(1)); // on a bound: in that bucket (le is "less or equal")
        h.observeNanos(TimeUnit.MILLISECONDS.toNanos(3));
        h.observeNanos(TimeUnit.SECONDS.toNanos(20));

        Map<String, Double> byLe = new java.util.LinkedHashMap<>();
        double sum = -1;
        double count = -1;
        for (Sample s : h.samples("d", Map.of("command", "listVpnConnections"))) {
            assertEquals("listVpnConnections", s.labels().get("command"));
            switch (s.name()) {
                case "d_bucket" -> byLe.put(s.labels().get("le"), s.value());
                case "d_sum" -> sum = s.value();
                case "d_count" -> count = s.value();
                default -> throw new AssertionError(s);
            }
        }
        assertEquals(List.of("0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"),
                new ArrayList<>(byLe.keySet()));
        assertEquals(2.0, byLe.get("0.001"), 0);
        assertEquals(2.0, byLe.get("0.0025"), 0);
        assertEquals(3.0, byLe.get("0.005"), 0);
        assertEquals(3.0, byLe.get("10"), 0);
        assertEquals(4.0, byLe.get("+Inf"), 0);
        assertEquals(4.0, count, 0);
        assertEquals(20.0045, sum, 1e-9);
    }

    @Test
    public void observationsFromManyThreadsAtOnceAreAllCounted() throws Exception {
        ApiLatency latency = new ApiLatency();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String command = t % 2 == 0 ? "listVpnConnections" : "listZones";
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        latency.observe(command, i * 1_000L);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Map<String, Double> counts = new java.util.TreeMap<>();
        for (Sample s : latency.metrics().get(0).samples()) {
            if (s.name().endsWith("_count")) {
                counts.put(s.labels().get("command"), s.value());
            }
        }
        assertEquals(Map.of("listVpnConnections", 40_000.0, "listZones", 40_000.0), counts);
    }
}
