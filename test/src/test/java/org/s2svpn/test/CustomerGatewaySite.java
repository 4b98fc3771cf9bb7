package org.s2svpn.test;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.s2svpn.server.net.Cidr;

/**
 * The remote end of a site-to-site VPN, built the way a customer's own device would be and independent of our router
 * tool: a namespace with a NIC on the zone's public bridge running a charon of its own (own /run through unshare, own
 * strongswan.conf with the minimal plugin list, vici socket in a temp dir), configured with a swanctl.conf that the
 * test writes; behind it a second namespace, the host in the remote subnets, routed through the gateway namespace.
 * Counters in the gateway's mangle table tell traffic that came through the tunnel from traffic that came in clear.
 * {@link #close()} removes the namespaces (their veths go with them), the daemon and the temp dir.
 */
final class CustomerGatewaySite implements S2sWorld.Gateway {
    static final String CHARON = "/usr/lib/ipsec/charon";

    /** The peer as the customer's administrator configures it; proposals in strongSwan's syntax. */
    record Peer(String routerIp, Cidr vpcCidr, String psk, int ikeVersion, String ikeProposals, String espProposals, String startAction,
                boolean childPerSubnet) {
        Peer {
            requireNonNull(routerIp, "routerIp");
            requireNonNull(vpcCidr, "vpcCidr");
            requireNonNull(psk, "psk");
            requireNonNull(ikeProposals, "ikeProposals");
            requireNonNull(espProposals, "espProposals");
            if (!startAction.equals("none") && !startAction.equals("start")) {
                throw new IllegalArgumentException("start_action none or start");
            }
        }

        /** A responder: it waits for the router (start_action none); one CHILD SA per subnet with IKEv1, as Cisco's ACL lines. */
        static Peer responder(String routerIp, Cidr vpcCidr, String psk, int ikeVersion, String ikeProposals, String espProposals) {
            return new Peer(routerIp, vpcCidr, psk, ikeVersion, ikeProposals, espProposals, "none", ikeVersion == 1);
        }

        Peer withStartAction(String action) {
            return new Peer(routerIp, vpcCidr, psk, ikeVersion, ikeProposals, espProposals, action, childPerSubnet);
        }
    }

    /** One CHILD SA as this gateway's charon lists it. */
    record ChildSa(String name, long uniqueId, String state, String encryption, String keySize, String integrity, String dhGroup,
                   long bytesIn, long bytesOut, long packetsIn, long packetsOut, List<String> localTs, List<String> remoteTs) {
    }

    /** One IKE SA as this gateway's charon lists it. */
    record IkeSa(String name, long uniqueId, int version, String state, String remoteHost, String encryption, String keySize, String integrity,
                 String prf, String dhGroup, List<ChildSa> children) {
        boolean established() {
            return state.equals("ESTABLISHED");
        }

        List<ChildSa> installed() {
            return children.stream().filter(c -> c.state().equals("INSTALLED")).toList();
        }
    }

    /** Packets counted at the gateway: IKE/ESP from outside, and packets for the remote subnets in clear or out of the tunnel. */
    record Counters(long espPackets, long clearPackets, long tunnelPackets) {
        private static final Pattern RULE = Pattern.compile("^\\[(\\d+):(\\d+)\\] -A PREROUTING .*--comment s2stest-(\\w+)");

        /** Sums the packets of the counting rules (comments s2stest-esp, -clear, -tunnel) in iptables-save -c output. */
        static Counters parse(String iptablesSave) {
            long esp = 0;
            long clear = 0;
            long tunnel = 0;
            for (String line : iptablesSave.split("\n")) {
                Matcher m = RULE.matcher(line);
                if (m.find()) {
                    long packets = Long.parseLong(m.group(1));
                    switch (m.group(3)) {
                        case "esp" -> esp += packets;
                        case "clear" -> clear += packets;
                        case "tunnel" -> tunnel += packets;
                        default -> throw new IllegalStateException(line);
                    }
                }
            }
            return new Counters(esp, clear, tunnel);
        }
    }

    final String name;
    final String namespace;
    final String hostNamespace;
    final String publicIp;
    /** Every address of the gateway on the public bridge, publicIp first (several when it stands for many customers). */
    final List<String> publicIps;
    final List<Cidr> subnets;
    private final String hostVeth;
    private final Path dir;
    private Process charon;
    private Peer peer;
    /** Whether the peer is configured once per public address ({@link #configureEach}) rather than once. */
    private boolean perAddress;

