package org.s2svpn.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Issue 8's monitor figure, printed: the router check's sweep over 10,000 connections on 1,000 simulated routers,
 * the management server in its own JVM with a 512 MB heap, on MariaDB. The server logs each sweep's duration; the
 * benchmark reads those lines from its log and the heap in use from jcmd after the sweeps.
 * Run: {@code scripts/bench.sh SweepBenchmark}; sizes by -Dbench.routers and -Dbench.perRouter.
 */
public class SweepBenchmark {
    private static final int ROUTERS = Integer.getInteger("bench.routers", 1000);
    private static final int PER_ROUTER = Integer.getInteger("bench.perRouter", 10);
    private static final int SWEEPS = 5;
    private static final Pattern SWEEP = Pattern.compile("router sweep: (\\d+) router\\(s\\) checked in (\\d+) ms");

    @Test
    public void sweepOverTheFleet() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-bench-");
        TestDatabase database = TestDatabase.create("mariadb", dataDir);
        try (ServerProcess server = ServerProcess.start(dataDir, database, "-Xmx512m")) {
            ApiClient admin = server.admin();
            admin.ok("updateConfiguration", "name", "router.check.interval", "value", "0"); // no sweep while the fleet is made
            S2sFleet fleet = S2sFleet.build(admin, ROUTERS, PER_ROUTER, 8);
            ApiClient.sleep(10_000); // the follow-up reads after the last applies
            int before = sweeps(server).size();
            admin.ok("updateConfiguration", "name", "router.check.interval", "value", "1");
            while (sweeps(server).size() < before + SWEEPS) {
                ApiClient.sleep(500);
            }
            admin.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
            List<long[]> measured = sweeps(server).subList(before, before + SWEEPS);
            String heap = Shell.must(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(server.pid()),
                    "GC.heap_info");
            System.out.printf("monitor sweep: %d connections on %d routers, -Xmx512m: %s ms per sweep (%d routers each); heap: %s%n",
                    fleet.connections().size(), ROUTERS, measured.stream().map(m -> String.valueOf(m[1])).toList(), measured.get(0)[0],
                    heap.lines().filter(l -> l.contains("total") || l.contains("used")).findFirst().orElse(heap).strip());
        } finally {
            database.drop();
        }
    }

    /** The sweeps the server logged so far: [routers, milliseconds]. */
    private static List<long[]> sweeps(ServerProcess server) throws java.io.IOException {
        List<long[]> sweeps = new ArrayList<>();
        Matcher m = SWEEP.matcher(Files.readString(server.dataDir().resolve("stdout.log")));
        while (m.find()) {
            sweeps.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return sweeps;
    }
}
