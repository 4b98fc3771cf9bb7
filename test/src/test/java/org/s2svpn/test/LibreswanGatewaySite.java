package org.s2svpn.test;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.s2svpn.server.net.Cidr;

/**
 * A customer gateway that runs Libreswan, configured with nothing but an ipsec.conf and an ipsec.secrets text.
 *
 * <p>Libreswan's pluto has no userspace data plane: it needs the kernel's ESP, which this machine's kernel lacks
 * (ipsec-on-this-machine.md). So the gateway is a User-mode Linux guest (Debian's {@code user-mode-linux}, whose
 * kernel has ESP as a module), a process of this machine: its root is the host's / through hostfs, read only, so it
 * runs the host's tools and the Libreswan that scripts/test-deps.sh unpacks; the site's temp dir is its one writable
 * host folder (the guest's init script, site.env, the two config files, pluto.log). Its NIC is a TAP device in a
 * namespace of the site's own, bridged there to a veth whose other end is on the zone's public bridge. Inside the
 * guest a namespace "host" is the host in the remote subnets, behind the gateway; iptables counters there tell
 * traffic that came through the tunnel from traffic that came in clear, as {@link CustomerGatewaySite} does.
 *
 * <p>The test drives the guest through its console (the process's stdin and stdout): the init script
 * (resources/libreswan-gateway/init.sh) prints {@code @@ready} once the gateway is built, then runs each line it
 * reads and answers its output and {@code @@rc=<exit code>}. {@link #close()} kills the guest (and every process it
 * runs on this machine), removes the namespace (the TAP device and veths go with it) and the temp dir, also after a
 * failure.
 */
final class LibreswanGatewaySite implements S2sWorld.Gateway {
    static final Path LIBRESWAN = Path.of("/var/cache/s2svpn/libreswan");
    static final String UML = "/usr/bin/linux.uml";
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY = "@@ready";
    private static final String RC = "@@rc=";
    /** A line that no console output is: what the reader thread queues when the console closes. */
    private static final String EOF = "\u0000eof";

    /** An IPsec SA pair as pluto's {@code whack --trafficstatus} lists it: its connection and bytes in and out. */
    record IpsecSa(String connection, long inBytes, long outBytes) {
    }

    final String name;
    final String namespace;
    final String publicIp;
    final List<Cidr> subnets;
    final String hostVeth;
    /** The site's temp dir: the guest's init script, site.env, the config files and the logs. */
    final Path dir;
    private Process guest;
    private Writer console;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Instant bootDeadline;
    private boolean ready;
    private boolean plutoStarted;

    private LibreswanGatewaySite(String name, String namespace, String hostVeth, String publicIp, List<Cidr> subnets, Path dir) {
        this.name = name;
        this.namespace = namespace;
        this.hostVeth = hostVeth;
        this.publicIp = publicIp;
        this.subnets = List.copyOf(subnets);
        this.dir = dir;
    }

    /**
     * Builds the site and starts its guest, which goes on booting in the background: the gateway at publicIp on the
     * public bridge (default route via the public range's .1, each subnet's .1 on its inner NIC, forwarding on), the
     * host behind it at each subnet's .10, and no pluto yet. On any failure what was built is removed again.
     */
    static LibreswanGatewaySite create(TestNetwork names, String label, String publicBridge, Cidr publicRange, String publicIp, List<Cidr> subnets)
            throws IOException {
        if (subnets.isEmpty()) {
            throw new IllegalArgumentException("a site has at least one subnet");
        }
        Path dir = Files.createTempDirectory("s2svpn-lsw-");
        LibreswanGatewaySite site = new LibreswanGatewaySite(label, names.name(label), names.name(label + "p"), publicIp, subnets, dir);
        try {
            site.build(publicBridge, publicRange);
            site.boot();
            return site;
        } catch (RuntimeException | IOException | AssertionError e) {
            site.close();
            throw e;
        }
    }