    private CustomerGatewaySite(String name, String namespace, String hostNamespace, String hostVeth, List<String> publicIps, List<Cidr> subnets,
                                Path dir) {
        this.name = name;
        this.namespace = namespace;
        this.hostNamespace = hostNamespace;
        this.hostVeth = hostVeth;
        this.publicIps = List.copyOf(publicIps);
        this.publicIp = publicIps.get(0);
        this.subnets = List.copyOf(subnets);
        this.dir = dir;
    }

    /**
     * Builds the site: the gateway namespace at publicIp on the public bridge (each subnet's .1 on its inner NIC, forwarding
     * on), the host namespace behind it (each subnet's .10, default route via the first subnet's .1), and a charon with
     * nothing loaded. On any failure what was built is removed again.
     */
    static CustomerGatewaySite create(TestNetwork names, String label, String publicBridge, Cidr publicRange, String publicIp, List<Cidr> subnets)
            throws IOException {
        return create(names, label, publicBridge, publicRange, List.of(publicIp), subnets);
    }

    /**
     * A site with several public addresses: one charon standing in for many customer gateways (one per address, see
     * {@link #configureEach}), as a benchmark with many tunnels on one router needs without a namespace and daemon each.
     */
    static CustomerGatewaySite create(TestNetwork names, String label, String publicBridge, Cidr publicRange, List<String> publicIps,
                                      List<Cidr> subnets) throws IOException {
        if (subnets.isEmpty() || publicIps.isEmpty()) {
            throw new IllegalArgumentException("a site has at least one subnet and one public address");
        }
        Path dir = Files.createTempDirectory("s2svpn-cgw-");
        CustomerGatewaySite site = new CustomerGatewaySite(label, names.name(label), names.name(label + "h"), names.name(label + "p"), publicIps,
                subnets, dir);
        try {
            site.build(publicBridge, publicRange);
            site.startCharon();
            return site;
        } catch (RuntimeException | IOException e) {
            site.close();
            throw e;
        }
    }

    private void build(String publicBridge, Cidr publicRange) throws IOException {
        Shell.must("ip", "netns", "add", namespace);
        Shell.must("ip", "netns", "add", hostNamespace);
        Shell.must("ip", "link", "add", "name", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        Shell.must("ip", "link", "set", "dev", hostVeth, "master", publicBridge, "up");
        for (String address : publicIps) {
            Shell.must("ip", "-n", namespace, "addr", "add", address + "/" + publicRange.prefix(), "dev", "eth0");
        }
        Shell.must("ip", "-n", namespace, "link", "add", "name", "eth1", "type", "veth", "peer", "name", "eth0", "netns", hostNamespace);
        for (Cidr subnet : subnets) {
            Shell.must("ip", "-n", namespace, "addr", "add", subnet.network().plus(1) + "/" + subnet.prefix(), "dev", "eth1");
            Shell.must("ip", "-n", hostNamespace, "addr", "add", host(subnet) + "/" + subnet.prefix(), "dev", "eth0");
        }
        for (String ns : List.of(namespace, hostNamespace)) {
            Shell.must("ip", "-n", ns, "link", "set", "dev", "lo", "up");
            Shell.must("ip", "-n", ns, "link", "set", "dev", "eth0", "up");
        }
        Shell.must("ip", "-n", namespace, "link", "set", "dev", "eth1", "up");
        Shell.must("ip", "-n", hostNamespace, "route", "add", "default", "via", subnets.get(0).network().plus(1).toString());
        Shell.must("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // Counting only (no target): what reaches the public NIC encrypted or in clear, and what comes out of the tunnel.
        List<String> rules = new ArrayList<>(List.of("*mangle",
                "-A PREROUTING -i eth0 -p udp -m udp --dport 4500 -m comment --comment s2stest-esp",
                "-A PREROUTING -i eth0 -p esp -m comment --comment s2stest-esp"));
        for (Cidr subnet : subnets) {
            rules.add("-A PREROUTING -i eth0 -d " + subnet + " -m comment --comment s2stest-clear");
            rules.add("-A PREROUTING -i ipsec0 -d " + subnet + " -m comment --comment s2stest-tunnel");
        }
        rules.add("COMMIT");
        Path rulesFile = dir.resolve("iptables.rules");
        Files.writeString(rulesFile, String.join("\n", rules) + "\n");
        Shell.must("ip", "netns", "exec", namespace, "iptables-restore", "-w", "--noflush", rulesFile.toString());

        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("strongswan.conf"), """
                # a customer gateway of the s2svpn tests (ipsec-on-this-machine.md: the minimal plugin list)
                charon {
                    load_modular = no
                    load = random nonce kdf openssl aes sha1 sha2 md5 gcm gmp pem pkcs1 hmac kernel-libipsec kernel-netlink socket-default vici updown
                    install_routes = yes
                    # A site standing for many customer gateways gets all their half-open IKE SAs from the one router
                    # address: charon's DoS limits (5 per peer address) would drop what 50 separate gateways accept.
                    block_threshold = 1000
                    cookie_threshold = 1000
                    plugins {
                        vici {
                            socket = unix://%1$s/charon.vici
                        }
                    }
                    filelog {
                        cgw {
                            path = %1$s/charon.log
                            time_format = %%H:%%M:%%S
                            append = yes
                            flush_line = yes
                            ike_name = yes
                            default = 1
                        }
                    }
                }
                swanctl {
                    load = random openssl pem pkcs1 pkcs8 x509 pubkey
                }
                """.formatted(dir));
        for (String sub : List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss",
                "pkcs8", "pkcs12")) {
            Files.createDirectories(dir.resolve(sub));
        }
    }

