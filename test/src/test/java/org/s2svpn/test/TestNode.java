package org.s2svpn.test;

import com.google.gson.JsonObject;
import org.s2svpn.server.host.LocalSshd;
import org.s2svpn.server.host.ManagementServerKeyPair;
import org.s2svpn.server.net.Cidr;

/**
 * A management server with this machine registered as its network node (a real sshd on a loopback port with a key of
 * its own), the zone's public bridge and an address range the machine does not use. Close removes it all.
 */
final class TestNode implements AutoCloseable {
    final TestServer server;
    final ApiClient admin;
    final TestNetwork net = new TestNetwork();
    final String zone;
    final String hostId;
    final String publicBridge;
    final Cidr publicRange;
    private final LocalSshd sshd;

    TestNode() throws Exception {
        server = TestServer.start("h2");
        admin = server.admin();
        avoidRouterNamesOfOtherRuns();
        sshd = LocalSshd.start(server.component(ManagementServerKeyPair.class).publicKeyLine());
        zone = ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
        publicRange = TestNetwork.freeRange("198.51.100.0/24", "203.0.113.0/24");
        publicBridge = net.bridge("s2sp");
        ok("updateConfiguration", "name", "network.public.bridge", "value", publicBridge);
        hostId = ok("addHost", "zoneid", zone, "url", "ssh://127.0.0.1:" + sshd.port(), "username", "root").getAsJsonArray("host")
                .get(0).getAsJsonObject().get("id").getAsString();
        ok("createVlanIpRange", "zoneid", zone, "gateway", publicRange.network().plus(1).toString(), "netmask", publicRange.netmask(),
                "startip", publicRange.network().plus(10).toString(), "endip", publicRange.network().plus(40).toString());
    }

    /**
     * Routers are namespaces named r-<database id> on this one machine, and every test server starts its ids at 1: a
     * second test run on the machine at the same time (another checkout's) would take over this run's r-1. Starting
     * the ids at a number of this run's own keeps the two apart.
     */
    private void avoidRouterNamesOfOtherRuns() {
        long start = 1000 + ProcessHandle.current().pid() % 9000 * 100 + System.nanoTime() % 100;
        server.component(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("ALTER TABLE domain_router ALTER COLUMN id RESTART WITH " + start).update();
    }

    JsonObject ok(String command, String... params) {
        return admin.ok(command, params);
    }

    /** Submits an async command and returns its jobresult; fails unless the job succeeded. */
    JsonObject job(String command, String... params) {
        return admin.job(command, params);
    }

    /** The router namespace of a VPC. */
    String routerNamespace(String vpcId) {
        return "r-" + ok("listRouters", "vpcid", vpcId).getAsJsonArray("router").get(0).getAsJsonObject().get("name").getAsString()
                .split("-")[1];
    }

    @Override
    public void close() throws Exception {
        try {
            for (String line : Shell.run("/opt/s2svpn/bin/s2svpn-router", "list").output().split("[\\[\\],\"\\s]+")) {
                // routers a failed test left behind on this machine are removed with the rest
                if (line.matches("r-[0-9]+") && server.component(org.s2svpn.schema.dao.RouterDao.class).findById(
                        Long.parseLong(line.substring(2))).isPresent()) {
                    Shell.run("/opt/s2svpn/bin/s2svpn-router", "destroy", line);
                }
            }
            net.cleanUp();
        } finally {
            sshd.close();
            server.close();
        }
    }
}
