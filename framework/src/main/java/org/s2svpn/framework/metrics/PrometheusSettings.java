package org.s2svpn.framework.metrics;

import java.util.List;
import org.s2svpn.framework.config.ConfigKey;
import org.s2svpn.framework.config.Configurable;

/** The settings of CloudStack's Prometheus exporter, with its names and defaults; see {@link PrometheusExporter}. */
public final class PrometheusSettings implements Configurable {
    public static final ConfigKey<Boolean> ENABLE = ConfigKey.of("Advanced", Boolean.class, "prometheus.exporter.enable", "false",
            "Enable the prometheus exporter: each management server answers GET /metrics on prometheus.exporter.port.");

    public static final ConfigKey<Integer> PORT = ConfigKey.of("Advanced", Integer.class, "prometheus.exporter.port", "9595",
                    "The prometheus exporter server port")
            .withCheck(v -> v >= 1 && v <= 65535 ? null : "must be 1 to 65535");

    public static final ConfigKey<String> ALLOWED_IPS = ConfigKey.of("Advanced", String.class, "prometheus.exporter.allowed.ips", "127.0.0.1",
                    "List of comma separated prometheus server ips (with no spaces) that should be allowed to access the URLs")
            .withCheck(PrometheusExporter::checkAddresses);

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(ENABLE, PORT, ALLOWED_IPS);
    }
}