    /** The host's address in a subnet: .10. */
    static String host(Cidr subnet) {
        return subnet.network().plus(10).toString();
    }

    @Override
    public List<Cidr> subnets() {
        return subnets;
    }

    /** The host's address in the first subnet. */
    @Override
    public String host() {
        return host(subnets.get(0));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String publicIp() {
        return publicIp;
    }

    /** Writes the swanctl.conf for this peer and loads it (secrets replaced, connections not in it unloaded). */
    void configure(Peer newPeer) throws IOException {
        peer = requireNonNull(newPeer, "peer");
        perAddress = false;
        List<List<Cidr>> children = peer.childPerSubnet() ? subnets.stream().map(List::of).toList() : List.of(subnets);
        load("connections {\n" + connection("router", publicIp, children) + "}\nsecrets {\n" + secret("ike-router", publicIp) + "}\n");
    }

    /**
     * As many customer gateways as the site has public addresses, each talking to the same router with that peer's
     * settings: connection router-i from the i-th address, for the i-th subnet alone, with a secret of its own.
     */
    void configureEach(Peer newPeer) throws IOException {
        if (publicIps.size() != subnets.size()) {
            throw new IllegalStateException("one subnet per public address: " + publicIps.size() + " addresses, " + subnets.size() + " subnets");
        }
        peer = requireNonNull(newPeer, "peer");
        perAddress = true;
        StringBuilder conns = new StringBuilder();
        StringBuilder secrets = new StringBuilder("secrets {\n");
        for (int i = 0; i < publicIps.size(); i++) {
            conns.append(connection("router-" + i, publicIps.get(i), List.of(List.of(subnets.get(i)))));
            secrets.append(secret("ike-router-" + i, publicIps.get(i)));
        }
        load("connections {\n" + conns + "}\n" + secrets + "}\n");
    }

    /** One connection of swanctl.conf: to the peer from that local address, a CHILD SA per list of subnets. */
    private String connection(String conn, String local, List<List<Cidr>> children) {
        StringBuilder conf = new StringBuilder("    ").append(conn).append(" {\n");
        conf.append("        version = ").append(peer.ikeVersion()).append('\n');
        conf.append("        local_addrs = ").append(local).append('\n');
        conf.append("        remote_addrs = ").append(peer.routerIp()).append('\n');
        conf.append("        proposals = ").append(peer.ikeProposals()).append('\n');
        conf.append("        local {\n            auth = psk\n            id = ").append(local).append("\n        }\n");
        conf.append("        remote {\n            auth = psk\n            id = ").append(peer.routerIp()).append("\n        }\n");
        conf.append("        children {\n");
        for (int i = 0; i < children.size(); i++) {
            conf.append("            net").append(i == 0 ? "" : "-" + (i + 1)).append(" {\n");
            conf.append("                local_ts = ").append(children.get(i).stream().map(Cidr::toString).collect(Collectors.joining(",")))
                    .append('\n');
            conf.append("                remote_ts = ").append(peer.vpcCidr()).append('\n');
            conf.append("                esp_proposals = ").append(peer.espProposals()).append('\n');
            conf.append("                start_action = ").append(peer.startAction()).append('\n');
            conf.append("            }\n");
        }
        return conf.append("        }\n    }\n").toString();
    }

    private String secret(String label, String local) {
        return "    " + label + " {\n        id-1 = " + local + "\n        id-2 = " + peer.routerIp() + "\n        secret = \""
                + peer.psk().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n    }\n";
    }

