package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.auth.Authenticator;
import org.s2svpn.framework.auth.LoginResponse;
import org.s2svpn.framework.auth.SignatureVerifier;
import org.s2svpn.framework.db.DatabaseOutage;
import org.s2svpn.framework.jobs.AsyncJob;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.framework.metrics.ApiLatency;
import org.s2svpn.framework.serialize.ResponseBodies;
import org.s2svpn.framework.serialize.XmlWriter;

/**
 * CloudStack's API front door, independent of the HTTP server: authenticates a request (signature or session),
 * checks the caller's role, binds and validates parameters, runs the command or queues its job, and writes the
 * answer in CloudStack's JSON or XML. One log line per call, with secrets masked, and its duration in the latency
 * histogram of its command.
 */
public final class ApiServer {
    private static final Logger LOG = LogManager.getLogger("org.s2svpn.api");
    public static final String SESSION_TIMEOUT_SECONDS = "1800";

    /** An HTTP request reduced to what the API reads. */
    public record Request(String method, Map<String, String> params, String remoteAddress) {
    }

    /** The HTTP answer. */
    public record Reply(int status, String contentType, String body, List<String> setCookies) {
    }

    private final CommandRegistry registry;
    private final Function<Class<?>, Object> commandFactory;
    private final ParameterBinder binder;
    private final Authenticator authenticator;
    private final AsyncJobManager jobs;
    private final ResponseBodies bodies;
    private final XmlWriter xml;
    private final Clock clock;
    private final ApiLatency latency;

    public ApiServer(CommandRegistry registry, Function<Class<?>, Object> commandFactory, ParameterBinder binder,
                     Authenticator authenticator, AsyncJobManager jobs, ResponseBodies bodies, XmlWriter xml, Clock clock,
                     ApiLatency latency) {
        this.registry = requireNonNull(registry, "registry");
        this.commandFactory = requireNonNull(commandFactory, "commandFactory");
        this.binder = requireNonNull(binder, "binder");
        this.authenticator = requireNonNull(authenticator, "authenticator");
        this.jobs = requireNonNull(jobs, "jobs");
        this.bodies = requireNonNull(bodies, "bodies");
        this.xml = requireNonNull(xml, "xml");
        this.clock = requireNonNull(clock, "clock");
        this.latency = requireNonNull(latency, "latency");
    }

