package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.framework.metrics.PrometheusExporter;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.cluster.ClusterManager;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.vpn.router.SimulatedS2s;

/**
 * The Prometheus exporter over real HTTP, on H2 and on MariaDB, on a server whose routers are simulated: enabled with updateConfiguration,
 * scraped as Prometheus scrapes it, the text parsed and checked with promtool (Debian's prometheus package, unpacked by
 * scripts/test-deps.sh into /var/cache/s2svpn/prometheus).
 */
@RunWith(Parameterized.class)
public class PrometheusMetricsTest {
    static final Path PROMTOOL = Path.of(System.getProperty("s2svpn.promtool", "/var/cache/s2svpn/prometheus/usr/bin/promtool"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONNECTION = "cloudstack_s2s_vpn_connection";

    private static final ServersByDatabase SERVERS = new ServersByDatabase();

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final TestServer server;
    private final SimulatedVpcs vpcs;
    private final int port;

    /** The database's server, its exporter enabled on a free port the first time. */
    public PrometheusMetricsTest(String database) throws Exception {
        server = SERVERS.get(database);
        vpcs = new SimulatedVpcs(server);
        PrometheusExporter exporter = server.component(PrometheusExporter.class);
        if (exporter.port() == 0) {
            // sweeps only when a test runs one, so that their counts are exact
            vpcs.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
            int free = freePort();
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.port", "value", String.valueOf(free));
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.enable", "value", "true");
            awaitExporterPort(free);
        }
        port = exporter.port();
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    @Test
    public void eachConnectionShowsItsStateTrafficAndLastChangeAndItsCountersNeverGoBackThroughARekey() throws Exception {
        Instant begin = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SimulatedVpcs.Vpc vpc = vpcs.vpc("metrics");
        String upGateway = vpcs.customerGateway("metrics \"up\" gw", "198.51.100.71");
        String up = vpcs.connect(vpc, upGateway);
        vpcs.simulated().peer("198.51.100.72", SimulatedS2s.PeerBehaviour.REFUSE_AUTH);
        // on a router of its own: a router with a connection that does not come up is read again and again for a minute
        // after an apply, and those reads would add to the counters of the other connection between a scrape and the checks
        String down = vpcs.connect(vpcs.vpc("metrics-down"), vpcs.customerGateway("metrics-down-gw", "198.51.100.72"));
        vpcs.awaitState(up, "Connected", Duration.ofSeconds(20));
        vpcs.awaitState(down, "Disconnected", Duration.ofSeconds(20));
        ApiClient.sleep(2_100); // the simulated SAs count by the second
        sweep();

        Scrape first = scrape();
        assertOnlyState(first, up, "Connected");
        assertOnlyState(first, down, "Disconnected");
        Map<String, String> info = first.labels(CONNECTION + "_info", "id", up).orElseThrow(() -> new AssertionError(first.text()));
        assertEquals("admin", info.get("account"));
        assertEquals("ROOT", info.get("domain"));
        assertEquals(vpc.id(), info.get("vpcid"));
        assertEquals(vpc.vpnGateway(), info.get("vpngatewayid"));
        assertEquals(upGateway, info.get("customergatewayid"));
        assertEquals("metrics \"up\" gw", info.get("customergateway"));
        assertEquals("198.51.100.71", info.get("gateway"));
        assertEquals("zone1", info.get("zone"));

        long received = (long) first.value(CONNECTION + "_received_bytes_total", "id", up);
        long sent = (long) first.value(CONNECTION + "_sent_bytes_total", "id", up);
        assertTrue("bytes received " + received, received > 0);
        // bytes are usage's own totals; the simulator counts a packet per 100 bytes, both read from the same answers
        assertEquals(usage(up, 102), received);
        assertEquals(usage(up, 101), sent);
        assertEquals(received, 100 * (long) first.value(CONNECTION + "_received_packets_total", "id", up));
        assertEquals(sent, 100 * (long) first.value(CONNECTION + "_sent_packets_total", "id", up));
        for (String counter : List.of("received_bytes", "sent_bytes", "received_packets", "sent_packets")) {
            assertEquals(counter, 0, first.value(CONNECTION + "_" + counter + "_total", "id", down), 0);
        }
        long changed = (long) first.value(CONNECTION + "_last_state_change_timestamp_seconds", "id", up);
        assertTrue("last change " + changed + " after " + begin, changed >= begin.getEpochSecond() && changed <= Instant.now().getEpochSecond());
        assertEquals(stateChanged(up), changed);

        // a reset puts new SAs on the router, whose counters start again from 0: the totals go on from where they were
        vpcs.job("resetVpnConnection", "id", up);
        vpcs.awaitState(up, "Connected", Duration.ofSeconds(20));
        sweep();
        Scrape afterReset = scrape();
        ApiClient.sleep(1_100);
        sweep();
        Scrape later = scrape();
        for (String counter : List.of("received_bytes", "sent_bytes", "received_packets", "sent_packets")) {
            String name = CONNECTION + "_" + counter + "_total";
            double before = first.value(name, "id", up);
            assertTrue(counter + " went from " + before + " to " + afterReset.value(name, "id", up), afterReset.value(name, "id", up) >= before);
            assertTrue(counter + " grows after the reset", later.value(name, "id", up) > afterReset.value(name, "id", up));
        }
        assertEquals(usage(up, 102), (long) later.value(CONNECTION + "_received_bytes_total", "id", up));
        assertEquals(stateChanged(up), (long) later.value(CONNECTION + "_last_state_change_timestamp_seconds", "id", up));
        assertTrue(later.value(CONNECTION + "_last_state_change_timestamp_seconds", "id", up) >= changed);

        // a deleted connection is no longer shown
        vpcs.job("deleteVpnConnection", "id", down);
        assertEquals(List.of(), scrape().all(CONNECTION + "_state", "id", down));
    }

    @Test
    public void routerCheckSweepsShowTheirCountRoutersAndDuration() throws Exception {
        vpcs.connect(vpcs.vpc("metrics-sweep"), vpcs.customerGateway("metrics-sweep-gw", "198.51.100.73"));
        Scrape before = scrape();
        long start = Instant.now().getEpochSecond();
        sweep();
        sweep();
        Scrape after = scrape();

        int checkable = server.component(RouterDao.class).listCheckable(server.component(ClusterManager.class).msid()).size();
        assertTrue("routers to check: " + checkable, checkable >= 1);
        assertEquals(before.value("cloudstack_router_check_sweeps_total") + 2, after.value("cloudstack_router_check_sweeps_total"), 0);
        assertEquals(before.value("cloudstack_router_check_routers_total") + 2 * checkable, after.value("cloudstack_router_check_routers_total"), 0);
        assertEquals(checkable, after.value("cloudstack_router_check_last_routers"), 0);
        double duration = after.value("cloudstack_router_check_last_duration_seconds");
        assertTrue("last sweep took " + duration + " s", duration > 0 && duration < 30);
        double ended = after.value("cloudstack_router_check_last_timestamp_seconds");
        assertTrue("last sweep ended at " + ended, ended >= start && ended <= Instant.now().getEpochSecond() + 1);
    }

    @Test
    public void apiLatencyCountsEveryCallByCommandWithCumulativeBuckets() throws Exception {
        String histogram = "cloudstack_api_request_duration_seconds";
        Scrape before = scrape();
        double lists = count(before, histogram, "listVpnConnections");
        double listsTook = sum(before, histogram, "listVpnConnections");
        double unknown = count(before, histogram, "unknown");
        for (int i = 0; i < 5; i++) {
            vpcs.ok("listVpnConnections", "listall", "true");
        }
        assertEquals(401, server.admin().call("noSuchCommandAtAll").status());
        Scrape after = scrape();

        assertEquals("histogram", after.types().get(histogram));
        assertEquals(lists + 5, count(after, histogram, "listVpnConnections"), 0);
        assertEquals(unknown + 1, count(after, histogram, "unknown"), 0);
        assertTrue(sum(after, histogram, "listVpnConnections") > listsTook);
        List<Scrape.Line> buckets = after.all(histogram + "_bucket", "command", "listVpnConnections");
        assertEquals("+Inf", buckets.get(buckets.size() - 1).labels().get("le"));
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue("buckets are cumulative: " + buckets, buckets.get(i).value() >= buckets.get(i - 1).value());
        }
        assertEquals(count(after, histogram, "listVpnConnections"), buckets.get(buckets.size() - 1).value(), 0);
    }

    @Test
    public void aScraperWhoseAddressIsNotAllowedGets403UntilTheAddressIsAdded() throws Exception {
        assertEquals(403, statusFrom("127.0.0.2"));
        assertEquals(200, statusFrom("127.0.0.1"));
        vpcs.ok("updateConfiguration", "name", "prometheus.exporter.allowed.ips", "value", "127.0.0.1,127.0.0.2");
        try {
            assertEquals(200, statusFrom("127.0.0.2"));
        } finally {
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.allowed.ips", "value", "127.0.0.1");
        }
        assertEquals(403, statusFrom("127.0.0.2"));
        ApiClient.Answer name = server.admin().call("updateConfiguration", "name", "prometheus.exporter.allowed.ips", "value", "localhost");
        assertEquals(name.body(), 431, name.status());
    }

    @Test
    public void theScrapePassesPromtoolsCheckAndComesGzippedWhenAskedTo() throws Exception {
        vpcs.connect(vpcs.vpc("metrics-promtool"), vpcs.customerGateway("metrics-promtool-gw", "198.51.100.74"));
        sweep();
        String text = scrape().text();
        assertTrue("promtool is missing: run scripts/test-deps.sh as root (" + PROMTOOL + ")", Files.isExecutable(PROMTOOL));
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("promtool still running", promtool.waitFor(30, TimeUnit.SECONDS));
        assertEquals("promtool check metrics said:\n" + said + "\nof:\n" + text, 0, promtool.exitValue());
        assertEquals("", said.strip());

        HttpResponse<InputStream> gzipped = HTTP.send(HttpRequest.newBuilder(metricsUri()).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream body = new GZIPInputStream(gzipped.body())) {
            String unzipped = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(unzipped, unzipped.contains("# TYPE " + CONNECTION + "_state gauge\n"));
        }
    }

    @Test
    public void disablingTheExporterClosesItsPortAndEnablingOpensItAgain() throws Exception {
        vpcs.ok("updateConfiguration", "name", "prometheus.exporter.enable", "value", "false");
        try {
            awaitExporterPort(0);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                throw new AssertionError("port " + port + " still answers with the exporter disabled");
            } catch (ConnectException expected) {
                // refused: nobody listens
            }
        } finally {
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.enable", "value", "true");
        }
        awaitExporterPort(port);
        assertEquals(200, statusFrom("127.0.0.1"));
    }

    @Test
    public void aPortInUseIsTriedAgainUntilItIsFree() throws Exception {
        int taken;
        try (ServerSocket other = new ServerSocket(0)) {
            taken = other.getLocalPort();
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.port", "value", String.valueOf(taken));
            try {
                awaitExporterPort(0); // the old port closed, the new one not to be had
                ApiClient.sleep(2_500);
                assertEquals(0, server.component(PrometheusExporter.class).port());
            } catch (AssertionError | RuntimeException e) {
                vpcs.ok("updateConfiguration", "name", "prometheus.exporter.port", "value", String.valueOf(port));
                throw e;
            }
        }
        try {
            awaitExporterPort(taken);
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + taken + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
        } finally {
            vpcs.ok("updateConfiguration", "name", "prometheus.exporter.port", "value", String.valueOf(port));
        }
        awaitExporterPort(port);
    }

    private void assertOnlyState(Scrape scrape, String connection, String state) {
        for (String s : List.of("Pending", "Connecting", "Connected", "Disconnected", "Error")) {
            assertEquals(connection + " " + s, s.equals(state) ? 1 : 0, scrape.value(CONNECTION + "_state", "id", connection, "state", s), 0);
        }
    }

    /** The histogram's count for the command; 0 while it has none (a command shows once it was called). */
    private static double count(Scrape scrape, String histogram, String command) {
        List<Scrape.Line> lines = scrape.all(histogram + "_count", "command", command);
        return lines.isEmpty() ? 0 : lines.get(0).value();
    }

    private static double sum(Scrape scrape, String histogram, String command) {
        List<Scrape.Line> lines = scrape.all(histogram + "_sum", "command", command);
        return lines.isEmpty() ? 0 : lines.get(0).value();
    }

    /** The bytes of a usage type (101 sent, 102 received) listUsageRecords shows for a connection today. */
    private long usage(String connection, int type) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonObject list = vpcs.ok("listUsageRecords", "startdate", today, "enddate", today);
        if (!list.has("usagerecord")) {
            return 0;
        }
        return list.getAsJsonArray("usagerecord").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.get("usageid").getAsString().equals(connection) && r.get("usagetype").getAsInt() == type)
                .mapToLong(r -> Long.parseLong(r.get("rawusage").getAsString())).sum();
    }

    /** The connection's state_changed, as the database keeps it (UTC), in Unix seconds. */
    private long stateChanged(String connection) {
        return vpcs.jdbc().sql("SELECT state_changed FROM s2s_vpn_connection WHERE uuid = ?").param(connection)
                .query(java.time.LocalDateTime.class).single().toEpochSecond(ZoneOffset.UTC);
    }

    private void sweep() {
        server.component(RouterTimer.class).sweep();
    }

    private URI metricsUri() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    private Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metricsUri()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return Scrape.parse(response.body());
    }

    /** The status of GET /metrics sent from a socket bound to this loopback address (all of 127/8 is this machine's). */
    private int statusFrom(String source) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                head.write(b);
            }
            String statusLine = head.toString(StandardCharsets.US_ASCII);
            assertTrue(statusLine, statusLine.startsWith("HTTP/1.1 "));
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private void awaitExporterPort(int expected) {
        PrometheusExporter exporter = server.component(PrometheusExporter.class);
        Instant deadline = Instant.now().plusSeconds(15);
        while (exporter.port() != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the exporter answers on port " + exporter.port() + ", not " + expected);
            }
            ApiClient.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
