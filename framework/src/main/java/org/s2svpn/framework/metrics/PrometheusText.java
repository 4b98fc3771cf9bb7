package org.s2svpn.framework.metrics;

import java.util.Collection;
import java.util.Map;

/**
 * Prometheus's text exposition format, version 0.0.4: per family a {@code # HELP} line (backslash and line feed
 * escaped), a {@code # TYPE} line, then its samples, label values escaped (backslash, double quote, line feed).
 * A pure function: the same families give the same text.
 */
public final class PrometheusText {
    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public String write(Collection<MetricFamily> families) {
        // about 100 characters a sample: sized once, not doubled and copied a dozen times for a large scrape
        StringBuilder out = new StringBuilder(4096 + 128 * families.stream().mapToInt(f -> f.samples().size()).sum());
        for (MetricFamily family : families) {
            out.append("# HELP ").append(family.name()).append(' ');
            escape(family.help(), false, out);
            out.append("\n# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
            for (MetricFamily.Sample sample : family.samples()) {
                out.append(sample.name());
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(label.getKey()).append("=\"");
                        escape(label.getValue(), true, out);
                        out.append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(sample.value())).append('\n');
            }
        }
        return out.toString();
    }

    /** Help text escapes backslash and line feed; a label value also the double quote. */
    static void escape(String text, boolean labelValue, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(labelValue ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    /** Whole numbers as such (counters of bytes are exact up to 2^53), others as Go's ParseFloat reads them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