    /**
     * Loads a whole swanctl.conf as given, as the customer's administrator would: written as is and loaded with
     * {@code swanctl --load-all} (its connections and secrets; those not in it unloaded). Nothing of this class's
     * own configuration is used.
     */
    void loadSwanctlConf(String swanctlConf) throws IOException {
        peer = null;
        perAddress = false;
        Path file = dir.resolve("swanctl.conf");
        Files.writeString(file, swanctlConf);
        swanctl("--load-all", "--clear", "--noprompt", "--file", file.toString());
    }

    private void load(String conf) throws IOException {
        Path file = dir.resolve("swanctl.conf");
        Files.writeString(file, conf);
        swanctl("--load-creds", "--clear", "--noprompt", "--file", file.toString());
        swanctl("--load-conns", "--file", file.toString());
    }

    /** Initiates every CHILD SA of the configuration (and the IKE SA with the first), waiting up to 10 s each. */
    void initiate() {
        int children = peer.childPerSubnet() ? subnets.size() : 1;
        for (int i = 0; i < children; i++) {
            swanctl("--initiate", "--ike", "router", "--child", "net" + (i == 0 ? "" : "-" + (i + 1)), "--timeout", "10");
        }
    }

    /** Rekeys the CHILD SA with that unique id (IKEv2: a CREATE_CHILD_SA exchange, with a new DH when PFS is on). */
    void rekeyChild(long uniqueId) {
        swanctl("--rekey", "--child-id", String.valueOf(uniqueId));
    }

    /** The daemon dies without a word to its peers (SIGKILL): no DELETE, the router's DPD has to find out. */
    void killCharon() {
        if (charon != null) {
            charon.destroyForcibly();
            waitFor(charon);
            charon = null;
        }
    }

