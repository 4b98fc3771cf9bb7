package org.s2svpn.client.demo;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.s2svpn.client.ManagementServer;
import org.s2svpn.client.ServerConfig;
import org.s2svpn.server.host.ManagementServerKeyPair;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.setupdb.DatabaseConfig;
import org.s2svpn.vpn.render.S2sApplySpec;
import org.s2svpn.vpn.render.S2sConnection;

/**
 * The 2012 use case, start to end: a management server, a VPC with a tier, a customer gateway, a VPN gateway and a
 * connection, all through the API, until the tunnel is Connected and traffic crosses it. As root on a machine with
 * strongSwan, everything is real: this machine becomes the network node (over SSH on loopback), the VPC router a
 * network namespace, and the branch office another namespace running strongSwan. Otherwise the routers are simulated.
 */
public final class Demo {
    static final String TOOL = "/opt/s2svpn/bin/s2svpn-router";
    static final String BRANCH = "demo-branch";
    static final String PUBLIC_BRIDGE = "s2sdemo-pub";
    static final String BRANCH_LAN = "s2sdemo-lan";
    static final String PSK = "demo: a long shared secret";
    static final String POLICY = "aes256-sha256;modp2048";

    private final PrintStream out;
    private final boolean real;
    private final List<String[]> cleanups = new ArrayList<>();

    private Demo(PrintStream out, boolean real) {
        this.out = out;
        this.real = real;
    }

