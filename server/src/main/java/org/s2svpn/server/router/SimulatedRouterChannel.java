package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.s2svpn.schema.DomainRouterVO;

/**
 * In-process routers for the quick start and scale tests: they keep the spec they were started with, answer status
 * as a node does, and can be told to misbehave (unreachable, slow, a failing verb) to test how the server copes.
 */
public final class SimulatedRouterChannel implements RouterChannel {

    /** A fault injected into one simulated router. */
    public record Fault(boolean unreachable, Duration delay, String failingVerb) {
        public static final Fault NONE = new Fault(false, Duration.ZERO, null);

        public static Fault unreachableRouter() {
            return new Fault(true, Duration.ZERO, null);
        }

        public static Fault slow(Duration delay) {
            return new Fault(false, delay, null);
        }

        public static Fault failing(String verb) {
            return new Fault(false, Duration.ZERO, verb);
        }
    }

    /** The state of one simulated router; a stopped one keeps nothing but its name. */
    private record State(RouterSpec spec, boolean running, long generation) {
    }

    /** Answers one verb for a simulated router, as a feature's part of the node tool would. */
    public interface VerbHandler {
        RouterAnswer handle(String namespace, RouterCommand command);
    }

    private final Gson gson;
    private final Map<String, VerbHandler> features = new ConcurrentHashMap<>();
    private final Map<String, State> routers = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.LongAdder> sent = new ConcurrentHashMap<>();

    public SimulatedRouterChannel(Gson gson) {
        this.gson = requireNonNull(gson, "gson");
    }

    /** Lets a feature answer its own verbs (s2s-apply, s2s-status) for simulated routers. */
    public void register(String verb, VerbHandler handler) {
        features.put(verb, handler);
    }

    public void inject(String namespace, Fault fault) {
        faults.put(namespace, fault);
    }

    public void clear(String namespace) {
        faults.remove(namespace);
    }

    /** Which boot of the router is running (a new number after every stop and start), or 0 when it is not running. */
    public long boot(String namespace) {
        State state = routers.get(namespace);
        return state != null && state.running() ? state.generation() : 0;
    }

    /** The spec a simulated router runs, when it runs. */
    public Optional<RouterSpec> running(String namespace) {
        return Optional.ofNullable(routers.get(namespace)).filter(State::running).map(State::spec);
    }

    /**
     * How many commands of each verb all simulated routers were sent, faulty or not: a read-only view for tests that
     * prove a refused request reached no router.
     */
    public Map<String, Long> commandsSent() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        sent.forEach((verb, count) -> counts.put(verb, count.sum()));
        return counts;
    }

    @Override
    public RouterAnswer send(DomainRouterVO router, RouterCommand command) {
        sent.computeIfAbsent(command.verb(), v -> new java.util.concurrent.atomic.LongAdder()).increment();
        String name = router.namespace();
        Fault fault = faults.getOrDefault(name, Fault.NONE);
        if (fault.unreachable()) {
            throw new RouterUnreachableException("simulated router " + name + " is unreachable");
        }
        if (!fault.delay().isZero()) {
            if (fault.delay().compareTo(command.timeout()) > 0) {
                sleep(command.timeout());
                throw new RouterUnreachableException("simulated router " + name + " did not answer within " + command.timeout().toSeconds() + " s");
            }
            sleep(fault.delay());
        }
        if (command.verb().equals(fault.failingVerb())) {
            return RouterAnswer.failed("simulated failure of " + command.verb() + " on " + name);
        }
        return switch (command.verb()) {
            case "start" -> {
                RouterSpec spec = gson.fromJson(command.payload(), RouterSpec.class);
                State previous = routers.get(name);
                // a start of a stopped router is a new boot: what features had loaded into it is gone
                long generation = previous != null && previous.running() ? previous.generation() : generations.incrementAndGet();
                routers.put(name, new State(spec, true, generation));
                yield RouterAnswer.ok(status(name));
            }
            case "stop" -> {
                routers.computeIfPresent(name, (n, s) -> new State(s.spec(), false, s.generation()));
                yield RouterAnswer.ok(status(name));
            }
            case "destroy" -> {
                routers.remove(name);
                yield RouterAnswer.ok(status(name));
            }
            case "status" -> RouterAnswer.ok(status(name));
            default -> {
                VerbHandler feature = features.get(command.verb());
                if (feature == null) {
                    yield RouterAnswer.failed("unknown verb " + command.verb());
                }
                if (running(name).isEmpty()) {
                    yield RouterAnswer.failed("router " + name + " does not exist on the node");
                }
                yield feature.handle(name, command);
            }
        };
    }

    private String status(String name) {
        JsonObject status = new JsonObject();
        status.addProperty("name", name);
        Optional<RouterSpec> spec = running(name);
        status.addProperty("exists", spec.isPresent());
        status.addProperty("charon", spec.isPresent());
        JsonArray interfaces = new JsonArray();
        spec.ifPresent(s -> {
            interfaces.add(nic(s.publicNic().device(), s.publicNic().ip(), s.publicNic().prefix()));
            s.tiers().forEach(t -> interfaces.add(nic(t.device(), t.ip(), t.prefix())));
        });
        status.add("interfaces", interfaces);
        return gson.toJson(status);
    }

    private static JsonObject nic(String device, String ip, int prefix) {
        JsonObject nic = new JsonObject();
        nic.addProperty("device", device);
        nic.addProperty("ip", ip);
        nic.addProperty("prefix", prefix);
        nic.addProperty("up", true);
        return nic;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterUnreachableException("interrupted while waiting for a simulated router");
        }
    }
}
