package org.s2svpn.test;

import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.framework.auth.SignatureVerifier;
import org.s2svpn.server.router.SimulatedRouterChannel;

/**
 * Issue 7's bad-input corpus ({@code bad-input-corpus.txt}, one case a line) over real signed HTTP, on H2 and on
 * MariaDB, against a world of two accounts in two domains with VPCs, tiers, simulated routers, gateways and a
 * connection each. Every case must get the status and error code CloudStack would give, an error text that names
 * what was wrong, no PSK of the request in the answer or the log, no row changed in any table, and no command sent to
 * any router. All cases run even when some fail, so one run lists every wrong answer.
 */
@RunWith(Parameterized.class)
public class BadInputCorpusTest {
    private static final ServersByDatabase SERVERS = new ServersByDatabase();
    private static final Path CORPUS = Path.of("src/test/resources/bad-input-corpus.txt");
    private static final Path LOG = Path.of("target/s2svpn-test.log");
    /** Tables that record calls: a job CloudStack fails in its own run leaves its row and its events there. */
    private static final List<String> JOB_RECORDS = List.of("async_job", "event");
    /** The management servers' heartbeats, written every second whatever the calls do: not the users' data. */
    private static final String HEARTBEATS = "mshost";
    /** An error may quote what was wrong, but not echo a megabyte of it back. */
    private static final int MAX_ERROR_TEXT = 2_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}*]+)(?:\\*(\\d+))?}");

    /** The parameters a template such as {@code @cgw} stands for; a case's own name=value pairs then replace them. */
    private static final Map<String, String> TEMPLATES = Map.of(
            "@cgw", "name=corpus-new&gateway=198.51.100.200&cidrlist=172.30.0.0/24&ipsecpsk=corpus-good-key&ikepolicy=aes128-sha1;modp1536"
                    + "&esppolicy=aes128-sha1",
            "@vpc", "name=corpus-vpc-new&cidr=10.50.0.0/16&vpcofferingid=${vpcOffering}&zoneid=${zone}",
            "@tier", "name=corpus-tier-new&networkofferingid=${tierOffering}&zoneid=${zone}&vpcid=${vpc}&gateway=10.1.2.1"
                    + "&netmask=255.255.255.0");

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final String database;
    private final TestServer server;

    public BadInputCorpusTest(String database) {
        this.database = database;
        this.server = SERVERS.get(database);
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    /** One line of the corpus: who calls, how, what, and what must come back. */
    record Case(int line, String command, String caller, List<String> modifiers, String parameters, int status, boolean inJob,
                String fragment) {
        static Case parse(int line, String text) {
            String[] f = text.split("\\s+\\|\\s+", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("line " + line + ": 5 fields separated by ' | ' expected: " + text);
            }
            List<String> who = List.of(f[1].trim().split("\\s+"));
            String[] expected = f[3].trim().split("\\s+");
            return new Case(line, f[0].trim(), who.get(0), who.subList(1, who.size()), f[2].trim(), Integer.parseInt(expected[0]),
                    expected.length > 1 && expected[1].equals("job"), f[4].trim());
        }

        @Override
        public String toString() {
            return "line " + line + ": " + command + " as " + caller + " " + modifiers + " " + (parameters.length() > 200
                    ? parameters.substring(0, 200) + "..." : parameters);
        }
    }

    /** A request as it goes on the wire, and the PSK values it carries. */
    private record Request(String method, String encoded, List<String> psks) {
    }

    @Test
    public void everyBadInputGetsCloudStacksStatusAndChangesNothingAnywhere() throws Exception {
        List<Case> cases = readCorpus();
        World world = World.build(server);
        SimulatedRouterChannel routers = server.component(SimulatedRouterChannel.class);
        long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        List<String> failures = new ArrayList<>();
        List<String> psks = new ArrayList<>();
        Map<String, Integer> perCommand = new TreeMap<>();
        Instant start = Instant.now();
        try (Connection db = DatabaseDump.connect(server.database())) {
            List<String> tables = DatabaseDump.tables(db).stream().filter(t -> !t.equalsIgnoreCase(HEARTBEATS)).toList();
            Map<String, List<String>> rows = DatabaseDump.of(db, tables);
            assertTrue("the dump sees the setup's rows: " + rows.keySet(), rows.getOrDefault("s2s_customer_gateway", List.of()).size() >= 6);
            for (Case c : cases) {
                perCommand.merge(c.command(), 1, Integer::sum);
                Map<String, Long> sentBefore = routers.commandsSent();
                Request request = world.request(c);
                psks.addAll(request.psks());
                ApiClient client = world.client(c.caller());
                ApiClient.Answer answer = c.modifiers().contains("chunked") ? sendChunked(client, request.encoded())
                        : client.sendRaw(request.method(), request.encoded());
                List<String> wrong = new ArrayList<>();
                if (c.inJob()) {
                    wrong.addAll(checkFailedJob(c, answer, client, world));
                } else {
                    wrong.addAll(checkAnswer(c, answer, request, world));
                    // accepted when it should not have been: let its job end, so that what it changed shows here
                    jobOf(answer).ifPresent(job -> wrong.add("a job was started: " + client.waitForJob(job)));
                }
                Map<String, List<String>> after = DatabaseDump.of(db, tables);
                Map<String, List<String>> compared = new TreeMap<>(after);
                if (c.inJob()) {
                    // a refusal CloudStack makes in the job: the job and its events are the record of the call, nothing else may change
                    for (String t : JOB_RECORDS) {
                        compared.put(t, rows.get(t));
                    }
                }
                wrong.addAll(changedTables(rows, compared));
                rows = after;
                Map<String, Long> sentAfter = routers.commandsSent();
                if (!sentAfter.equals(sentBefore)) {
                    wrong.add("commands reached a router: before " + sentBefore + ", after " + sentAfter);
                }
                if (!wrong.isEmpty()) {
                    failures.add(c + "\n    answered " + answer.status() + " " + abbreviate(answer.body()) + "\n    "
                            + String.join("\n    ", wrong));
                }
            }
        }
        Duration took = Duration.between(start, Instant.now());
        failures.addAll(pskInLog(logStart, psks));
        System.out.println("Bad-input corpus on " + database + ": " + cases.size() + " cases in " + took.toMillis() + " ms, "
                + (cases.size() - failures.size()) + " answered as CloudStack would with nothing changed; per command: "
                + perCommand.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        assertTrue(failures.size() + " of " + cases.size() + " cases went wrong:\n" + String.join("\n", failures), failures.isEmpty());
    }

    /** A form POST whose body has no declared length (chunked), so the server can only find its size by reading. */
    private static ApiClient.Answer sendChunked(ApiClient client, String encoded) throws IOException, InterruptedException {
        byte[] body = encoded.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.endpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new ApiClient.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static List<Case> readCorpus() throws IOException {
        List<String> lines = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                cases.add(Case.parse(i + 1, line));
            }
        }
        return cases;
    }

    /** What is wrong with an answer: status, error code, text, and any PSK of the request echoed back. */
    private static List<String> checkAnswer(Case c, ApiClient.Answer answer, Request request, World world) {
        List<String> wrong = new ArrayList<>();
        if (answer.status() != c.status()) {
            wrong.add("status " + answer.status() + ", expected " + c.status());
        }
        String fragment = world.expand(c.fragment());
        if (answer.status() >= 400 && answer.status() != 413 && answer.status() != 414) {
            // an API error: CloudStack's JSON error object, its errorcode the HTTP status
            JsonObject error = apiError(answer);
            if (error == null) {
                wrong.add("not a CloudStack JSON error");
            } else {
                if (!error.has("errorcode") || error.get("errorcode").getAsInt() != answer.status()) {
                    wrong.add("errorcode " + error.get("errorcode") + " is not the HTTP status");
                }
                String text = error.has("errortext") ? error.get("errortext").getAsString() : "";
                if (text.length() > MAX_ERROR_TEXT) {
                    wrong.add("the errortext echoes " + text.length() + " characters");
                }
                if (!fragment.equals("-") && !matches(text, fragment)) {
                    wrong.add("errortext does not " + (fragment.startsWith("!") ? "leave out " : "contain ") + fragment);
                }
            }
        } else if (!fragment.equals("-") && !matches(answer.body(), fragment)) {
            wrong.add("body does not " + (fragment.startsWith("!") ? "leave out " : "contain ") + fragment);
        }
        String shown = answer.body() + decodedErrorText(answer);
        for (String psk : request.psks()) {
            if (psk.length() >= 6 && shown.contains(psk)) {
                wrong.add("the answer shows the PSK");
            }
        }
        return wrong;
    }

    /** A case CloudStack refuses in its job: accepted, then the job fails with the status as its errorcode and the text. */
    private static List<String> checkFailedJob(Case c, ApiClient.Answer answer, ApiClient client, World world) {
        java.util.Optional<String> job = jobOf(answer);
        if (answer.status() != 200 || job.isEmpty()) {
            return List.of("no job: status " + answer.status() + ", expected a job failing with " + c.status());
        }
        JsonObject result = client.waitForJob(job.get());
        JsonObject error = result.has("jobresult") ? result.getAsJsonObject("jobresult") : new JsonObject();
        List<String> wrong = new ArrayList<>();
        if (result.get("jobstatus").getAsInt() != 2 || !error.has("errorcode") || error.get("errorcode").getAsInt() != c.status()) {
            wrong.add("the job did not fail with " + c.status() + ": " + result);
        } else if (!matches(error.get("errortext").getAsString(), world.expand(c.fragment()))) {
            wrong.add("the job's errortext does not contain " + c.fragment());
        }
        return wrong;
    }

    private static java.util.Optional<String> jobOf(ApiClient.Answer answer) {
        try {
            JsonObject inner = answer.inner();
            return inner.has("jobid") ? java.util.Optional.of(inner.get("jobid").getAsString()) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean matches(String text, String fragment) {
        return fragment.startsWith("!") ? !text.contains(fragment.substring(1)) : text.contains(fragment);
    }

    private static JsonObject apiError(ApiClient.Answer answer) {
        try {
            JsonObject inner = answer.inner();
            return inner.has("errorcode") ? inner : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String decodedErrorText(ApiClient.Answer answer) {
        JsonObject error = apiError(answer);
        return error != null && error.has("errortext") ? error.get("errortext").getAsString() : "";
    }

    /** Tables whose rows differ, with the rows that came and went. */
    static List<String> changedTables(Map<String, List<String>> before, Map<String, List<String>> after) {
        List<String> changes = new ArrayList<>();
        for (String table : after.keySet()) {
            List<String> was = before.getOrDefault(table, List.of());
            List<String> now = after.get(table);
            if (!was.equals(now)) {
                List<String> gone = new ArrayList<>(was);
                gone.removeAll(now);
                List<String> came = new ArrayList<>(now);
                came.removeAll(was);
                changes.add("table " + table + " changed: -" + abbreviate(gone.toString()) + " +" + abbreviate(came.toString()));
            }
        }
        return changes;
    }

    /** The server log written while the corpus ran must hold none of its PSKs. */
    private static List<String> pskInLog(long from, List<String> psks) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        String log = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
        return psks.stream().filter(p -> p.length() >= 6 && log.contains(p)).distinct()
                .map(p -> "a PSK of the corpus reached the server log: " + abbreviate(p)).toList();
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " characters)";
    }

    /**
     * The targets the cases name: per account a VPC with a tier, a VPN gateway, customer gateways and a connection;
     * removed ones; and the clients that call. Setup ends with the router timer paused and the apply follow-ups over,
     * so nothing but a case could write a row or talk to a router.
     */
    static final class World {
        private final Map<String, String> ids = new HashMap<>();
        private final Map<String, ApiClient> clients = new HashMap<>();

        static World build(TestServer server) {
            World w = new World();
            ApiClient admin = server.admin();
            String suffix = Long.toHexString(System.nanoTime());
            w.clients.put("admin", admin);
            String zone = admin.ok("listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
            w.ids.put("zone", zone);
            admin.ok("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                    "endip", "203.0.113.99");
            w.ids.put("vpcOffering", first(admin.ok("listVPCOfferings"), "vpcoffering"));
            w.ids.put("tierOffering", first(admin.ok("listNetworkOfferings", "forvpc", "true"), "networkoffering"));
            w.ids.put("rootDomain", first(admin.ok("listDomains", "name", "ROOT"), "domain"));
            String otherDomain = admin.ok("createDomain", "name", "corpus-d2-" + suffix).getAsJsonObject("domain").get("id").getAsString();
            w.ids.put("otherDomain", otherDomain);
            w.ids.put("userAccount", "corpus-a-" + suffix);
            w.ids.put("otherAccount", "corpus-b-" + suffix);
            ApiClient user = server.newAccount(w.ids.get("userAccount"), 0, null);
            ApiClient other = server.newAccount(w.ids.get("otherAccount"), 0, otherDomain);
            w.clients.put("user", user);
            w.clients.put("other", other);

            // the user's world: VPC 10.1/16 with a tier, connected to corpus-gw (192.168.10/24); a second VPC without gateway
            w.account(user, "", "10.1", "corpus-gw", "192.168.10.0/24");
            w.ids.put("customer2", w.customerGateway(user, "corpus-gw2", "198.51.100.12", "192.168.20.0/24"));
            w.ids.put("connection2", user.job("createVpnConnection", "s2svpngatewayid", w.ids.get("vpnGateway"), "s2scustomergatewayid",
                    w.ids.get("customer2")).getAsJsonObject("vpnconnection").get("id").getAsString());
            w.ids.put("customer3", w.customerGateway(user, "corpus-gw3", "198.51.100.16", "192.168.40.0/24"));
            w.ids.put("vpc2", user.job("createVPC", "name", "corpus-vpc2", "cidr", "10.2.0.0/16", "vpcofferingid", w.ids.get("vpcOffering"),
                    "zoneid", zone).getAsJsonObject("vpc").get("id").getAsString());
            w.ids.put("insideCustomer", w.customerGateway(user, "corpus-inside", "198.51.100.13", "10.1.5.0/24"));
            w.ids.put("overlapCustomer", w.customerGateway(user, "corpus-overlap", "198.51.100.14", "192.168.10.128/25"));
            w.ids.put("removedCustomer", w.customerGateway(user, "corpus-removed", "198.51.100.15", "192.168.30.0/24"));
            user.job("deleteVpnCustomerGateway", "id", w.ids.get("removedCustomer"));
            String removedVpc = user.job("createVPC", "name", "corpus-removed", "cidr", "10.3.0.0/16", "vpcofferingid",
                    w.ids.get("vpcOffering"), "zoneid", zone, "start", "false").getAsJsonObject("vpc").get("id").getAsString();
            user.job("deleteVPC", "id", removedVpc);
            w.ids.put("removedVpc", removedVpc);
            w.ids.put("userIp", user.ok("listPublicIpAddresses", "vpcid", w.ids.get("vpc")).getAsJsonArray("publicipaddress").get(0)
                    .getAsJsonObject().get("id").getAsString());
            // the other account's world, in another domain
            w.account(other, "other", "10.1", "corpus-other-gw", "192.168.10.0/24");
            w.ids.put("otherIp", other.ok("listPublicIpAddresses", "vpcid", w.ids.get("otherVpc")).getAsJsonArray("publicipaddress").get(0)
                    .getAsJsonObject().get("id").getAsString());

            admin.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
            // the close watch after the last apply (ConnectionMonitor.FOLLOW_UP_MILLIS) ends once every tunnel is Connected
            ApiClient.sleep(9_000);
            SimulatedRouterChannel routers = server.component(SimulatedRouterChannel.class);
            Map<String, Long> sent = routers.commandsSent();
            ApiClient.sleep(1_000);
            if (!sent.equals(routers.commandsSent())) {
                throw new AssertionError("routers are still being talked to after setup: " + sent + " then " + routers.commandsSent());
            }
            return w;
        }

        /** A VPC (prefix.0.0/16) with a tier, a customer gateway, a VPN gateway and a connection; ids under prefix+Name. */
        private void account(ApiClient api, String prefix, String net, String gatewayName, String peerCidr) {
            String vpc = api.job("createVPC", "name", "corpus-vpc", "cidr", net + ".0.0/16", "vpcofferingid", ids.get("vpcOffering"),
                    "zoneid", ids.get("zone")).getAsJsonObject("vpc").get("id").getAsString();
            put(prefix, "vpc", vpc);
            put(prefix, "tier", api.ok("createNetwork", "name", "corpus-tier", "networkofferingid", ids.get("tierOffering"), "zoneid",
                    ids.get("zone"), "vpcid", vpc, "gateway", net + ".1.1", "netmask", "255.255.255.0").getAsJsonObject("network").get("id")
                    .getAsString());
            String customer = customerGateway(api, gatewayName, prefix.isEmpty() ? "198.51.100.10" : "198.51.100.11", peerCidr);
            put(prefix, "customer", customer);
            String vpnGateway = api.job("createVpnGateway", "vpcid", vpc).getAsJsonObject("vpngateway").get("id").getAsString();
            put(prefix, "vpnGateway", vpnGateway);
            put(prefix, "connection", api.job("createVpnConnection", "s2svpngatewayid", vpnGateway, "s2scustomergatewayid", customer)
                    .getAsJsonObject("vpnconnection").get("id").getAsString());
        }

        private void put(String prefix, String name, String id) {
            ids.put(prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1), id);
        }

        private String customerGateway(ApiClient api, String name, String peer, String cidrs) {
            return api.job("createVpnCustomerGateway", "name", name, "gateway", peer, "cidrlist", cidrs, "ipsecpsk", "corpus-setup-key",
                    "ikepolicy", "aes256-sha256;modp2048", "esppolicy", "aes256-sha256").getAsJsonObject("vpncustomergateway").get("id")
                    .getAsString();
        }

        ApiClient client(String caller) {
            return Objects.requireNonNull(clients.get(caller), "no caller " + caller);
        }

        /** Placeholders: ${name} is a setup id or name, ${text*n} is text repeated n times. */
        String expand(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = m.group(2) != null ? m.group(1).repeat(Integer.parseInt(m.group(2)))
                        : Objects.requireNonNull(ids.get(m.group(1)), "no placeholder " + m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * The case's parameters as sent: a template's pairs, the case's pairs replacing them ({@code -name} removes
         * one, {@code +name=value} sends a second value after the signed first), values percent-decoded, then signed
         * with the caller's keys unless a modifier says how the signature is to be wrong.
         */
        Request request(Case c) {
            List<String[]> pairs = new ArrayList<>();
            List<String[]> repeated = new ArrayList<>();
            int junk = 0;
            for (String token : c.parameters().equals("-") ? new String[0] : c.parameters().split("&")) {
                if (TEMPLATES.containsKey(token)) {
                    for (String t : TEMPLATES.get(token).split("&")) {
                        pairs.add(pair(t));
                    }
                } else if (token.startsWith("@junk:")) {
                    junk = Integer.parseInt(token.substring(6));
                } else if (token.startsWith("-")) {
                    pairs.removeIf(p -> p[0].equals(token.substring(1)));
                } else if (token.startsWith("+")) {
                    repeated.add(pair(token.substring(1)));
                } else {
                    String[] p = pair(token);
                    pairs.stream().filter(q -> q[0].equals(p[0])).findFirst().ifPresentOrElse(q -> q[1] = p[1], () -> pairs.add(p));
                }
            }
            for (int i = 0; i < junk; i++) {
                pairs.add(new String[] {"junk" + i, "x"});
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("command", c.command());
            params.put("response", "json");
            params.put("apiKey", "");
            if (c.modifiers().contains("expired")) {
                params.put("signatureVersion", "3");
                params.put("expires", "2001-01-01T00:00:00+0000");
            }
            pairs.forEach(p -> params.put(p[0], p[1]));
            sign(c, params);
            List<String> psks = new ArrayList<>();
            pairs.stream().filter(p -> p[0].equalsIgnoreCase("ipsecpsk")).forEach(p -> psks.add(p[1]));
            repeated.stream().filter(p -> p[0].equalsIgnoreCase("ipsecpsk")).forEach(p -> psks.add(p[1]));
            StringBuilder encoded = new StringBuilder(ApiClient.encode(params));
            repeated.forEach(p -> encoded.append('&').append(ApiClient.encode(Map.of(p[0], p[1]))));
            return new Request(c.modifiers().contains("post") ? "POST" : "GET", encoded.toString(), psks);
        }

        /** Signs in place, or leaves the signature wrong or out as the case's modifiers say. */
        private void sign(Case c, Map<String, String> params) {
            ApiClient caller = client(c.caller());
            params.put("apiKey", c.modifiers().contains("unknownkey") ? "corpus-no-such-key" : caller.apiKey());
            if (c.modifiers().contains("nokey")) {
                params.remove("apiKey");
            }
            Map<String, String> toSign = new LinkedHashMap<>(params);
            if (c.modifiers().contains("tampered")) {
                // signed for one value, sent with another: the last parameter was changed on the way
                String last = new ArrayList<>(toSign.keySet()).get(toSign.size() - 1);
                toSign.put(last, toSign.get(last) + "-as-signed");
            }
            String signature = SignatureVerifier.sign(toSign, c.modifiers().contains("badsig") ? "corpus-wrong-secret" : caller.secretKey());
            if (!c.modifiers().contains("unsigned") && !c.modifiers().contains("nokey")) {
                params.put("signature", signature);
            }
        }

        private String[] pair(String token) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not name=value: " + token);
            }
            return new String[] {token.substring(0, eq), percentDecode(expand(token.substring(eq + 1)))};
        }
    }

    /** A percent-encoded value decoded as UTF-8; unlike a form decoder, '+' stays '+'. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String first(JsonObject list, String key) {
        JsonElement items = list.get(key);
        if (items == null) {
            throw new AssertionError(list + " has no " + key);
        }
        return items.getAsJsonArray().get(0).getAsJsonObject().get("id").getAsString();
    }
}
