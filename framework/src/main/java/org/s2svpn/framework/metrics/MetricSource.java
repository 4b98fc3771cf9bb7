package org.s2svpn.framework.metrics;

import java.util.List;

/** A component whose metrics the Prometheus exporter writes at each scrape; read then, never pushed. */
public interface MetricSource {
    List<MetricFamily> metrics();
}
