package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.schema.CustomerGatewayVO;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.VpnConnectionVO.State;
import org.s2svpn.schema.dao.CustomerGatewayDao;
import org.s2svpn.schema.dao.EventDao;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.event.AlertManager;
import org.s2svpn.server.router.RouterAnswer;
import org.s2svpn.server.router.RouterManager;
import org.s2svpn.server.router.RouterUnreachableException;
import org.s2svpn.vpn.metrics.ConnectionPackets;
import org.s2svpn.vpn.usage.S2sUsage;
import org.s2svpn.vpn.status.ConnectionStatus;
import org.s2svpn.vpn.status.ConnectionVerdict;
import org.s2svpn.vpn.status.RouterS2sStatus;
import org.s2svpn.vpn.status.S2sStatusParser;

/**
 * Keeps each connection's state true to its router (CloudStack's updateSite2SiteVpnConnectionState, better): takes
 * the status answers of the router check ({@link S2sRouterElement#check}, which repairs drift first), of every apply
 * and of a few reads soon after an apply; Connected only when every
 * CHILD SA is installed; an empty or garbled answer changes nothing; a change is written only if nobody changed the
 * connection in between, with an event and an alert for every change to or from Connected; bytes go to usage,
 * packets to the exporter's counters.
 */
public final class ConnectionMonitor implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ConnectionMonitor.class);
    /**
     * After an apply the router is read at these times (ms after it) for as long as one of its connections that
     * initiates is not Connected: a tunnel shows Connected within seconds, and a router of 50 tunnels that brings them
     * up over 20 s is not left to the router check (30 s by default) for the last of them.
     */
    static final long[] FOLLOW_UP_MILLIS = {150, 300, 600, 1000, 2000, 4000, 8000, 12000, 16000, 20000, 30000, 45000, 60000};
    private static final List<State> WATCHED = List.of(State.Connecting, State.Connected, State.Disconnected);

    private final RouterManager routerManager;
    private final VpnConnectionDao connections;
    private final CustomerGatewayDao customerGateways;
    private final AlertManager alerts;
    private final EventDao events;
    private final S2sUsage usage;
    private final ConnectionPackets packets;
    private final S2sModels models;
    private final S2sStatusParser parser = new S2sStatusParser();
    /**
     * Follow-up reads of several routers at once: a read waits for its router's lock (an apply holds it for seconds
     * on a real router) and a status read of 50 connections takes a second or two, so one thread made every other
     * router's reads queue behind them.
     */
    private final ScheduledExecutorService followUps = Executors.newScheduledThreadPool(4, r -> new Thread(r, "s2s-follow-up"));

    public ConnectionMonitor(RouterManager routerManager, VpnConnectionDao connections, CustomerGatewayDao customerGateways,
                             AlertManager alerts, EventDao events, S2sUsage usage, ConnectionPackets packets, S2sModels models) {
        this.routerManager = requireNonNull(routerManager, "routerManager");
        this.connections = requireNonNull(connections, "connections");
        this.customerGateways = requireNonNull(customerGateways, "customerGateways");
        this.alerts = requireNonNull(alerts, "alerts");
        this.events = requireNonNull(events, "events");
        this.usage = requireNonNull(usage, "usage");
        this.packets = requireNonNull(packets, "packets");
        this.models = requireNonNull(models, "models");
    }

    /** Status reads soon after an apply (see {@link #FOLLOW_UP_MILLIS}), so that tunnels that come up show Connected within seconds. */
    public void followUp(DomainRouterVO router) {
        followUp(router, 0);
    }

    private void followUp(DomainRouterVO router, int step) {
        long delay = FOLLOW_UP_MILLIS[step] - (step == 0 ? 0 : FOLLOW_UP_MILLIS[step - 1]);
        followUps.schedule(() -> {
            if (!checkOne(router) && step + 1 < FOLLOW_UP_MILLIS.length) {
                followUp(router, step + 1);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Reads the router's status once; true when every connection that initiates is Connected (nothing left to watch). */
    private boolean checkOne(DomainRouterVO router) {
        try {
            return routerManager.locked(router.id(), () -> {
                S2sModels.Live live = models.live(router.vpcId());
                if (live.connections().isEmpty()) {
                    return true;
                }
                RouterAnswer answer = routerManager.send(router, "s2s-status", null);
                if (!answer.success()) {
                    LOG.warn("router {}: s2s-status failed: {}", router.name(), answer.error().strip());
                    return false;
                }
                return process(router, answer.output(), live);
            });
        } catch (RouterUnreachableException e) {
            LOG.warn("router {}: site-to-site status unknown: {}", router.name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("router {}: site-to-site status check failed", router.name(), e);
        }
        return false;
    }

    /**
     * Applies one status answer of a router to its connections as they were read before the router was asked (live);
     * call with the router's lock held: the lock keeps two answers of one router from crossing, and lets the routers
     * of a sweep be processed side by side. True when every connection that initiates is Connected now.
     */
    public boolean process(DomainRouterVO router, String answer, S2sModels.Live live) {
        Optional<RouterS2sStatus> parsed = parser.parse(answer);
        if (parsed.isEmpty()) {
            LOG.warn("router {}: unreadable site-to-site status answer; no state changed", router.name());
            return false;
        }
        List<S2sUsage.Reading> readings = new ArrayList<>();
        List<ConnectionPackets.Reading> packetReadings = new ArrayList<>();
        boolean allUp = true;
        for (VpnConnectionVO c : live.connections()) {
            if (!WATCHED.contains(c.state())) {
                continue;
            }
            Optional<ConnectionStatus> status = parsed.get().connection("vpn-" + c.id());
            status.ifPresent(s -> {
                readings.add(new S2sUsage.Reading(c, s.bytesIn(), s.bytesOut()));
                packetReadings.add(new ConnectionPackets.Reading(c.id(), s.packetsIn(), s.packetsOut()));
            });
            List<String> expected = live.model(c).childNames();
            Optional<ConnectionVerdict> verdict = status.map(s -> s.verdict(expected));
            status.ifPresent(s -> apply(router, c, verdict.get(), s.upChildren(expected)));
            allUp &= c.passive() || verdict.map(ConnectionVerdict::connected).orElse(false);
        }
        usage.record(router.zoneId(), readings);
        packets.record(packetReadings); // after the bytes: a reading that usage could not record is not counted here either
        return allUp;
    }

    /**
     * Moves a connection to what its router says of it (its state, reason and the CHILD SAs that are up), if nobody
     * changed it in between; writes only what changed, so that a sweep of tunnels that stay as they were writes nothing.
     */
    private void apply(DomainRouterVO router, VpnConnectionVO c, ConnectionVerdict verdict, List<String> up) {
        State next = verdict.connected() ? State.Connected : State.Disconnected;
        String reason = verdict.cause().orElse(null);
        String childSasUp = up.isEmpty() ? null : String.join(",", up);
        if (c.state() == State.Connecting && ConnectionVerdict.NOT_ESTABLISHED.equals(reason)) {
            next = State.Connecting; // still negotiating: no SA yet, and no error either
            reason = c.reason();
        }
        if (next == c.state()) {
            if (!Objects.equals(reason, c.reason()) || !Objects.equals(childSasUp, c.childSasUp())) {
                connections.observed(c.id(), c.state(), c.state(), reason, childSasUp);
            }
            return;
        }
        if (connections.observed(c.id(), c.state(), next, reason, childSasUp)) {
            changed(router, c, next, reason);
        }
    }

    private void changed(DomainRouterVO router, VpnConnectionVO c, State next, String reason) {
        String gateway = customerGateways.findById(c.customerGatewayId()).map(CustomerGatewayVO::name).orElse("?");
        LOG.info("connection {} to {} on router {}: {} -> {}{}", c.uuid(), gateway, router.name(), c.state(), next,
                reason == null ? "" : " (" + reason + ")");
        if (c.state() == State.Connected || next == State.Connected) {
            String subject = "Site-to-site Vpn Connection to " + gateway + " just switched from " + c.state() + " to " + next;
            alerts.raise(AlertManager.AlertType.DOMAIN_ROUTER, router.zoneId(), subject,
                    subject + " on router " + router.name() + (reason == null ? "" : ": " + reason));
            events.insert("VPN.S2S.CONNECTION.STATE", "Completed", next == State.Connected ? "INFO" : "WARN",
                    subject + " on router " + router.name() + (reason == null ? "" : ": " + reason), 0, c.accountId(), c.domainId());
        }
    }

    @Override
    public void close() {
        followUps.shutdownNow();
    }
}
