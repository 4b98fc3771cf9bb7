package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.router.RouterTimer;

/**
 * The world of the end-to-end site-to-site scenarios: one {@link TestNode} (this machine as the network node), VPCs
 * with a tier and a "VM" each, made through the API, and {@link CustomerGatewaySite}s on the zone's public bridge.
 * Addresses come from ranges this machine does not use; the customer gateways take .200 and up of the public range
 * (the server hands out .10 to .40). {@link #cleanUpScenario()} deletes a scenario's VPCs (their VPN gateways and
 * connections go along) and sites, after checking that no PSK reached a log; {@link #close()} the node.
 */
final class S2sWorld implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final String ROUTER_TOOL = "/opt/s2svpn/bin/s2svpn-router";

    /** A VPC with one tier (x.1.0/24) and a VM on it (x.1.10). */
    record Vpc(String id, String name, Cidr cidr, String publicIp, String vm, String vmIp, String routerId, String routerNamespace) {
    }

    /** A createVpnConnection called at calledNanos whose job completed at completedNanos (System.nanoTime). */
    record Created(String id, JsonObject response, long calledNanos, long completedNanos) {
    }

    /** A customer gateway site as the checks see it: strongSwan's ({@link CustomerGatewaySite}) or Libreswan's. */
    interface Gateway extends AutoCloseable {
        /** Its name, which is also the customer gateway's name in the API. */
        String name();

        /** Its (first) address on the public bridge. */
        String publicIp();

        List<Cidr> subnets();

        /** The subnets as CloudStack's cidrlist. */
        default String cidrList() {
            return subnets().stream().map(Cidr::toString).collect(java.util.stream.Collectors.joining(","));
        }

        /** The host's address in the first subnet. */
        String host();

        /** The gateway's packet counters: encrypted, in clear and out of the tunnel. */
        CustomerGatewaySite.Counters counters();

        /** Packets in and out over all the gateway's IPsec SAs. */
        long[] saPackets();

        /** The end of the gateway's logs, for failure messages. */
        String logTail(int lines);

        @Override
        void close();
    }

    final TestNode node;
    private final String vpcOffering;
    private final String tierOffering;
    private final Set<Cidr> taken = new HashSet<>();
    /** The scenario's VPCs, each with its tier: [vpc id, tier id]; and those kept until close. */
    private final List<String[]> vpcs = new ArrayList<>();
    private final List<Gateway> sites = new ArrayList<>();
    private final List<String[]> classVpcs = new ArrayList<>();
    private final List<Gateway> classSites = new ArrayList<>();
    /** The PSKs the scenarios gave, looked for in every log before the routers (and their logs) go. */
    private final Set<String> secrets = new HashSet<>();
    private final String originalCheckInterval;
    private int sitesMade;
    private int vmsMade;

    /** A node whose background check runs every checkIntervalSeconds (restored on close). */
    S2sWorld(int checkIntervalSeconds) throws Exception {
        node = new TestNode();
        try {
            vpcOffering = first(node.ok("listVPCOfferings"), "vpcoffering");
            tierOffering = first(node.ok("listNetworkOfferings"), "networkoffering");
            originalCheckInterval = node.ok("listConfigurations", "name", "router.check.interval").getAsJsonArray("configuration").get(0)
                    .getAsJsonObject().get("value").getAsString();
            node.ok("updateConfiguration", "name", "router.check.interval", "value", String.valueOf(checkIntervalSeconds));
        } catch (Exception | AssertionError e) {
            node.close();
            throw e;
        }
    }

    // --- building ---------------------------------------------------------------------------------------------------

    /** A VPC through the API, with a free /16, one tier and a VM on it. */
    Vpc vpc(String name) {
        Cidr cidr = free(IntStream.range(200, 240).mapToObj(i -> "10." + i + ".0.0/16").toList());
        String prefix = cidr.network().toString().substring(0, cidr.network().toString().lastIndexOf(".0.0"));
        JsonObject vpc = node.job("createVPC", "name", name, "cidr", cidr.toString(), "vpcofferingid", vpcOffering, "zoneid", node.zone)
                .getAsJsonObject("vpc");
        String id = vpc.get("id").getAsString();
        vpcs.add(new String[] {id, null});
        JsonObject tier = node.ok("createNetwork", "name", name + "-tier1", "networkofferingid", tierOffering, "zoneid", node.zone, "vpcid", id,
                "gateway", prefix + ".1.1", "netmask", "255.255.255.0").getAsJsonObject("network");
        vpcs.get(vpcs.size() - 1)[1] = tier.get("id").getAsString();
        String vm = node.net.vm("vm" + (++vmsMade), tier.get("broadcasturi").getAsString().replace("bridge://", ""), prefix + ".1.10/24",
                prefix + ".1.1");
        JsonObject router = node.ok("listRouters", "vpcid", id).getAsJsonArray("router").get(0).getAsJsonObject();
        return new Vpc(id, name, cidr, vpc.get("publicip").getAsString(), vm, prefix + ".1.10", router.get("id").getAsString(),
                node.routerNamespace(id));
    }

    /** A customer gateway site with that many /24 subnets, at the next free .200+ address of the public range. */
    CustomerGatewaySite site(int subnets) throws IOException {
        return site("cg" + sitesMade, 1, subnets);
    }

    /**
     * One charon standing for that many customer gateways ({@link CustomerGatewaySite#configureEach}): the next free
     * .200+ addresses of the public range, one /24 subnet each.
     */
    CustomerGatewaySite sites(String label, int gateways) throws IOException {
        return site(label, gateways, gateways);
    }

    private CustomerGatewaySite site(String label, int addresses, int subnets) throws IOException {
        List<Cidr> cidrs = freeSubnets(subnets);
        CustomerGatewaySite site = CustomerGatewaySite.create(node.net, label, node.publicBridge, node.publicRange, freeGatewayIps(addresses), cidrs);
        sites.add(site);
        return site;
    }

    /**
     * A Libreswan customer gateway ({@link LibreswanGatewaySite}, a User-mode Linux guest) with that many /24 subnets,
     * at the next free .200+ address of the public range; it boots in the background, and pluto starts when the test
     * configures it.
     */
    LibreswanGatewaySite libreswanSite(int subnets) throws IOException {
        List<Cidr> cidrs = freeSubnets(subnets);
        LibreswanGatewaySite site = LibreswanGatewaySite.create(node.net, "lsw" + sitesMade, node.publicBridge, node.publicRange,
                freeGatewayIps(1).get(0), cidrs);
        sites.add(site);
        return site;
    }

    /** That many free /24 subnets of 172.29.0.0/16 for customer sites. */
    private List<Cidr> freeSubnets(int count) {
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cidrs.add(free(IntStream.range(0, 256).mapToObj(n -> "172.29." + n + ".0/24").toList()));
        }
        return cidrs;
    }

    /** The next free .200+ addresses of the public range for customer gateways. */
    private List<String> freeGatewayIps(int count) {
        if (200 + sitesMade + count > 255) {
            throw new IllegalStateException("no " + count + " more customer gateway addresses in " + node.publicRange);
        }
        List<String> ips = IntStream.range(sitesMade, sitesMade + count).mapToObj(n -> node.publicRange.network().plus(200 + n).toString())
                .toList();
        sitesMade += count;
        return ips;
    }

    private Cidr free(List<String> candidates) {
        List<String> open = candidates.stream().filter(c -> !taken.contains(Cidr.parse(c))).toList();
        Cidr cidr = TestNetwork.freeRange(open.toArray(String[]::new));
        taken.add(cidr);
        return cidr;
    }

    /** createVpnCustomerGateway for the site: its address and subnets, the given name, PSK, policies and more parameters. */
    String customerGateway(Gateway site, String psk, String ikePolicy, String espPolicy, String... more) {
        return customerGateway(site.name(), site.publicIp(), site.cidrList(), psk, ikePolicy, espPolicy, more);
    }

    /** createVpnCustomerGateway for one of the gateways a site stands for: its name, address, cidrlist, PSK and policies. */
    String customerGateway(String name, String gateway, String cidrList, String psk, String ikePolicy, String espPolicy, String... more) {
        secrets.add(psk);
        List<String> params = new ArrayList<>(List.of("name", name, "gateway", gateway, "cidrlist", cidrList, "ipsecpsk", psk,
                "ikepolicy", ikePolicy, "esppolicy", espPolicy));
        params.addAll(List.of(more));
        return node.job("createVpnCustomerGateway", params.toArray(String[]::new)).getAsJsonObject("vpncustomergateway").get("id").getAsString();
    }

    String vpnGateway(Vpc vpc) {
        return node.job("createVpnGateway", "vpcid", vpc.id()).getAsJsonObject("vpngateway").get("id").getAsString();
    }

    Created connect(String vpnGateway, String customerGateway, boolean passive) {
        long called = System.nanoTime();
        JsonObject response = node.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customerGateway, "passive",
                String.valueOf(passive)).getAsJsonObject("vpnconnection");
        return new Created(response.get("id").getAsString(), response, called, System.nanoTime());
    }

    // --- observing ----------------------------------------------------------------------------------------------------

    JsonObject connection(String id) {
        JsonObject list = node.ok("listVpnConnections", "id", id);
        if (!list.has("vpnconnection")) {
            throw new AssertionError("connection " + id + " is not listed: " + list);
        }
        return list.getAsJsonArray("vpnconnection").get(0).getAsJsonObject();
    }

    static String state(JsonObject connection) {
        return connection.get("state").getAsString();
    }

    static String reason(JsonObject connection) {
        return connection.has("reason") && !connection.get("reason").isJsonNull() ? connection.get("reason").getAsString() : null;
    }

    /** Polls listVpnConnections every 50 ms until Connected; returns the milliseconds since the create job completed. */
    long awaitConnected(Created created, Vpc vpc, Gateway site) {
        return awaitConnectedTimes(created, vpc, site)[0];
    }

    /** As {@link #awaitConnected}: the milliseconds since the create job completed, and since its API call. */
    long[] awaitConnectedTimes(Created created, Vpc vpc, Gateway site) {
        awaitState(created.id(), "Connected", CONNECT_TIMEOUT, vpc, site);
        long now = System.nanoTime();
        return new long[] {(now - created.completedNanos()) / 1_000_000, (now - created.calledNanos()) / 1_000_000};
    }

    /** Polls listVpnConnections every 50 ms until the connection is in that state; fails with the logs of both ends. */
    JsonObject awaitState(String id, String state, Duration timeout, Vpc vpc, Gateway site) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject c = connection(id);
        while (!state(c).equals(state)) {
            if (Instant.now().isAfter(deadline)) {
                JsonObject shown = c.deepCopy();
                shown.remove("ipsecpsk"); // the failure goes into the surefire reports
                throw new AssertionError("connection " + id + " is not " + state + " within " + timeout + ": " + shown + "\n"
                        + diagnostics(vpc, site));
            }
            ApiClient.sleep(50);
            c = connection(id);
        }
        return c;
    }

    /** The router's S2S status as the router tool reports it (read only: the test changes nothing on the router). */
    JsonObject routerStatus(Vpc vpc) {
        return JsonParser.parseString(Shell.must(ROUTER_TOOL, "s2s-status", vpc.routerNamespace())).getAsJsonObject();
    }

    /** Bytes of the connection's usage records of a type (101 sent, 102 received), after a sweep of the router timer. */
    long usageBytes(String connection, int type) {
        node.server.component(RouterTimer.class).sweep();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonObject usage = node.ok("listUsageRecords", "startdate", today, "enddate", today, "type", String.valueOf(type));
        long bytes = 0;
        if (usage.has("usagerecord")) {
            for (JsonElement r : usage.getAsJsonArray("usagerecord")) {
                JsonObject record = r.getAsJsonObject();
                if (record.get("usageid").getAsString().equals(connection)) {
                    assertEquals(type, record.get("usagetype").getAsInt());
                    bytes += Long.parseLong(record.get("rawusage").getAsString());
                }
            }
        }
        return bytes;
    }

    /** The alerts whose description says the connection to that customer gateway switched from one state to another. */
    long alerts(String gatewayName, String from, String to) {
        JsonObject alerts = node.ok("listAlerts");
        if (!alerts.has("alert")) {
            return 0;
        }
        String text = "to " + gatewayName + " just switched from " + from + " to " + to;
        return alerts.getAsJsonArray("alert").asList().stream().filter(a -> a.getAsJsonObject().get("description").getAsString().contains(text))
                .count();
    }

    /** Pings from the VM to an address, count packets; true when every reply came back. */
    static boolean ping(Vpc vpc, String address, int count) {
        return Shell.run("ip", "netns", "exec", vpc.vm(), "ping", "-c", String.valueOf(count), "-W", "2", "-i", "0.2", address).ok();
    }

    /**
     * Pings the host in every subnet of the site from the VPC's VM and checks that the packets crossed the tunnel: the
     * site decrypted them (its IPsec SA counters and its out-of-the-tunnel counters grow by at least the pings) and
     * nothing for its subnets reached its public NIC in clear.
     */
    void assertPingsThroughTunnel(Vpc vpc, Gateway site) {
        for (Cidr subnet : site.subnets()) {
            CustomerGatewaySite.Counters before = site.counters();
            long[] sa = site.saPackets();
            String host = CustomerGatewaySite.host(subnet);
            assertTrue("VM " + vpc.vmIp() + " of " + vpc.name() + " pings " + host + " behind " + site + "\n" + diagnostics(vpc, site),
                    ping(vpc, host, 3));
            CustomerGatewaySite.Counters after = site.counters();
            long[] saAfter = site.saPackets();
            assertEquals("nothing for " + subnet + " reached " + site + " in clear", before.clearPackets(), after.clearPackets());
            assertTrue("the pings to " + host + " came out of the tunnel at " + site + ": " + before + " -> " + after,
                    after.tunnelPackets() - before.tunnelPackets() >= 3);
            assertTrue("encrypted packets reached " + site + ": " + before + " -> " + after, after.espPackets() - before.espPackets() >= 3);
            assertTrue("the CHILD SAs of " + site + " counted 3 packets in and 3 out: " + List.of(sa[0], sa[1]) + " -> "
                    + List.of(saAfter[0], saAfter[1]), saAfter[0] - sa[0] >= 3 && saAfter[1] - sa[1] >= 3);
        }
    }

    /** Packets in and out over all CHILD SAs of the site's established IKE SAs. */
    static long[] childPackets(CustomerGatewaySite site) {
        long in = 0;
        long out = 0;
        for (CustomerGatewaySite.IkeSa sa : site.sas()) {
            for (CustomerGatewaySite.ChildSa c : sa.children()) {
                in += c.packetsIn();
                out += c.packetsOut();
            }
        }
        return new long[] {in, out};
    }

    /** Bytes in and out over all CHILD SAs of the site's IKE SAs. */
    static long[] childBytes(CustomerGatewaySite site) {
        long in = 0;
        long out = 0;
        for (CustomerGatewaySite.IkeSa sa : site.sas()) {
            for (CustomerGatewaySite.ChildSa c : sa.children()) {
                in += c.bytesIn();
                out += c.bytesOut();
            }
        }
        return new long[] {in, out};
    }

    /** Both ends' logs, for a failure message: the router's s2s.log and charon.log, the site's charon.log. */
    String diagnostics(Vpc vpc, Gateway site) {
        StringBuilder out = new StringBuilder();
        if (vpc != null) {
            Path dir = Path.of("/var/lib/s2svpn/routers", vpc.routerNamespace());
            out.append(tail(dir.resolve("s2s.log"), 15)).append(tail(dir.resolve("charon.log"), 30));
        }
        if (site != null) {
            out.append(site.logTail(30));
        }
        return out.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return file + ": none\n";
            }
            List<String> all = Files.readAllLines(file);
            return file + ":\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return file + ": " + e.getMessage() + "\n";
        }
    }

    static List<String> names(JsonArray array) {
        return array.asList().stream().map(e -> e.getAsJsonObject().get("name").getAsString()).toList();
    }

    private static String first(JsonObject list, String key) {
        return list.getAsJsonArray(key).get(0).getAsJsonObject().get("id").getAsString();
    }

    /**
     * No PSK of the run is in the server's log or in any log of the node's routers (s2s.log, charon.log and their
     * rotations), as it is or Base64- or hex-encoded.
     */
    void assertNoSecretInLogs() throws IOException {
        List<Path> logs = new ArrayList<>(List.of(Path.of("target/s2svpn-test.log")));
        Path routers = Path.of("/var/lib/s2svpn/routers");
        if (Files.isDirectory(routers)) {
            try (var files = Files.walk(routers)) {
                files.filter(p -> p.getFileName().toString().contains(".log")).forEach(logs::add);
            }
        }
        for (Path log : logs) {
            String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String psk : secrets) {
                byte[] bytes = psk.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (String form : List.of(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1),
                        java.util.Base64.getEncoder().encodeToString(bytes), java.util.HexFormat.of().formatHex(bytes))) {
                    assertFalse("a PSK reached " + log + " as " + form, text.contains(form));
                }
            }
        }
    }

    // --- cleaning up ------------------------------------------------------------------------------------------------

    /** Keeps a VPC and sites until {@link #close()} instead of the end of the scenario that made them. */
    void keepUntilClose(Vpc vpc, Gateway... keep) {
        vpcs.stream().filter(v -> v[0].equals(vpc.id())).findFirst().ifPresent(v -> {
            vpcs.remove(v);
            classVpcs.add(v);
        });
        for (Gateway site : keep) {
            if (sites.remove(site)) {
                classSites.add(site);
            }
        }
    }

    /** Deletes the scenario's VPCs through the API and removes its sites; whatever fails, the rest is still removed. */
    void cleanUpScenario() {
        cleanUp(vpcs, sites);
    }

    private void cleanUp(List<String[]> vpcList, List<Gateway> siteList) {
        List<Throwable> failures = new ArrayList<>();
        try {
            assertNoSecretInLogs();
        } catch (AssertionError | IOException e) {
            failures.add(e); // reported once everything is removed
        }
        // The tiers first (deleteVPC refuses a VPC that has any), then the VPCs, which take their VPN gateways and
        // connections along.
        runTogether("deleteNetwork", vpcList.stream().map(v -> v[1]).filter(java.util.Objects::nonNull).toList(), failures);
        runTogether("deleteVPC", vpcList.stream().map(v -> v[0]).toList(), failures);
        vpcList.clear();
        siteList.forEach(Gateway::close);
        siteList.clear();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("cleaning up failed: " + failures.get(0).getMessage());
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /** Submits the command for every id before waiting for any: the server runs the jobs in parallel. */
    private void runTogether(String command, List<String> ids, List<Throwable> failures) {
        List<String> jobs = new ArrayList<>();
        for (String id : ids) {
            try {
                jobs.add(node.ok(command, "id", id).get("jobid").getAsString());
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }
        for (String job : jobs) {
            try {
                JsonObject result = node.admin.waitForJob(job);
                if (result.get("jobstatus").getAsInt() != 1) {
                    throw new AssertionError(command + " failed: " + result);
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            cleanUpScenario();
        } finally {
            try {
                cleanUp(classVpcs, classSites);
            } finally {
                try {
                    node.ok("updateConfiguration", "name", "router.check.interval", "value", originalCheckInterval);
                } finally {
                    node.close();
                }
            }
        }
    }
}