    public static void run(PrintStream out) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean strongswan = Files.isExecutable(Path.of("/usr/lib/ipsec/charon")) && Files.isExecutable(Path.of("/usr/sbin/swanctl"));
        if (!root || !strongswan) {
            out.println("Not " + (root ? "a machine with strongSwan (apt-get install strongswan-charon strongswan-swanctl"
                    + " libcharon-extra-plugins)" : "root") + ": running the same steps on simulated routers.");
        }
        new Demo(out, root && strongswan).run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("s2svpn-demo-");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, DatabaseConfig.embedded(dir), 4, dir.resolve("key"));
        LoopbackNode node = null;
        try (ManagementServer server = new ManagementServer(config).start()) {
            Map<String, String> keys = readKeys(dir.resolve("admin.keys"));
            DemoApi api = new DemoApi("http://127.0.0.1:" + server.port() + "/client/api", keys.get("apikey"), keys.get("secretkey"));
            step("management server on http://127.0.0.1:" + server.port() + "/client/api, data in " + dir);
            String zone = api.call("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
            Cidr publicRange = real ? HostNetwork.freeRange("198.51.100.0/24", "203.0.113.0/24") : Cidr.parse("203.0.113.0/24");
            Cidr vpcCidr = real ? HostNetwork.freeRange("10.251.0.0/16", "10.252.0.0/16") : Cidr.parse("10.1.0.0/16");
            Cidr branchLan = real ? HostNetwork.freeRange("192.168.251.0/24", "192.168.252.0/24") : Cidr.parse("192.168.1.0/24");
            String branchIp = publicRange.network().plus(200).toString();
            String publicGateway = publicRange.network().plus(1).toString();

            if (real) {
                shell("ip", "link", "add", "name", PUBLIC_BRIDGE, "type", "bridge");
                cleanups.add(new String[] {"ip", "link", "del", "dev", PUBLIC_BRIDGE});
                shell("ip", "link", "set", "dev", PUBLIC_BRIDGE, "up");
                node = LoopbackNode.start(server.component(ManagementServerKeyPair.class).keyPair().getPublic(), dir);
                api.call("updateConfiguration", "name", "network.public.bridge", "value", PUBLIC_BRIDGE);
                api.call("addHost", "zoneid", zone, "url", "ssh://127.0.0.1:" + node.port(), "username", "root");
                step("this machine is the network node (addHost over SSH on loopback; node scripts installed)");
            }
            api.call("createVlanIpRange", "zoneid", zone, "gateway", publicGateway, "netmask", publicRange.netmask(), "startip",
                    publicRange.network().plus(10).toString(), "endip", publicRange.network().plus(20).toString());
            String offering = api.call("listVPCOfferings").getAsJsonArray("vpcoffering").get(0).getAsJsonObject().get("id").getAsString();
            JsonObject vpc = api.job("createVPC", "name", "demo-vpc", "cidr", vpcCidr.toString(), "vpcofferingid", offering, "zoneid", zone)
                    .getAsJsonObject("vpc");
            String vpcId = vpc.get("id").getAsString();
            String publicIp = vpc.get("publicip").getAsString();
            step("VPC " + vpcCidr + " created; its router's public IP is " + publicIp);
            String tierOffering = api.call("listNetworkOfferings").getAsJsonArray("networkoffering").get(0).getAsJsonObject().get("id")
                    .getAsString();
            String tierGateway = vpcCidr.network().plus(256 + 1).toString();
            JsonObject tier = api.call("createNetwork", "name", "web", "networkofferingid", tierOffering, "zoneid", zone, "vpcid", vpcId,
                    "gateway", tierGateway, "netmask", "255.255.255.0").getAsJsonObject("network");
            step("tier " + tier.get("cidr").getAsString() + " created");

            String customer = api.job("createVpnCustomerGateway", "name", "branch-office", "gateway", branchIp, "cidrlist",
                    branchLan.toString(), "ipsecpsk", PSK, "ikepolicy", POLICY, "esppolicy", POLICY, "dpd", "true")
                    .getAsJsonObject("vpncustomergateway").get("id").getAsString();
            step("customer gateway " + branchIp + " with subnet " + branchLan + " created");
            if (real) {
                startBranch(branchIp, publicRange.prefix(), publicGateway, branchLan, publicIp, vpcCidr);
                step("branch office " + branchIp + " runs strongSwan in its own namespace, waiting for the VPC router to call");
            }
            String vpnGateway = api.job("createVpnGateway", "vpcid", vpcId).getAsJsonObject("vpngateway").get("id").getAsString();
            step("VPN gateway created on " + publicIp);
            Instant submitted = Instant.now();
            String connection = api.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                    .getAsJsonObject("vpnconnection").get("id").getAsString();
            Instant created = Instant.now();
            String state = awaitConnected(api, connection);
            step("connection " + state + " " + Duration.between(created, Instant.now()).toMillis() + " ms after its job completed ("
                    + Duration.between(submitted, Instant.now()).toMillis() + " ms after the API call)");

            if (real) {
                String vm = vmOn(tier.get("broadcasturi").getAsString().replace("bridge://", ""), "demo-vm",
                        vpcCidr.network().plus(256 + 10) + "/24", tierGateway);
                vmOn(BRANCH_LAN, "demo-host", branchLan.network().plus(10) + "/24", branchLan.network().plus(1).toString());
                boolean ping = HostNetwork.run("ip", "netns", "exec", vm, "ping", "-c", "3", "-W", "2", branchLan.network().plus(10).toString());
                step("ping from a VM on the tier to a host behind the branch office: " + (ping ? "passed through the tunnel" : "FAILED"));
            }
            server.component(RouterTimer.class).sweep();
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            JsonObject usage = api.call("listUsageRecords", "startdate", today, "enddate", today);
            long sent = 0;
            long received = 0;
            if (usage.has("usagerecord")) {
                for (var r : usage.getAsJsonArray("usagerecord")) {
                    long bytes = Long.parseLong(r.getAsJsonObject().get("rawusage").getAsString());
                    if (r.getAsJsonObject().get("usagetype").getAsInt() == 101) {
                        sent += bytes;
                    } else {
                        received += bytes;
                    }
                }
            }
            step("usage: " + sent + " bytes sent, " + received + " bytes received through the tunnel");

            api.job("resetVpnConnection", "id", connection);
            step("reset: connection " + awaitConnected(api, connection) + " again");
            api.job("deleteVpnConnection", "id", connection);
            api.job("deleteVpnGateway", "id", vpnGateway);
            api.job("deleteVpnCustomerGateway", "id", customer);
            api.job("deleteNetwork", "id", tier.get("id").getAsString());
            api.job("deleteVPC", "id", vpcId);
            step("connection, gateways, tier and VPC deleted");
            out.println("final state: Connected, then deleted; " + sent + " bytes sent, " + received + " bytes received"
                    + (real ? "" : " (simulated routers)"));
        } finally {
            for (int i = cleanups.size() - 1; i >= 0; i--) {
                HostNetwork.run(cleanups.get(i));
            }
            if (node != null) {
                node.close();
            }
        }
    }

    /** The branch office: a namespace with strongSwan, its public address on the zone's bridge, its LAN behind it. */
    private void startBranch(String ip, int prefix, String gateway, Cidr lan, String peer, Cidr vpcCidr) throws Exception {
        Path spec = Files.createTempFile("demo-branch", ".json");
        cleanups.add(new String[] {TOOL, "destroy", BRANCH});
        Files.writeString(spec, "{\"name\":\"" + BRANCH + "\",\"public\":{\"bridge\":\"" + PUBLIC_BRIDGE + "\",\"device\":\"eth1\",\"ip\":\"" + ip
                + "\",\"prefix\":" + prefix + ",\"gateway\":\"" + gateway + "\"},\"tiers\":[{\"bridge\":\"" + BRANCH_LAN
                + "\",\"device\":\"eth2\",\"ip\":\"" + lan.network().plus(1) + "\",\"prefix\":" + lan.prefix() + "}],\"snat\":{\"cidr\":\""
                + lan + "\"}}");
        shell(TOOL, "start", spec.toString());
        S2sConnection mirror = S2sConnection.builder().id(1).localPublicIp(ip).localCidr(lan).peerGateway(peer).peerCidrs(vpcCidr.toString())
                .psk(PSK).ikePolicy(POLICY).espPolicy(POLICY).lifetimes(86400, 3600).dpd(true).passive(true).ikeVersion("ike").build();
        Files.writeString(spec, S2sApplySpec.of(BRANCH, List.of(mirror)));
        shell(TOOL, "s2s-apply", spec.toString());
        Files.delete(spec);
    }

    private String vmOn(String bridge, String name, String address, String gateway) {
        String veth = name.replace("demo-", "dv-");
        cleanups.add(new String[] {"ip", "netns", "del", name});
        shell("ip", "netns", "add", name);
        shell("ip", "link", "add", "name", veth, "type", "veth", "peer", "name", "eth0", "netns", name);
        shell("ip", "link", "set", "dev", veth, "master", bridge, "up");
        shell("ip", "-n", name, "addr", "add", address, "dev", "eth0");
        shell("ip", "-n", name, "link", "set", "dev", "eth0", "up");
        shell("ip", "-n", name, "route", "add", "default", "via", gateway);
        return name;
    }

    private static String awaitConnected(DemoApi api, String connection) {
        Instant deadline = Instant.now().plusSeconds(60);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            state = api.call("listVpnConnections", "id", connection).getAsJsonArray("vpnconnection").get(0).getAsJsonObject()
                    .get("state").getAsString();
            if (state.equals("Connected")) {
                return state;
            }
            DemoApi.pause(50);
        }
        throw new IllegalStateException("the connection is " + state + ", not Connected, after 60 s");
    }

    private static void shell(String... command) {
        HostNetwork.must(command);
    }

    private void step(String what) {
        out.println("==> " + what);
    }

    private static Map<String, String> readKeys(Path file) throws java.io.IOException {
        Map<String, String> keys = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }
}
