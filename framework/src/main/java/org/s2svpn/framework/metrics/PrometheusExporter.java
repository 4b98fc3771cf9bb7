package org.s2svpn.framework.metrics;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.s2svpn.framework.config.ConfigDepot;
import org.s2svpn.framework.db.DatabaseOutage;
import org.s2svpn.framework.http.MetricsHandler;

/**
 * CloudStack's Prometheus exporter ({@link PrometheusSettings}): when {@code prometheus.exporter.enable} is true, each
 * management server answers {@code GET /metrics} on {@code prometheus.exporter.port} of every address, to the addresses
 * of {@code prometheus.exporter.allowed.ips} only. Unlike CloudStack's, a change of the settings applies without a
 * restart: they are read every second, and the HTTP server is started, moved or stopped to match.
 */
public final class PrometheusExporter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(PrometheusExporter.class);
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private final ConfigDepot config;
    private final List<MetricSource> sources;
    private final PrometheusText text = new PrometheusText();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "PrometheusExporter"));
    /** The server answering now, and its port; touched by the timer's thread only. */
    private Server http;
    private int httpPort;
    private int failedPort;

    public PrometheusExporter(ConfigDepot config, List<MetricSource> sources) {
        this.config = requireNonNull(config, "config");
        this.sources = List.copyOf(requireNonNull(sources, "sources"));
    }

    /** Starts following the settings; the first check runs at once. */
    public void start() {
        timer.scheduleWithFixedDelay(this::follow, 0, 1, TimeUnit.SECONDS);
    }

    /** The port answering now, or 0 when the exporter is off. */
    public int port() {
        try {
            return timer.submit(() -> http == null ? 0 : httpPort).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void follow() {
        try {
            boolean enable = config.value(PrometheusSettings.ENABLE);
            int port = config.value(PrometheusSettings.PORT);
            if (http != null && (!enable || port != httpPort)) {
                stopHttp();
            }
            if (enable && http == null) {
                startHttp(port);
            }
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("prometheus exporter: settings unreadable, the database cannot be reached ({})", DatabaseOutage.describe(e));
            } else {
                LOG.error("prometheus exporter: cannot follow its settings", e);
            }
        }
    }

    private void startHttp(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("prometheus-exporter");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setPort(port);
        server.addConnector(connector);
        GzipHandler gzip = new GzipHandler(); // Prometheus asks for gzip; 10,000 connections are megabytes of text
        gzip.setHandler(new MetricsHandler(this::allowed, this::scrape));
        server.setHandler(gzip);
        server.setStopTimeout(2_000);
        try {
            server.start();
            http = server;
            httpPort = port;
            failedPort = 0;
            LOG.info("prometheus exporter: answering GET /metrics on port {}", port);
        } catch (Exception e) {
            stopQuietly(server);
            if (failedPort != port) { // once per port, not every second
                LOG.warn("prometheus exporter: cannot listen on port {}: {}; trying again every second", port, e.toString());
                failedPort = port;
            }
        }
    }

    private void stopHttp() {
        stopQuietly(http);
        LOG.info("prometheus exporter: stopped answering on port {}", httpPort);
        http = null;
        httpPort = 0;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("prometheus exporter: stopping its HTTP server failed: {}", e.toString());
        }
    }

    /** The text of one scrape. A source that fails (the database away) is left out of it, and the others still answer. */
    String scrape() {
        List<MetricFamily> families = new ArrayList<>();
        for (MetricSource source : sources) {
            try {
                families.addAll(source.metrics());
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("prometheus exporter: {} left out of this scrape, the database cannot be reached ({})",
                            source.getClass().getSimpleName(), DatabaseOutage.describe(e));
                } else {
                    LOG.error("prometheus exporter: {} left out of this scrape", source.getClass().getSimpleName(), e);
                }
            }
        }
        return text.write(families);
    }

    private Set<InetAddress> allowed() {
        return addresses(config.value(PrometheusSettings.ALLOWED_IPS));
    }

    /** The addresses of a comma list; a stored value passed {@link #checkAddresses}, so each is an address literal. */
    static Set<InetAddress> addresses(String list) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                addresses.add(literal(item.trim()));
            }
        }
        return addresses;
    }

    /** Null, or why the list is refused: each item must be an IPv4 or IPv6 address (no names: they would be looked up). */
    static String checkAddresses(String list) {
        for (String item : list.split(",")) {
            String address = item.trim();
            if (address.isEmpty()) {
                continue;
            }
            try {
                literal(address);
            } catch (IllegalArgumentException e) {
                return "must be a comma separated list of IP addresses; " + e.getMessage();
            }
        }
        return null;
    }

    /** An address literal, parsed without a name lookup: a dotted quad, or an IPv6 address (it has a colon). */
    private static InetAddress literal(String address) {
        if (!IPV4.matcher(address).matches() && !(address.contains(":") && address.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            stopHttp();
        }
    }
}
