package org.s2svpn.test;

import java.util.ArrayList;
import java.util.List;
import org.s2svpn.client.demo.HostNetwork;
import org.s2svpn.server.net.Cidr;

/**
 * Addresses and names for tests that build namespaces and bridges on this machine: never a range the machine itself
 * uses (its addresses and routes are read first), and names unique to this run, all removed by {@link #cleanUp()}.
 */
final class TestNetwork implements AutoCloseable {
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000, 36) + Long.toString(System.nanoTime() % 1296, 36);
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    /** The first candidate CIDR that overlaps nothing the root namespace has addresses or routes for. */
    static Cidr freeRange(String... candidates) {
        return HostNetwork.freeRange(candidates);
    }

    /** A name unique to this run, at most 15 characters. */
    String name(String prefix) {
        String name = prefix + tag;
        if (name.length() > 15) {
            throw new IllegalArgumentException("interface name too long: " + name);
        }
        return name;
    }

    String bridge(String prefix) {
        String name = name(prefix);
        Shell.must("ip", "link", "add", "name", name, "type", "bridge");
        Shell.must("ip", "link", "set", "dev", name, "up");
        links.add(name);
        return name;
    }

    /** A "VM": a namespace with one NIC on the bridge, an address and a default route. */
    String vm(String prefix, String bridge, String addressWithPrefix, String gateway) {
        String ns = name(prefix);
        String veth = name(prefix + "v");
        namespaces.add(ns);
        links.add(veth);
        Shell.must("ip", "netns", "add", ns);
        Shell.must("ip", "link", "add", "name", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Shell.must("ip", "link", "set", "dev", veth, "master", bridge, "up");
        Shell.must("ip", "-n", ns, "addr", "add", addressWithPrefix, "dev", "eth0");
        Shell.must("ip", "-n", ns, "link", "set", "dev", "eth0", "up");
        Shell.must("ip", "-n", ns, "link", "set", "dev", "lo", "up");
        Shell.must("ip", "-n", ns, "route", "add", "default", "via", gateway);
        return ns;
    }

    static boolean pings(String namespace, String address) {
        return Shell.run("ip", "netns", "exec", namespace, "ping", "-c", "2", "-W", "2", "-i", "0.2", address).ok();
    }

    static boolean namespaceExists(String name) {
        return Shell.must("ip", "netns", "list").lines().anyMatch(l -> l.split(" ")[0].equals(name));
    }

    static boolean linkExists(String name) {
        return Shell.run("ip", "link", "show", "dev", name).ok();
    }

    /** True when a charon runs with the router's own strongswan.conf (the node tool starts one per router). */
    static boolean charonRunsFor(String routerNamespace) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/charon")).orElse(false))
                .anyMatch(p -> {
                    try {
                        String environ = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(p.pid()), "environ"));
                        return environ.contains("/routers/" + routerNamespace + "/");
                    } catch (java.io.IOException gone) {
                        return false;
                    }
                });
    }

    void cleanUp() {
        namespaces.forEach(ns -> Shell.run("ip", "netns", "del", ns));
        links.forEach(link -> Shell.run("ip", "link", "del", "dev", link));
    }

    @Override
    public void close() {
        cleanUp();
    }
}
