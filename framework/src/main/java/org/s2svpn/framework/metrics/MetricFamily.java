package org.s2svpn.framework.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One metric as Prometheus names it: a name, its help text, its type and its samples. A counter's or gauge's samples
 * carry the family's name; a histogram's carry the name with _bucket, _sum or _count. Names are checked here, so
 * that no caller can write a line that a scraper refuses.
 */
public record MetricFamily(String name, String help, Type type, List<Sample> samples) {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Label names already checked: a few names, used by every sample of a scrape (100,000 for 10,000 connections). */
    private static final java.util.Set<String> CHECKED_LABELS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The types of the text format 0.0.4 that this server writes. */
    public enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One line: the sample's name, its labels in the order given, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            requireNonNull(name, "name");
            labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(labels, "labels")));
            for (Map.Entry<String, String> label : labels.entrySet()) {
                checkLabelName(label.getKey());
                requireNonNull(label.getValue(), () -> "label " + label.getKey());
            }
        }
    }

    private static void checkLabelName(String name) {
        if (CHECKED_LABELS.contains(name)) {
            return;
        }
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("invalid label name " + name);
        }
        CHECKED_LABELS.add(name);
    }

    public MetricFamily {
        requireNonNull(name, "name");
        requireNonNull(help, "help");
        requireNonNull(type, "type");
        samples = List.copyOf(requireNonNull(samples, "samples"));
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name " + name);
        }
        for (Sample s : samples) {
            boolean named = type == Type.HISTOGRAM
                    ? s.name().equals(name + "_bucket") || s.name().equals(name + "_sum") || s.name().equals(name + "_count")
                    : s.name().equals(name);
            if (!named) {
                throw new IllegalArgumentException("sample " + s.name() + " does not belong to " + type.text() + " " + name);
            }
        }
    }
}