    /** Starts the daemon (again) and loads the last configuration, which with start_action start brings the tunnel up. */
    void startCharon() throws IOException {
        if (charon != null) {
            throw new IllegalStateException("charon of " + name + " runs");
        }
        Files.deleteIfExists(dir.resolve("run").resolve("charon.pid"));
        Files.deleteIfExists(dir.resolve("charon.vici"));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", namespace, "unshare", "-m", "sh", "-c",
                "mount --bind \"$1\" /run && exec \"$2\"", "sh", dir.resolve("run").toString(), CHARON)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("charon.out").toFile()));
        pb.environment().put("STRONGSWAN_CONF", dir.resolve("strongswan.conf").toString());
        charon = pb.start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!swanctlRun("--stats").ok()) {
            if (!charon.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("charon of customer gateway " + name + " did not come up: " + logTail(20));
            }
            ApiClient.sleep(50);
        }
        if (peer != null && perAddress) {
            configureEach(peer);
        } else if (peer != null) {
            configure(peer);
        }
    }

    boolean charonRuns() {
        return charon != null && charon.isAlive();
    }

    /** The IKE SAs this gateway's charon has now. */
    List<IkeSa> sas() {
        List<IkeSa> sas = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> event : parsePretty(swanctl("--list-sas", "--pretty", "--noblock"))) {
            if (!event.getKey().equals("list-sa event")) {
                continue;
            }
            for (Map.Entry<String, Object> ike : event.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sa = (Map<String, Object>) ike.getValue();
                List<ChildSa> children = new ArrayList<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> childSas = (Map<String, Object>) sa.getOrDefault("child-sas", Map.of());
                for (Object value : childSas.values()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = (Map<String, Object>) value;
                    children.add(new ChildSa(text(c, "name"), number(c, "uniqueid"), text(c, "state"), text(c, "encr-alg"), text(c, "encr-keysize"),
                            text(c, "integ-alg"), text(c, "dh-group"), number(c, "bytes-in"), number(c, "bytes-out"), number(c, "packets-in"),
                            number(c, "packets-out"), list(c, "local-ts"), list(c, "remote-ts")));
                }
                children.sort(Comparator.comparing(ChildSa::name).thenComparing(ChildSa::uniqueId));
                sas.add(new IkeSa(ike.getKey(), number(sa, "uniqueid"), (int) number(sa, "version"), text(sa, "state"), text(sa, "remote-host"),
                        text(sa, "encr-alg"), text(sa, "encr-keysize"), text(sa, "integ-alg"), text(sa, "prf-alg"), text(sa, "dh-group"), children));
            }
        }
        return sas;
    }

    /** The established IKE SA with the router, if there is one. */
    java.util.Optional<IkeSa> established() {
        return sas().stream().filter(IkeSa::established).findFirst();
    }

    /** Waits until an IKE SA with the router is established with this many installed CHILD SAs. */
    IkeSa awaitEstablished(int children, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<IkeSa> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = sas();
            for (IkeSa sa : last) {
                if (sa.established() && sa.installed().size() == children) {
                    return sa;
                }
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("customer gateway " + name + ": no established IKE SA with " + children + " CHILD SA(s) within " + timeout
                + ": " + last + "\n" + logTail(30));
    }

    @Override
    public Counters counters() {
        return Counters.parse(Shell.must("ip", "netns", "exec", namespace, "iptables-save", "-c", "-t", "mangle"));
    }

    @Override
    public long[] saPackets() {
        return S2sWorld.childPackets(this);
    }

    /** The end of this gateway's charon log, for failure messages. */
    @Override
    public String logTail(int lines) {
        try {
            Path log = dir.resolve("charon.log");
            if (!Files.exists(log)) {
                return "(no charon.log)";
            }
            List<String> all = Files.readAllLines(log);
            return "customer gateway " + name + " charon.log:\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(charon.log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether this gateway's charon ever received an IKE message from the router (its log says so). */
    boolean heardFrom(String address) {
        try {
            Path log = dir.resolve("charon.log");
            return Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.contains("received packet: from " + address + "["));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String swanctl(String... args) {
        Shell.Result result = swanctlRun(args);
        if (!result.ok()) {
            throw new AssertionError("swanctl " + String.join(" ", args) + " on customer gateway " + name + " failed: " + result.output()
                    + "\n" + logTail(20));
        }
        return result.output();
    }

    private Shell.Result swanctlRun(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"), "timeout", "20", "swanctl"));
        command.add(args[0]);
        command.addAll(List.of("--uri", "unix://" + dir.resolve("charon.vici")));
        command.addAll(List.of(args).subList(1, args.length));
        return Shell.run(command.toArray(String[]::new));
    }

    /** swanctl's --pretty output (one item per line) as events: name and body, nested maps and lists of strings. */
    static List<Map.Entry<String, Map<String, Object>>> parsePretty(String output) {
        List<Map.Entry<String, Map<String, Object>>> events = new ArrayList<>();
        Deque<Map<String, Object>> stack = new ArrayDeque<>();
        String event = null;
        List<String> list = null;
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (stack.isEmpty()) {
                if (line.endsWith(" {")) {
                    event = line.substring(0, line.length() - 2);
                    stack.push(new LinkedHashMap<>());
                }
            } else if (line.equals("}")) {
                Map<String, Object> done = stack.pop();
                if (stack.isEmpty()) {
                    events.add(Map.entry(event, done));
                }
            } else if (line.equals("]")) {
                list = null;
            } else if (list != null) {
                list.add(line);
            } else if (line.endsWith(" = [")) {
                list = new ArrayList<>();
                stack.peek().put(line.substring(0, line.length() - 4), list);
            } else if (line.endsWith(" {")) {
                Map<String, Object> child = new LinkedHashMap<>();
                stack.peek().put(line.substring(0, line.length() - 2), child);
                stack.push(child);
            } else if (line.contains(" = ")) {
                int eq = line.indexOf(" = ");
                stack.peek().put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return events;
    }

    private static String text(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? null : v.toString();
    }

    private static long number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? 0 : Long.parseLong(v.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        killCharon();
        Shell.run("ip", "link", "del", "dev", hostVeth);
        Shell.run("ip", "netns", "del", hostNamespace);
        Shell.run("ip", "netns", "del", namespace);
        removeDir(dir);
    }

    /** Removes a site's temp dir and all in it, as well as it can: a temp dir left behind is no reason to fail a test. */
    static void removeDir(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // see above
        }
    }

    @Override
    public String toString() {
        return "customer gateway " + name + " (" + publicIp + ", " + cidrList() + ")";
    }
}
