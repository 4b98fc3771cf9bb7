package org.s2svpn.vpn.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.s2svpn.server.router.RouterAnswer;
import org.s2svpn.server.router.RouterCommand;
import org.s2svpn.server.router.SimulatedRouterChannel;

/**
 * The s2s-apply and s2s-status verbs of simulated routers (docs/s2s-vr-contract.md): an applied connection comes
 * up as a real one would when its peer accepts it, with counters that grow; peers can be told to refuse (with
 * strongSwan's error), to be down, or to flap. A router that is stopped and started has lost its configuration.
 */
public final class SimulatedS2s {
    /**
     * What one simulated customer gateway does; FIRST_SUBNET_ONLY sets up the IKE SA and the first CHILD SA but
     * refuses the traffic selectors of the others (a peer configured with fewer subnets).
     */
    public enum PeerBehaviour { ACCEPT, DOWN, REFUSE_AUTH, REFUSE_PROPOSAL, FLAP, FIRST_SUBNET_ONLY }

    private record Applied(long boot, String hash, List<JsonObject> connections, long appliedAtMillis) {
    }

    private final SimulatedRouterChannel simulator;
    private final Clock clock;
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();
    private final Map<String, PeerBehaviour> peers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> flapState = new ConcurrentHashMap<>();
    private final java.util.Set<String> silent = ConcurrentHashMap.newKeySet();

    public SimulatedS2s(SimulatedRouterChannel simulator, Clock clock) {
        this.simulator = requireNonNull(simulator, "simulator");
        this.clock = requireNonNull(clock, "clock");
        simulator.register("s2s-apply", this::apply);
        simulator.register("s2s-status", (namespace, command) ->
                RouterAnswer.ok(silent.contains(namespace) ? "" : status(namespace).toString()));
    }

    public void peer(String address, PeerBehaviour behaviour) {
        peers.put(address, behaviour);
    }

    /** Makes the router answer s2s-status with nothing at all (CLOUDSTACK-9592's empty answers), or normally again. */
    public void emptyStatus(String namespace, boolean empty) {
        if (empty) {
            silent.add(namespace);
        } else {
            silent.remove(namespace);
        }
    }

    /** A charon restart on the router: it forgets its S2S configuration and reports the hash null until the next apply. */
    public void forget(String namespace) {
        applied.remove(namespace);
    }

    /**
     * A hand edit on the router, or an older spec left by an apply that never finished: the router runs its
     * configuration without its last connection, and reports a hash that is not the one the server sent.
     */
    public void alter(String namespace) {
        Applied a = current(namespace);
        if (a != null) {
            applied.put(namespace, new Applied(a.boot(), "0".repeat(64), a.connections().subList(0, a.connections().size() - 1),
                    a.appliedAtMillis()));
        }
    }

    /** The hash of the spec the router applied last, or null (as s2s-status reports it). */
    public String appliedHash(String namespace) {
        Applied a = current(namespace);
        return a == null ? null : a.hash();
    }

    /** The payload last applied to the router, for tests. */
    public List<JsonObject> appliedConnections(String namespace) {
        Applied a = current(namespace);
        return a == null ? List.of() : a.connections();
    }

    private RouterAnswer apply(String namespace, RouterCommand command) {
        JsonObject spec;
        try {
            spec = JsonParser.parseString(command.payload()).getAsJsonObject();
        } catch (RuntimeException e) {
            return RouterAnswer.failed("s2svpn-router: invalid spec: not JSON");
        }
        List<JsonObject> connections = new ArrayList<>();
        for (JsonElement c : spec.getAsJsonArray("connections")) {
            connections.add(c.getAsJsonObject());
        }
        Applied previous = current(namespace);
        long since = previous != null && previous.hash().equals(spec.get("hash").getAsString()) ? previous.appliedAtMillis() : clock.millis();
        applied.put(namespace, new Applied(simulator.boot(namespace), spec.get("hash").getAsString(), connections, since));
        return RouterAnswer.ok(status(namespace).toString());
    }

    private Applied current(String namespace) {
        Applied a = applied.get(namespace);
        return a != null && a.boot() == simulator.boot(namespace) ? a : null;
    }

    /** What the router answers s2s-status now, for tests. */
    public JsonObject status(String namespace) {
        JsonObject status = new JsonObject();
        status.addProperty("name", namespace);
        JsonArray list = new JsonArray();
        Applied a = current(namespace);
        status.addProperty("hash", a == null ? null : a.hash());
        if (a != null) {
            long seconds = Math.max(0, (clock.millis() - a.appliedAtMillis()) / 1000);
            for (JsonObject c : a.connections()) {
                list.add(connectionStatus(c, seconds));
            }
        }
        status.add("connections", list);
        return status;
    }

    private JsonObject connectionStatus(JsonObject c, long seconds) {
        String name = c.get("name").getAsString();
        PeerBehaviour behaviour = peers.getOrDefault(c.get("peer").getAsString(), PeerBehaviour.ACCEPT);
        boolean up = switch (behaviour) {
            case ACCEPT, FIRST_SUBNET_ONLY -> true;
            case FLAP -> flapState.merge(name, true, (old, ignored) -> !old);
            default -> false;
        };
        JsonObject status = new JsonObject();
        status.addProperty("name", name);
        JsonArray children = new JsonArray();
        if (up) {
            status.addProperty("ike_state", "ESTABLISHED");
            status.addProperty("ike_established", seconds);
            for (JsonElement child : c.getAsJsonArray("children")) {
                if (behaviour == PeerBehaviour.FIRST_SUBNET_ONLY && !children.isEmpty()) {
                    break;
                }
                JsonObject sa = new JsonObject();
                sa.addProperty("name", child.getAsString());
                sa.addProperty("state", "INSTALLED");
                sa.addProperty("installed", seconds);
                sa.addProperty("bytes_in", 1000 * seconds);
                sa.addProperty("bytes_out", 1500 * seconds);
                sa.addProperty("packets_in", 10 * seconds);
                sa.addProperty("packets_out", 15 * seconds);
                children.add(sa);
            }
            if (behaviour == PeerBehaviour.FIRST_SUBNET_ONLY && c.getAsJsonArray("children").size() > 1) {
                status.addProperty("last_error", "received TS_UNACCEPTABLE notify, no CHILD_SA built");
            } else {
                status.add("last_error", null);
            }
        } else {
            status.add("ike_state", null);
            status.add("ike_established", null);
            status.addProperty("last_error", switch (behaviour) {
                case REFUSE_AUTH -> "received AUTHENTICATION_FAILED notify error";
                case REFUSE_PROPOSAL -> "received NO_PROPOSAL_CHOSEN notify error";
                default -> "giving up after 5 retransmits";
            });
        }
        status.add("children", children);
        return status;
    }
}