    private void build(String publicBridge, Cidr publicRange) throws IOException {
        Shell.must("ip", "netns", "add", namespace);
        Shell.must("ip", "link", "add", "name", hostVeth, "type", "veth", "peer", "name", "up0", "netns", namespace);
        Shell.must("ip", "link", "set", "dev", hostVeth, "master", publicBridge, "up");
        Shell.must("ip", "-n", namespace, "link", "add", "name", "br0", "type", "bridge");
        Shell.must("ip", "-n", namespace, "tuntap", "add", "dev", "tap0", "mode", "tap");
        for (String dev : List.of("up0", "tap0")) {
            Shell.must("ip", "-n", namespace, "link", "set", "dev", dev, "master", "br0", "up");
        }
        Shell.must("ip", "-n", namespace, "link", "set", "dev", "br0", "up");

        try (InputStream init = LibreswanGatewaySite.class.getResourceAsStream("/libreswan-gateway/init.sh")) {
            if (init == null) {
                throw new IllegalStateException("test resource libreswan-gateway/init.sh is missing");
            }
            Files.copy(init, dir.resolve("init.sh"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(dir.resolve("init.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("site.env"), String.join("\n",
                "PUBLIC_IP=" + publicIp,
                "PUBLIC_PREFIX=" + publicRange.prefix(),
                "PUBLIC_GATEWAY=" + publicRange.network().plus(1),
                "SUBNETS='" + subnets.stream().map(Cidr::toString).collect(Collectors.joining(" ")) + "'",
                "GATEWAY_ADDRESSES='" + subnets.stream().map(s -> s.network().plus(1) + "/" + s.prefix()).collect(Collectors.joining(" ")) + "'",
                "HOST_ADDRESSES='" + subnets.stream().map(s -> host(s) + "/" + s.prefix()).collect(Collectors.joining(" ")) + "'",
                "HOST_GATEWAY=" + subnets.get(0).network().plus(1),
                "LIBRESWAN=" + LIBRESWAN,
                ""));
    }

    /**
     * Starts the guest in the site's namespace (its TAP device is there) and returns: it boots (some seconds, more on
     * a busy machine) while the test goes on, and the first command waits until its init says it is ready.
     */
    private void boot() throws IOException {
        if (!Files.isExecutable(LIBRESWAN.resolve("usr/libexec/ipsec/pluto")) || !Files.isExecutable(Path.of(UML))) {
            throw new IllegalStateException("Libreswan in " + LIBRESWAN + " or " + UML + " is missing: run scripts/test-deps.sh as root");
        }
        bootDeadline = Instant.now().plus(BOOT_TIMEOUT);
        guest = new ProcessBuilder("ip", "netns", "exec", namespace, UML, "mem=256M", "root=/dev/root", "rootfstype=hostfs", "rootflags=/", "ro",
                "init=" + dir.resolve("init.sh"), "con=null", "con0=fd:0,fd:1", "vec0:transport=tap,ifname=tap0", "quiet", "umid=" + namespace,
                "uml_dir=" + dir)
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("uml.err").toFile()))
                .start();
        console = new OutputStreamWriter(guest.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readConsole, "console-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits (once) until the guest's init has built the gateway and listens on the console. */
    private void awaitReady() {
        while (!ready) {
            ready = next(bootDeadline, "boot").equals(READY);
        }
    }

    /** Queues the guest's console lines (all of them also go to console.log) until the console closes. */
    private void readConsole() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(guest.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(dir.resolve("console.log"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.write(line + "\n");
                log.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // the guest is gone (or the temp dir): the EOF below tells whoever waits
        } finally {
            lines.add(EOF);
        }
    }

    private String next(Instant deadline, String what) {
        try {
            long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            String line = lines.poll(wait, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("Libreswan gateway " + name + ": no answer to " + what + " within its time\n" + logTail(20));
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError("Libreswan gateway " + name + ": the guest ended during " + what + "\n" + logTail(20));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command line in the guest's init shell (its functions: pluto_start, whack, counters); its output and exit code. */
    private synchronized Shell.Result guest(String command) {
        awaitReady();
        try {
            console.write(command + "\n");
            console.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Libreswan gateway " + name + ": the console is closed", e);
        }
        Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
        StringBuilder output = new StringBuilder();
        for (String line = next(deadline, command); ; line = next(deadline, command)) {
            if (line.startsWith(RC)) {
                return new Shell.Result(Integer.parseInt(line.substring(RC.length()).strip()), output.toString());
            }
            output.append(line).append('\n');
        }
    }

    private String guestMust(String command) {
        Shell.Result result = guest(command);
        if (!result.ok()) {
            throw new AssertionError("Libreswan gateway " + name + ": " + command + " failed (" + result.exitCode() + "): " + result.output()
                    + "\n" + logTail(20));
        }
        return result.output();
    }

    /**
     * Configures the gateway from nothing but these two texts, as its administrator would put them in /etc/ipsec.conf
     * and /etc/ipsec.secrets, and starts pluto, which loads the connections as their {@code auto=} says (start
     * initiates, add waits for the peer).
     */
    void configure(String ipsecConf, String ipsecSecrets) throws IOException {
        if (plutoStarted) {
            throw new IllegalStateException("pluto of " + name + " runs already");
        }
        Files.writeString(dir.resolve("ipsec.conf"), requireNonNull(ipsecConf, "ipsecConf"));
        Path secrets = dir.resolve("ipsec.secrets");
        Files.writeString(secrets, requireNonNull(ipsecSecrets, "ipsecSecrets"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        guestMust("pluto_start");
        plutoStarted = true;
    }

    /** The IPsec SAs pluto has now (none before {@link #configure}). */
    List<IpsecSa> ipsecSas() {
        if (!plutoStarted) {
            return List.of();
        }
        Shell.Result status = guest("whack --trafficstatus");
        List<IpsecSa> sas = new ArrayList<>();
        Pattern sa = Pattern.compile("\"([^\"]+)\".*type=ESP.*inBytes=(\\d+), outBytes=(\\d+)");
        for (String line : status.output().split("\n")) {
            Matcher m = sa.matcher(line);
            if (m.find()) {
                sas.add(new IpsecSa(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            }
        }
        return sas;
    }

    /** Waits until pluto has this many IPsec SAs (established CHILD SAs, or IKEv1 quick modes) up. */
    List<IpsecSa> awaitEstablished(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<IpsecSa> last = ipsecSas();
        while (last.size() != count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Libreswan gateway " + name + ": not " + count + " IPsec SA(s) within " + timeout + ": " + last + "\n"
                        + logTail(30));
            }
            ApiClient.sleep(200);
            last = ipsecSas();
        }
        return last;
    }

    /** The whole of pluto's {@code whack --status}, for failure messages and checks of what was negotiated. */
    String status() {
        return guestMust("whack --status");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String publicIp() {
        return publicIp;
    }

    @Override
    public List<Cidr> subnets() {
        return subnets;
    }

    @Override
    public String host() {
        return host(subnets.get(0));
    }

    static String host(Cidr subnet) {
        return CustomerGatewaySite.host(subnet);
    }

    @Override
    public CustomerGatewaySite.Counters counters() {
        return CustomerGatewaySite.Counters.parse(guestMust("counters"));
    }

    /**
     * Packets in and out over the gateway's ESP SAs, as the guest kernel counts them ({@code ip -s xfrm state}: an SA
     * to this gateway's address is inbound, one from it outbound).
     */
    @Override
    public long[] saPackets() {
        long in = 0;
        long out = 0;
        String destination = null;
        Pattern head = Pattern.compile("^src (\\S+) dst (\\S+)");
        Pattern current = Pattern.compile("^\\s+(\\d+)\\(bytes\\), (\\d+)\\(packets\\)");
        for (String line : guestMust("ip -s xfrm state").split("\n")) {
            Matcher h = head.matcher(line);
            Matcher c = current.matcher(line);
            if (h.find()) {
                destination = h.group(2);
            } else if (c.find() && destination != null) {
                if (destination.equals(publicIp)) {
                    in += Long.parseLong(c.group(2));
                } else {
                    out += Long.parseLong(c.group(2));
                }
            }
        }
        return new long[] {in, out};
    }

    /** The end of pluto's log (or of the guest's set-up log, before pluto runs), for failure messages. */
    @Override
    public String logTail(int count) {
        StringBuilder out = new StringBuilder();
        for (String log : List.of("guest.log", "pluto.log", "uml.err")) {
            Path file = dir.resolve(log);
            try {
                if (Files.exists(file)) {
                    List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                    out.append("Libreswan gateway ").append(name).append(' ').append(log).append(":\n  ")
                            .append(String.join("\n  ", all.subList(Math.max(0, all.size() - count), all.size()))).append('\n');
                }
            } catch (IOException e) {
                out.append(log).append(" unreadable: ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (guest != null) {
            // SIGTERM: UML ends its processes on this machine (one per guest process) and itself. A SIGKILL would leave
            // them running, and so may a SIGTERM that comes while UML is still starting: whatever is left then (its
            // command line names the site's umid) is killed one by one.
            guest.destroy();
            try {
                if (!guest.waitFor(5, TimeUnit.SECONDS)) {
                    guest.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle left : guestProcesses()) {
                left.destroyForcibly();
                try {
                    left.onExit().get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // reported by whoever looks for it: LibreswanGatewaySiteTest does
                }
            }
            guest = null;
        }
        Shell.run("ip", "link", "del", "dev", hostVeth);
        Shell.run("ip", "netns", "del", namespace);
        CustomerGatewaySite.removeDir(dir);
    }

    /** The processes of this machine that run the site's guest: UML's command line has umid=<the site's namespace>. */
    List<ProcessHandle> guestProcesses() {
        String umid = "umid=" + namespace;
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains(umid)).orElse(false)).toList();
    }

    @Override
    public String toString() {
        return "Libreswan gateway " + name + " (" + publicIp + ", " + cidrList() + ")";
    }
}
