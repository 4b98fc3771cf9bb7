package org.s2svpn.test;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Issue 8's API figures, printed (no target is asserted: a benchmark measures). The management server runs as a user
 * runs it, in its own JVM on MariaDB, with simulated routers; the clients sign every call as real clients do.
 * <ul>
 *   <li>signed listVpnConnections (pagesize 100, random page) by 8 clients at once, with 10,000 connections on 1,000
 *       routers: as fast as the 8 clients go (each sends its next request when the last is answered), requests per
 *       second, p50 and p99; then at the target's rate, 500 requests/s offered (each client sends one request every
 *       16 ms), p50 and p99 of the time from when each request was due, so that a stall counts for every request it
 *       delays;</li>
 *   <li>a createVpnCustomerGateway job from submit to result (queryAsyncJobResult polled every millisecond): median
 *       and p99 over 300 sequential jobs.</li>
 * </ul>
 * Run: {@code ./scripts/bench.sh ApiBenchmark}; sizes by -Dbench.routers, -Dbench.perRouter, -Dbench.seconds.
 */
public class ApiBenchmark {
    private static final int ROUTERS = Integer.getInteger("bench.routers", 1000);
    private static final int PER_ROUTER = Integer.getInteger("bench.perRouter", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int CLIENTS = 8;
    private static final int OFFERED_PER_SECOND = 500;

    static {
        System.setProperty("http.maxConnections", String.valueOf(CLIENTS)); // kept alive per server; the JDK keeps 5
    }

    @Test
    public void listAndCreateUnderLoad() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-bench-");
        TestDatabase database = TestDatabase.create("mariadb", dataDir);
        try (ServerProcess server = ServerProcess.start(dataDir, database, "-Xmx512m")) {
            ApiClient admin = server.admin();
            S2sFleet fleet = S2sFleet.build(admin, ROUTERS, PER_ROUTER, CLIENTS);
            int pages = (fleet.connections().size() + 99) / 100;

            listVpnConnections(admin, pages, 20, 0); // warm-up: the JIT compiles for 10 to 20 s, pools fill
            Map<String, Long> pids = new LinkedHashMap<>(Map.of("server", server.pid(), "clients", ProcessHandle.current().pid()));
            if (CpuTime.databasePid() > 0) {
                pids.put("MariaDB", CpuTime.databasePid());
            }
            Map<String, Double> cpuBefore = CpuTime.of(pids);
            List<Long> nanos = listVpnConnections(admin, pages, SECONDS, 0);
            Map<String, Double> cpu = CpuTime.since(pids, cpuBefore);
            System.out.printf("listVpnConnections: %d connections, pagesize 100, %d clients as fast as they go: %.0f requests/s, p50 %.1f ms,"
                    + " p99 %.1f ms%n", fleet.connections().size(), CLIENTS, nanos.size() / (double) SECONDS, percentile(nanos, 50) / 1e6,
                    percentile(nanos, 99) / 1e6);
            System.out.printf("listVpnConnections: CPU per request: %s%n", cpu.entrySet().stream()
                    .map(e -> String.format("%s %.2f ms", e.getKey(), e.getValue() / nanos.size())).collect(Collectors.joining(", ")));
            List<Long> paced = listVpnConnections(admin, pages, SECONDS, CLIENTS * 1_000_000_000L / OFFERED_PER_SECOND);
            System.out.printf("listVpnConnections: %d clients, %d requests/s offered: %.0f requests/s answered, p50 %.1f ms, p99 %.1f ms%n",
                    CLIENTS, OFFERED_PER_SECOND, paced.size() / (double) SECONDS, percentile(paced, 50) / 1e6, percentile(paced, 99) / 1e6);

            List<Long> jobs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                jobs.add(createCustomerGateway(admin, i));
            }
            System.out.printf("createVpnCustomerGateway job, submit to result: %d jobs, median %.1f ms, p99 %.1f ms%n", jobs.size(),
                    percentile(jobs, 50) / 1e6, percentile(jobs, 99) / 1e6);
        } finally {
            database.drop();
        }
    }

    /**
     * Each client lists random pages for that many seconds, the next request as soon as the last is answered, or when
     * it is due, one every {@code intervalNanos} (the clients' schedules staggered); the latency of every answered
     * request, from when it was sent or was due.
     */
    private static List<Long> listVpnConnections(ApiClient admin, int pages, int seconds, long intervalNanos) throws Exception {
        long begin = System.nanoTime();
        long end = begin + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<Long>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long first = begin + c * intervalNanos / CLIENTS;
                clients.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    for (long due = first; System.nanoTime() < end; due += intervalNanos) {
                        String page = String.valueOf(1 + ThreadLocalRandom.current().nextInt(pages));
                        while (System.nanoTime() < due) {
                            LockSupport.parkNanos(due - System.nanoTime());
                        }
                        long start = intervalNanos > 0 ? due : System.nanoTime();
                        String body = get(admin, "listVpnConnections", "pagesize", "100", "page", page);
                        latencies.add(System.nanoTime() - start);
                        if (!body.startsWith("{\"listvpnconnectionsresponse\":{\"count\":") || !body.contains("\"vpnconnection\":[{")) {
                            throw new AssertionError("listVpnConnections page " + page + ": " + body);
                        }
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : clients) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A signed GET on a kept-alive connection of the JDK's blocking client, in the calling thread: the clients share
     * the two cores with the server and MariaDB, and the asynchronous java.net.http client costs as much CPU per request as
     * the server; the body of a 200 answer.
     */
    private static String get(ApiClient client, String command, String... nameValues) throws IOException {
        URL url = URI.create(client.endpoint() + "?" + ApiClient.encode(client.signed(command, nameValues))).toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        int status = connection.getResponseCode();
        try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) {
                throw new AssertionError(command + " answered " + status + ": " + body);
            }
            return body;
        }
    }

    private static long createCustomerGateway(ApiClient admin, int i) {
        long start = System.nanoTime();
        String job = admin.ok("createVpnCustomerGateway", "name", "bench-" + i, "gateway", "192.0." + (2 + i / 250) + "." + (i % 250 + 1), "cidrlist",
                "172.16." + i % 250 + ".0/24", "ipsecpsk", "bench-secret", "ikepolicy", "aes256-sha256;modp2048", "esppolicy",
                "aes256-sha256").get("jobid").getAsString();
        while (true) {
            JsonObject result = admin.call("queryAsyncJobResult", "jobid", job).inner();
            if (result.get("jobstatus").getAsInt() != 0) {
                if (result.get("jobstatus").getAsInt() != 1) {
                    throw new AssertionError("createVpnCustomerGateway failed: " + result);
                }
                return System.nanoTime() - start;
            }
            ApiClient.sleep(1);
        }
    }

    static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
