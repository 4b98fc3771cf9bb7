package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.schema.dao.RouterDao;

/** Network nodes: registering them (login checked, scripts installed), and where routers go. */
public final class HostManager {
    private static final Logger LOG = LogManager.getLogger(HostManager.class);
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final HostDao hosts;
    private final RouterDao routers;
    private final NodeInstaller installer;

    public HostManager(HostDao hosts, RouterDao routers, NodeInstaller installer) {
        this.hosts = requireNonNull(hosts, "hosts");
        this.routers = requireNonNull(routers, "routers");
        this.installer = requireNonNull(installer, "installer");
    }

    public static NodeAddress address(HostVO host) {
        return new NodeAddress(host.address(), host.port(), host.username());
    }

    /**
     * addHost: url ssh://address[:port] (http://address, as CloudStack writes KVM hosts, means port 22). The login is
     * checked and the node scripts installed before anything is stored; a node that cannot be reached is an error.
     */
    public HostVO add(long zoneId, String url, String username) {
        NodeAddress node = parse(url, username == null ? "root" : username);
        for (HostVO existing : hosts.listByZone(zoneId)) {
            if (existing.address().equals(node.host()) && existing.port() == node.port()) {
                throw ApiException.invalidParameter("Invalid url: the node " + node.hostAndPort() + " is already registered as host "
                        + existing.name());
            }
        }
        String version;
        try {
            version = installer.install(node);
        } catch (NodeUnreachableException e) {
            throw ApiException.unavailable("Unable to add the host: " + e.getMessage());
        }
        HostVO host = hosts.insert(node.host(), zoneId, "ssh://" + node.hostAndPort(), node.host(), node.port(), node.username(), HostVO.UP,
                version);
        LOG.info("added network node {} ({}) with scripts {}", host.name(), host.uuid(), version);
        return host;
    }

    /** deleteHost: refused while routers live on the node. */
    public void delete(HostVO host) {
        List<DomainRouterVO> on = routers.listByHost(host.id());
        if (!on.isEmpty()) {
            throw ApiException.invalidParameter("Host " + host.name() + " still hosts " + on.size() + " router(s): "
                    + on.stream().map(DomainRouterVO::name).toList() + "; delete or move their VPCs first");
        }
        hosts.markRemoved(host.id());
        LOG.info("removed network node {} ({})", host.name(), host.uuid());
    }

    /**
     * The node with the fewest routers among the zone's nodes that are Up; empty when the zone has no node at all,
     * so that the router is simulated. A zone whose nodes are all down cannot start routers.
     */
    public Optional<Long> pickHost(long zoneId) {
        List<HostVO> all = hosts.listByZone(zoneId);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(all.stream()
                .filter(h -> HostVO.UP.equals(h.status()))
                .min(Comparator.comparingInt(h -> routers.listByHost(h.id()).size()))
                .map(HostVO::id)
                .orElseThrow(() -> ApiException.unavailable("No network node of the zone is Up; routers cannot be started")));
    }

    static NodeAddress parse(String url, String username) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("Invalid url " + url + ": ssh://address[:port] is expected");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("ssh") || scheme.equals("http")) || uri.getHost() == null
                || !HOSTNAME.matcher(uri.getHost()).matches() || uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw ApiException.invalidParameter("Invalid url " + url + ": ssh://address[:port] is expected");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.invalidParameter("Invalid username " + username);
        }
        return new NodeAddress(uri.getHost(), uri.getPort() == -1 || scheme.equals("http") ? 22 : uri.getPort(), username);
    }
}