    public Reply handle(Request request) {
        long start = System.nanoTime();
        RequestParams params = new RequestParams(request.params());
        boolean json = "json".equalsIgnoreCase(params.get("response"));
        String commandName = params.get("command");
        Optional<CommandDescriptor> descriptor = registry.find(commandName);
        String responseName = descriptor.map(CommandDescriptor::responseName).orElse("errorresponse");
        CallContext caller = null;
        Reply reply;
        Set<String> sensitive = descriptor.map(ApiServer::sensitiveNames).orElse(Set.of());
        try {
            if ("login".equalsIgnoreCase(commandName)) {
                reply = login(request, params, json);
            } else if ("logout".equalsIgnoreCase(commandName)) {
                reply = logout(params, json);
            } else {
                caller = authenticate(params).orElse(null);
                if (caller == null || descriptor.isEmpty()) {
                    throw ApiException.unauthorized();
                }
                CommandDescriptor d = descriptor.get();
                if (!d.allows(caller.role())) {
                    throw ApiException.unsupported("The given command '" + d.name() + "' either does not exist, is not available"
                            + " for user, or not available from ip address '" + request.remoteAddress() + "'.");
                }
                reply = ok(responseName, run(d, params, caller, sensitive), json, List.of());
            }
        } catch (ApiException e) {
            reply = error(responseName, e, json);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                // not a bug: the call can succeed once the database is back, so one line and no stack trace
                LOG.warn("{} failed: the database cannot be reached: {}", commandName, DatabaseOutage.describe(e));
                reply = error(responseName, DatabaseOutage.error(e), json);
            } else {
                LOG.error("internal error in {}", commandName, e);
                reply = error(responseName, ApiException.internal("Internal error executing command, please contact your system administrator"),
                        json);
            }
        }
        long nanos = System.nanoTime() - start;
        latency.observe(latencyLabel(commandName, descriptor), nanos);
        log(request, params, sensitive, caller, reply, nanos);
        return reply;
    }

    private Object run(CommandDescriptor d, RequestParams params, CallContext caller, Set<String> sensitive) {
        Object command = commandFactory.apply(d.commandClass());
        binder.bind(d, command, params, caller.role());
        if (command instanceof SyncCommand sync) {
            return sync.execute(caller);
        }
        AsyncCommand async = (AsyncCommand) command;
        async.validate(caller);
        JsonObject body = new JsonObject();
        if (async instanceof AsyncCreateCommand create) {
            body.addProperty("id", create.create(caller));
        }
        AsyncJob job = jobs.submit(caller, d.name(), async, params.masked(sensitive));
        body.addProperty("jobid", job.uuid());
        return body;
    }

    private Optional<CallContext> authenticate(RequestParams params) {
        String sessionKey = params.get("sessionkey");
        if (sessionKey != null) {
            return authenticator.session(sessionKey);
        }
        String apiKey = params.get("apikey");
        String signature = params.get("signature");
        if (apiKey == null || signature == null) {
            return Optional.empty();
        }
        if ("3".equals(params.get("signatureversion")) && !notExpired(params.get("expires"))) {
            return Optional.empty();
        }
        return authenticator.byApiKey(apiKey)
                .filter(owner -> SignatureVerifier.verify(params.asReceived(), signature, owner.secretKey()))
                .map(Authenticator.KeyOwner::caller);
    }

    private static final DateTimeFormatter EXPIRES = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /** signatureVersion=3 requires expires, not in the past: yyyy-MM-dd'T'HH:mm:ssZ, ISO instants, optional millis. */
    private boolean notExpired(String expires) {
        if (expires == null) {
            return false;
        }
        try {
            Instant at = OffsetDateTime.parse(expires.trim().replace(' ', '+'), EXPIRES).toInstant();
            return !at.isBefore(clock.instant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private Reply login(Request request, RequestParams params, boolean json) {
        if (!"POST".equalsIgnoreCase(request.method())) {
            return error("loginresponse", ApiException.unsupported("Please use HTTP POST to authenticate using this API"), json);
        }
        String username = params.get("username");
        String password = params.get("password");
        if (username == null || password == null) {
            return error("loginresponse", ApiException.paramError("Unable to execute API command login due to missing parameter "
                    + (username == null ? "username" : "password")), json);
        }
        Optional<CallContext> user = authenticator.checkPassword(username, password, params.get("domain"), params.get("domainId"));
        if (user.isEmpty()) {
            return error("loginresponse", new ApiException(ApiErrorCode.UNAUTHORIZED, null,
                    "Failed to authenticate user " + username + " in domain " + Optional.ofNullable(params.get("domain")).orElse("/")
                            + "; please provide valid credentials"), json);
        }
        CallContext c = user.get();
        String key = authenticator.startSession(c);
        LoginResponse body = new LoginResponse(c.username(), c.userUuid(), c.domainUuid(), SESSION_TIMEOUT_SECONDS, c.accountName(),
                c.username(), "", c.isRootAdmin() ? "ADMIN" : c.isDomainAdmin() ? "DOMAIN_ADMIN" : "USER", "UTC", "false", key, "false");
        return ok("loginresponse", body, json,
                List.of("JSESSIONID=" + key + "; Path=/client; HttpOnly", "sessionkey=" + key + "; Path=/client"));
    }

    private Reply logout(RequestParams params, boolean json) {
        String key = params.get("sessionkey");
        if (key != null) {
            authenticator.endSession(key);
        }
        JsonObject body = new JsonObject();
        body.addProperty("description", "success");
        return ok("logoutresponse", body, json, List.of("sessionkey=; Path=/client; Max-Age=0", "JSESSIONID=; Path=/client; Max-Age=0"));
    }

    private Reply ok(String responseName, Object result, boolean json, List<String> cookies) {
        return json
                ? new Reply(200, "application/json; charset=UTF-8", bodies.json(responseName, result), cookies)
                : new Reply(200, "text/xml; charset=UTF-8", xml.write(responseName, bodies.body(result)), cookies);
    }

    private Reply error(String responseName, ApiException e, boolean json) {
        JsonObject body = bodies.error(e);
        int status = e.errorCode().httpCode();
        return json
                ? new Reply(status, "application/json; charset=UTF-8", bodies.json(responseName, body), List.of())
                : new Reply(status, "text/xml; charset=UTF-8", xml.write(responseName, body), List.of());
    }

    private static Set<String> sensitiveNames(CommandDescriptor d) {
        return d.parameters().stream()
                .filter(p -> p.parameter().sensitive() || d.api().requestHasSensitiveInfo() && RequestParams.isSensitive(p.parameter().name()))
                .map(p -> p.parameter().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** The command's registered name; login and logout, which are not commands of the registry; else {@link ApiLatency#UNKNOWN}. */
    private static String latencyLabel(String commandName, Optional<CommandDescriptor> descriptor) {
        if ("login".equalsIgnoreCase(commandName) || "logout".equalsIgnoreCase(commandName)) {
            return commandName.toLowerCase(Locale.ROOT);
        }
        return descriptor.map(CommandDescriptor::name).orElse(ApiLatency.UNKNOWN);
    }

    private static void log(Request request, RequestParams params, Set<String> sensitive, CallContext caller, Reply reply, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        List<String> pairs = new ArrayList<>();
        params.masked(sensitive).forEach((k, v) -> pairs.add(k + "=" + v));
        LOG.info("{} {} command={} account={} user={} status={} duration={}ms params={}", request.remoteAddress(), request.method(),
                params.get("command"), caller == null ? "-" : caller.accountName(), caller == null ? "-" : caller.username(),
                reply.status(), nanos / 1_000_000, String.join("&", pairs));
    }
}
