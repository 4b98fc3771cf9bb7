package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.framework.api.CommandDescriptor;
import org.s2svpn.framework.api.CommandRegistry;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.HostDao;
import org.s2svpn.server.router.RouterTimer;

/**
 * The authorization matrix of issue 7: every command the server registers, sent over signed HTTP by a user, a
 * domain admin and a root admin, against their own account, another account of the same domain, an account of a
 * subdomain and an account of another domain. The expected answers are a table a reader can check against
 * CloudStack (src/test/resources/authorization-matrix.txt, which also explains its words); this test runs every
 * cell, reports each one that differs, and fails when the server has a command the table does not list, so that a
 * new command cannot skip the table. Every account owns one entity of each kind (VPC with a tier and a simulated
 * router, VPN and customer gateways, a connection with usage, jobs, events); a cell whose command changes or removes
 * an entity gets a fresh one, so that cells do not depend on one another.
 */
public class AuthorizationMatrixTest {
    private static final String MATRIX = "/authorization-matrix.txt";
    /** Handled by the API front door before any command is looked up, so listApis does not show them. */
    private static final Set<String> FRONT_DOOR = Set.of("login", "logout");
    private static final String[] ROLES = {"user", "dadm", "root"};
    private static final String[] TARGETS = {"own", "other", "sub", "domain"};

    /** An account with one user, the client signed with that user's keys, and the entities the account owns. */
    private static final class Party {
        final String name;
        final String accountId;
        final String userId;
        final String domainId;
        ApiClient api;
        int vpcNet;
        String vpc;
        String tier;
        String publicIp;
        String router;
        String vpnGateway;
        String customerGateway;
        String connection;
        String job;
        String event;

        Party(String name, String accountId, String userId, String domainId, ApiClient api) {
            this.name = name;
            this.accountId = accountId;
            this.userId = userId;
            this.domainId = domainId;
            this.api = api;
        }
    }

    /** How one command is tried in one cell; answers with the observed answer in the matrix's words. */
    @FunctionalInterface
    private interface Probe {
        String run(Party caller, Party target);
    }

    private static TestServer server;
    private static ApiClient admin;
    private static String zone;
    private static long zoneInternalId;
    private static String vpcOffering;
    private static String tierOffering;
    private static String suffix;
    private static Party user;
    private static Party domainAdmin;
    private static Party rootAdmin;
    private static Party other;
    private static Party sub;
    private static Party outsider;
    private static int counter;
    private static int nets;
    private static int tierNets;

    @BeforeClass
    public static void createDomainsAccountsAndTheirEntities() throws Exception {
        server = TestServer.start("h2");
        admin = server.admin();
        zone = first(admin.call("listZones"), "zone").get("id").getAsString();
        zoneInternalId = server.component(DataCenterDao.class).all().get(0).id();
        ok(admin.call("createVlanIpRange", "zoneid", zone, "gateway", "100.64.0.1", "netmask", "255.255.252.0", "startip", "100.64.0.10",
                "endip", "100.64.3.250"));
        vpcOffering = first(admin.call("listVPCOfferings"), "vpcoffering").get("id").getAsString();
        tierOffering = first(admin.call("listNetworkOfferings", "forvpc", "true"), "networkoffering").get("id").getAsString();

        suffix = Long.toHexString(System.nanoTime());
        String root = first(admin.call("listDomains", "name", "ROOT"), "domain").get("id").getAsString();
        String d1 = ok(admin.call("createDomain", "name", "az-d1-" + suffix)).getAsJsonObject("domain").get("id").getAsString();
        String d1s = ok(admin.call("createDomain", "name", "az-s-" + suffix, "parentdomainid", d1)).getAsJsonObject("domain").get("id")
                .getAsString();
        String d2 = ok(admin.call("createDomain", "name", "az-d2-" + suffix)).getAsJsonObject("domain").get("id").getAsString();
        rootAdmin = party("root", 1, root);
        user = party("user", 0, d1);
        domainAdmin = party("dadm", 2, d1);
        other = party("other", 0, d1);
        sub = party("sub", 0, d1s);
        outsider = party("outsider", 0, d2);
        for (Party p : List.of(rootAdmin, user, domainAdmin, other, sub, outsider)) {
            ownEntities(p);
        }
        awaitUsage();
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void matrixListsEveryCommandTheServerHasAndNoOther() {
        Set<String> registered = names(rootAdmin.api.call("listApis"));
        registered.addAll(FRONT_DOOR);
        Set<String> listed = matrix().keySet().stream().map(AuthorizationMatrixTest::command).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(registered);
        assertTrue("commands the server has but " + MATRIX + " does not list: " + missing, missing.isEmpty());
        assertTrue("commands " + MATRIX + " lists but the server does not have: " + unknown, unknown.isEmpty());
        assertEquals("every row of the matrix has a probe", matrix().keySet(), probes().keySet());
    }

    /** The 432 cells and listApis agree: a role's listApis shows exactly the commands the matrix lets it call. */
    @Test
    public void listApisShowsEachRoleWhatTheMatrixLetsItCall() {
        Party[] callers = {user, domainAdmin, rootAdmin};
        for (int role = 0; role < ROLES.length; role++) {
            Set<String> callable = new TreeSet<>();
            for (Map.Entry<String, String[]> row : matrix().entrySet()) {
                if (!FRONT_DOOR.contains(command(row.getKey())) && !row.getValue()[role * TARGETS.length].equals("432")) {
                    callable.add(command(row.getKey()));
                }
            }
            assertEquals(ROLES[role], callable, names(callers[role].api.call("listApis")));
        }
    }

    @Test
    public void everyCellAnswersAsTheMatrixSays() {
        Map<String, String[]> matrix = matrix();
        Map<String, Probe> probes = probes();
        Party[] callers = {user, domainAdmin, rootAdmin};
        Party[] targets = {null, other, sub, outsider};
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> byAnswer = new TreeMap<>();
        Instant start = Instant.now();
        for (Map.Entry<String, String[]> row : matrix.entrySet()) {
            Probe probe = probes.get(row.getKey());
            for (int role = 0; role < ROLES.length; role++) {
                for (int target = 0; target < TARGETS.length; target++) {
                    Party caller = callers[role];
                    Party whose = target == 0 ? caller : targets[target];
                    String expected = row.getValue()[role * TARGETS.length + target];
                    String observed = probe.run(caller, whose);
                    byAnswer.merge(expected, 1, Integer::sum);
                    if (!expected.equals(observed)) {
                        wrong.add(row.getKey() + " " + ROLES[role] + "/" + TARGETS[target] + ": expected " + expected + ", got " + observed);
                    }
                }
            }
        }
        int cells = matrix.size() * ROLES.length * TARGETS.length;
        System.out.printf("Authorization matrix: %d commands (%d rows, counting list variants), %d cells, by answer %s, %d wrong, %d s%n",
                matrix.keySet().stream().map(AuthorizationMatrixTest::command).distinct().count(), matrix.size(), cells, byAnswer,
                wrong.size(), Duration.between(start, Instant.now()).toSeconds());
        assertTrue(wrong.size() + " of " + cells + " cells differ from " + MATRIX + ":\n" + String.join("\n", wrong), wrong.isEmpty());
    }

    // ---- the probes: how each command is sent in a cell

    private static Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        for (String global : List.of("listApis", "listCapabilities", "listZones", "listVPCOfferings", "listNetworkOfferings", "listConfigurations",
                "listAlerts", "listHosts", "getManagementServerPublicKey", "listVlanIpRanges")) {
            p.put(global, (c, t) -> outcome(c, c.api.call(global)));
        }
        p.put("login", (c, t) -> answered(login(t.name, "pw-" + c.name, t.domainId)));
        p.put("logout", AuthorizationMatrixTest::logout);
        p.put("updateConfiguration", (c, t) -> outcome(c, c.api.call("updateConfiguration", "name", "router.check.interval", "value",
                first(admin.call("listConfigurations", "name", "router.check.interval"), "configuration").get("value").getAsString())));
        // port 9 (discard) has no SSH server on this machine: the root admin reaches the command, the node does not answer
        p.put("addHost", (c, t) -> outcome(c, c.api.call("addHost", "zoneid", zone, "url", "ssh://127.0.0.1:9")));
        p.put("deleteHost", AuthorizationMatrixTest::deleteHost);
        p.put("createVlanIpRange", (c, t) -> {
            String net = "100.66." + next() + ".";
            return outcome(c, c.api.call("createVlanIpRange", "zoneid", zone, "gateway", net + "1", "netmask", "255.255.255.0", "startip",
                    net + "10", "endip", net + "20"));
        });

        p.put("listDomains", (c, t) -> listed(c, c.api.call("listDomains", "id", t.domainId), "domain", "id", t.domainId));
        p.put("createDomain", (c, t) -> outcome(c, c.api.call("createDomain", "name", "az-sub-" + next(), "parentdomainid", t.domainId)));
        lists(p, "listAccounts", "account", "id", t -> t.accountId);
        p.put("createAccount", (c, t) -> outcome(c, c.api.call("createAccount", newAccount("az-new-" + next(), t.domainId))));
        p.put("deleteAccount", (c, t) -> {
            // a user may not delete, an admin may not delete itself; other targets are throwaway accounts of the target's domain
            String doomed = t == c ? c.accountId : throwawayAccount(t.domainId);
            return stillThere(outcome(c, c.api.call("deleteAccount", "id", doomed)), "listAccounts", "account", doomed);
        });
        lists(p, "listUsers", "user", "id", t -> t.userId);
        p.put("createUser", (c, t) -> createdFor(t, c, c.api.call("createUser", "account", t.name, "domainid", t.domainId, "username",
                "az-u-" + next(), "password", "pw", "firstname", "f", "lastname", "l", "email", "u@example.org")));
        p.put("registerUserKeys", AuthorizationMatrixTest::registerUserKeys);

        lists(p, "listVPCs", "vpc", "id", t -> t.vpc);
        p.put("createVPC", (c, t) -> createdFor(t, c, c.api.call("createVPC", "name", "az-vpc-" + next(), "cidr", "10." + nextNet() + ".0.0/16",
                "vpcofferingid", vpcOffering, "zoneid", zone, "account", t.name, "domainid", t.domainId)));
        p.put("updateVPC", (c, t) -> outcome(c, c.api.call("updateVPC", "id", t.vpc, "displaytext", "touched by " + c.name)));
        p.put("restartVPC", (c, t) -> outcome(c, c.api.call("restartVPC", "id", t.vpc)));
        p.put("deleteVPC", (c, t) -> {
            String vpc = vpc(t, true);
            return stillThere(outcome(c, c.api.call("deleteVPC", "id", vpc)), "listVPCs", "vpc", vpc);
        });
        lists(p, "listNetworks", "network", "id", t -> t.tier);
        p.put("createNetwork", (c, t) -> createdFor(t, c, c.api.call("createNetwork", tierParams(t))));
        p.put("deleteNetwork", (c, t) -> {
            String tier = tier(t);
            return stillThere(outcome(c, c.api.call("deleteNetwork", "id", tier)), "listNetworks", "network", tier);
        });
        lists(p, "listPublicIpAddresses", "publicipaddress", "id", t -> t.publicIp);
        lists(p, "listRouters", "router", "id", t -> t.router);
        p.put("startRouter", (c, t) -> outcome(c, c.api.call("startRouter", "id", routerOf(vpc(t, false)))));
        for (String routerCommand : List.of("stopRouter", "rebootRouter", "destroyRouter")) {
            p.put(routerCommand, (c, t) -> {
                String router = routerOf(vpc(t, true));
                return stillThere(outcome(c, c.api.call(routerCommand, "id", router)), "listRouters", "router", router);
            });
        }

        lists(p, "listVpnCustomerGateways", "vpncustomergateway", "id", t -> t.customerGateway);
        p.put("createVpnCustomerGateway", (c, t) -> createdFor(t, c, c.api.call("createVpnCustomerGateway",
                with(customerGatewayParams(), "account", t.name, "domainid", t.domainId))));
        p.put("updateVpnCustomerGateway", (c, t) -> outcome(c, c.api.call("updateVpnCustomerGateway",
                with(customerGatewayParams(), "id", customerGateway(t)))));
        p.put("deleteVpnCustomerGateway", (c, t) -> {
            String gateway = customerGateway(t);
            return stillThere(outcome(c, c.api.call("deleteVpnCustomerGateway", "id", gateway)), "listVpnCustomerGateways",
                    "vpncustomergateway", gateway);
        });
        lists(p, "listVpnGateways", "vpngateway", "id", t -> t.vpnGateway);
        p.put("createVpnGateway", (c, t) -> createdFor(t, c, c.api.call("createVpnGateway", "vpcid", vpc(t, true))));
        p.put("updateVpnGateway", (c, t) -> outcome(c, c.api.call("updateVpnGateway", "id", t.vpnGateway)));
        p.put("updateVpnGateway:customid", (c, t) -> customId(c, "updateVpnGateway", vpnGateway(t, vpc(t, true)), "listVpnGateways",
                "vpngateway"));
        p.put("deleteVpnGateway", (c, t) -> {
            String gateway = vpnGateway(t, vpc(t, true));
            return stillThere(outcome(c, c.api.call("deleteVpnGateway", "id", gateway)), "listVpnGateways", "vpngateway", gateway);
        });
        lists(p, "listVpnConnections", "vpnconnection", "id", t -> t.connection);
        p.put("createVpnConnection", (c, t) -> createdFor(t, c, c.api.call("createVpnConnection", "s2svpngatewayid", vpnGateway(t, vpc(t, true)),
                "s2scustomergatewayid", customerGateway(t))));
        p.put("createVpnConnection:mixed", (c, t) -> outcome(c, c.api.call("createVpnConnection", "s2svpngatewayid",
                vpnGateway(c, vpc(c, true)), "s2scustomergatewayid", customerGateway(t))));
        p.put("updateVpnConnection", (c, t) -> outcome(c, c.api.call("updateVpnConnection", "id", t.connection)));
        p.put("updateVpnConnection:customid", (c, t) -> customId(c, "updateVpnConnection", connection(t), "listVpnConnections",
                "vpnconnection"));
        p.put("resetVpnConnection", (c, t) -> outcome(c, c.api.call("resetVpnConnection", "id", t.connection)));
        p.put("getVpnConnectionDeviceConfig", (c, t) -> answered(c.api.call("getVpnConnectionDeviceConfig", "id", t.connection, "vendor",
                "strongswan")));
        p.put("deleteVpnConnection", (c, t) -> {
            String connection = connection(t);
            return stillThere(outcome(c, c.api.call("deleteVpnConnection", "id", connection)), "listVpnConnections", "vpnconnection",
                    connection);
        });

        p.put("queryAsyncJobResult", (c, t) -> answered(c.api.call("queryAsyncJobResult", "jobid", t.job)));
        p.put("listAsyncJobs:listall", (c, t) -> listed(c, c.api.call("listAsyncJobs", "listall", "true", "pagesize", "-1"), "asyncjobs",
                "jobid", t.job));
        lists(p, "listEvents", "event", "id", t -> t.event);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        p.put("listUsageRecords:listall", (c, t) -> listed(c, c.api.call("listUsageRecords", "startdate", today, "enddate", today,
                "listall", "true", "pagesize", "-1"), "usagerecord", "usageid", t.connection));
        p.put("listUsageRecords:account", (c, t) -> listed(c, c.api.call("listUsageRecords", "startdate", today, "enddate", today,
                "account", t.name, "domainid", t.domainId, "pagesize", "-1"), "usagerecord", "usageid", t.connection));
        return p;
    }

    /** The three ways a list of account resources is asked: by the target's id, with listall, by account and domainid. */
    private static void lists(Map<String, Probe> p, String command, String key, String field, Function<Party, String> rowOf) {
        p.put(command + ":id", (c, t) -> listed(c, c.api.call(command, "id", rowOf.apply(t)), key, field, rowOf.apply(t)));
        p.put(command + ":listall", (c, t) -> listed(c, c.api.call(command, "listall", "true", "pagesize", "-1"), key, field,
                rowOf.apply(t)));
        p.put(command + ":account", (c, t) -> listed(c, c.api.call(command, "account", t.name, "domainid", t.domainId, "pagesize", "-1"),
                key, field, rowOf.apply(t)));
    }

    /** Sets a new uuid with customid: ok when the entity took it, ok-ignored when it kept its own. */
    private static String customId(Party caller, String command, String id, String listCommand, String key) {
        String custom = UUID.randomUUID().toString();
        String answer = outcome(caller, caller.api.call(command, "id", id, "customid", custom));
        if (!answer.equals("ok")) {
            return answer;
        }
        boolean renamed = listed(rootAdmin, admin.call(listCommand, "id", custom), key, "id", custom).equals("ok");
        return renamed ? "ok" : "ok-ignored";
    }

    private static String deleteHost(Party caller, Party target) {
        // a host that is Down and holds no router: while it exists no router may start in the zone, so it goes at once
        HostDao hosts = server.component(HostDao.class);
        HostVO host = hosts.insert("az-host-" + next(), zoneInternalId, "ssh://192.0.2.1:22", "192.0.2.1", 22, "root", HostVO.DOWN, "none");
        try {
            return outcome(caller, caller.api.call("deleteHost", "id", host.uuid()));
        } finally {
            hosts.markRemoved(host.id());
        }
    }

    private static String registerUserKeys(Party caller, Party target) {
        ApiClient.Answer answer = caller.api.call("registerUserKeys", "id", target.userId);
        if (answer.status() == 200) {
            // the target's old keys stop working at once: go on with the new ones
            JsonObject keys = answer.inner().getAsJsonObject("userkeys");
            target.api = admin.withKeys(keys.get("apikey").getAsString(), keys.get("secretkey").getAsString());
            if (target.api.call("listZones").status() != 200) {
                return "new keys refused";
            }
        } else if (target.api.call("listZones").status() != 200) {
            return "refused, but the target's keys were replaced";
        }
        return answered(answer);
    }

    private static ApiClient.Answer login(String username, String password, String domainId) {
        return admin.sendRaw("POST", ApiClient.encode(Map.of("command", "login", "response", "json", "username", username, "password",
                password, "domainId", domainId)));
    }

    /** Logs the caller in, out, and checks that the session key no longer works. */
    private static String logout(Party caller, Party target) {
        ApiClient.Answer login = login(caller.name, "pw-" + caller.name, caller.domainId);
        if (login.status() != 200) {
            return "login " + answered(login);
        }
        String session = login.inner().get("sessionkey").getAsString();
        if (admin.sendRaw("GET", "command=listZones&response=json&sessionkey=" + session).status() != 200) {
            return "session refused before logout";
        }
        ApiClient.Answer logout = admin.sendRaw("GET", "command=logout&response=json&sessionkey=" + session);
        if (logout.status() == 200 && admin.sendRaw("GET", "command=listZones&response=json&sessionkey=" + session).status() != 401) {
            return "session still valid after logout";
        }
        return answered(logout);
    }

    // ---- reading answers in the matrix's words

    /** ok for 200, else the error code (checked to be the HTTP status too). */
    private static String answered(ApiClient.Answer answer) {
        if (answer.status() == 200) {
            return "ok";
        }
        int code = answer.inner().get("errorcode").getAsInt();
        return code == answer.status() ? String.valueOf(code) : "status " + answer.status() + " errorcode " + code;
    }

    /** As {@link #answered}, but an async command's answer is its job's: ok when it succeeded, else its error code. */
    private static String outcome(Party caller, ApiClient.Answer answer) {
        if (answer.status() != 200 || !answer.inner().has("jobid")) {
            return answered(answer);
        }
        JsonObject job = caller.api.waitForJob(answer.inner().get("jobid").getAsString());
        return job.get("jobstatus").getAsInt() == 1 ? "ok" : job.getAsJsonObject("jobresult").get("errorcode").getAsString();
    }

    /** As {@link #outcome}; what a create made must belong to the target account, whoever asked for it. */
    private static String createdFor(Party owner, Party caller, ApiClient.Answer answer) {
        String outcome = outcome(caller, answer);
        if (!outcome.equals("ok")) {
            return outcome;
        }
        JsonObject made = answer.inner().has("jobid") ? created(caller, answer) : only(answer.inner());
        String account = made.has("account") ? made.get("account").getAsString() : "no account";
        return account.equals(owner.name) ? "ok" : "ok, but made for " + account;
    }

    /** ok when the list shows the target's row, ok-empty when not; a user's list must not show another account's rows. */
    private static String listed(Party caller, ApiClient.Answer answer, String key, String field, String value) {
        if (answer.status() != 200) {
            return answered(answer);
        }
        JsonObject body = answer.inner();
        boolean shown = false;
        if (body.has(key)) {
            for (JsonElement element : body.getAsJsonArray(key)) {
                JsonObject row = element.getAsJsonObject();
                shown |= row.has(field) && value.equals(row.get(field).getAsString());
                if (caller == user && (row.has("account") && !row.get("account").getAsString().equals(caller.name)
                        || key.equals("account") && !row.get("id").getAsString().equals(caller.accountId))) {
                    return "shows the user a row of another account: " + row;
                }
            }
        }
        return shown ? "ok" : "ok-empty";
    }

    /** A refused change must leave the entity in place: the root admin still finds it. */
    private static String stillThere(String answer, String listCommand, String key, String id) {
        if (!answer.equals("ok") && listed(rootAdmin, admin.call(listCommand, "id", id), key, "id", id).equals("ok-empty")) {
            return answer + ", but it was removed";
        }
        return answer;
    }

    // ---- the fixture: what each account owns, made through the API by the account itself

    private static Party party(String role, int accountType, String domainId) {
        String name = "az-" + role + "-" + suffix;
        ApiClient api = server.newAccount(name, accountType, domainId);
        JsonObject account = first(admin.call("listAccounts", "name", name, "domainid", domainId), "account");
        String userId = account.getAsJsonArray("user").get(0).getAsJsonObject().get("id").getAsString();
        return new Party(name, account.get("id").getAsString(), userId, domainId, api);
    }

    private static void ownEntities(Party p) {
        p.vpcNet = nextNet();
        p.vpc = created(p, p.api.call("createVPC", "name", "az-vpc-" + p.vpcNet, "cidr", "10." + p.vpcNet + ".0.0/16", "vpcofferingid",
                vpcOffering, "zoneid", zone)).get("id").getAsString();
        p.tier = tier(p);
        p.publicIp = first(p.api.call("listPublicIpAddresses", "vpcid", p.vpc), "publicipaddress").get("id").getAsString();
        p.router = routerOf(p.vpc);
        p.vpnGateway = vpnGateway(p, p.vpc);
        p.customerGateway = customerGateway(p);
        ApiClient.Answer created = p.api.call("createVpnConnection", "s2svpngatewayid", p.vpnGateway, "s2scustomergatewayid",
                p.customerGateway);
        p.job = ok(created).get("jobid").getAsString();
        p.connection = created(p, created).get("id").getAsString();
        p.event = first(admin.call("listEvents", "account", p.name, "domainid", p.domainId), "event").get("id").getAsString();
    }

    /** Sweeps the routers until every account's connection has usage: the simulated SAs count bytes by the second. */
    private static void awaitUsage() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Instant deadline = Instant.now().plusSeconds(20);
        String usage = "";
        List<Party> all = List.of(rootAdmin, user, domainAdmin, other, sub, outsider);
        while (!all.stream().allMatch(p -> usage(p, today)) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(500);
            server.component(RouterTimer.class).sweep();
        }
        for (Party p : all) {
            assertTrue(p.name + " has no usage yet", usage(p, today));
        }
    }

    private static boolean usage(Party p, String today) {
        return admin.call("listUsageRecords", "startdate", today, "enddate", today, "account", p.name, "domainid", p.domainId)
                .body().contains("\"usageid\":\"" + p.connection + "\"");
    }

    /** A new VPC of the account, its router running or (start false) stopped. */
    private static String vpc(Party owner, boolean start) {
        return created(owner, owner.api.call("createVPC", "name", "az-vpc-" + next(), "cidr", "10." + nextNet() + ".0.0/16", "vpcofferingid",
                vpcOffering, "zoneid", zone, "start", String.valueOf(start))).get("id").getAsString();
    }

    private static String[] tierParams(Party owner) {
        int n = next();
        return new String[] {"name", "az-tier-" + n, "networkofferingid", tierOffering, "zoneid", zone, "vpcid", owner.vpc, "gateway",
            "10." + owner.vpcNet + "." + nextTierNet() + ".1", "netmask", "255.255.255.0"};
    }

    /** A new tier in the account's own VPC. */
    private static String tier(Party owner) {
        return ok(owner.api.call("createNetwork", tierParams(owner))).getAsJsonObject("network").get("id").getAsString();
    }

    private static String routerOf(String vpc) {
        return first(admin.call("listRouters", "vpcid", vpc), "router").get("id").getAsString();
    }

    private static String vpnGateway(Party owner, String vpc) {
        return created(owner, owner.api.call("createVpnGateway", "vpcid", vpc)).get("id").getAsString();
    }

    private static String[] customerGatewayParams() {
        int n = next();
        return new String[] {"name", "az-cgw-" + n, "gateway", "198.18." + n / 200 + "." + (n % 200 + 1), "cidrlist",
            "192.168." + n % 250 + ".0/24", "ipsecpsk", "matrix-key-" + n, "ikepolicy", "aes128-sha1;modp1536", "esppolicy", "aes128-sha1"};
    }

    private static String customerGateway(Party owner) {
        return created(owner, owner.api.call("createVpnCustomerGateway", customerGatewayParams())).get("id").getAsString();
    }

    /** A new connection of the account, on a new VPC and customer gateway of its own. */
    private static String connection(Party owner) {
        return created(owner, owner.api.call("createVpnConnection", "s2svpngatewayid", vpnGateway(owner, vpc(owner, true)),
                "s2scustomergatewayid", customerGateway(owner))).get("id").getAsString();
    }

    private static String throwawayAccount(String domainId) {
        String name = "az-doomed-" + next();
        server.newAccount(name, 0, domainId);
        return first(admin.call("listAccounts", "name", name, "domainid", domainId), "account").get("id").getAsString();
    }

    private static String[] newAccount(String name, String domainId) {
        return new String[] {"username", name, "password", "pw-" + name, "account", name, "accounttype", "0", "firstname", name, "lastname",
            "test", "email", name + "@example.org", "domainid", domainId};
    }

    // ---- helpers

    private static int next() {
        return ++counter;
    }

    /** The second octet of a new VPC's 10.x.0.0/16: each VPC has its own. */
    private static int nextNet() {
        assertTrue("out of VPC CIDRs", nets < 255);
        return ++nets;
    }

    /** The third octet of a new tier's /24 in its VPC. */
    private static int nextTierNet() {
        assertTrue("out of tier CIDRs", tierNets < 255);
        return ++tierNets;
    }

    /** The matrix file's rows: command (with its list variant) to the twelve expected answers, in file order. */
    private static Map<String, String[]> matrix() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(MATRIX)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                int answers = ROLES.length * TARGETS.length;
                assertEquals("a command and " + answers + " answers: " + line, answers + 1, fields.length);
                assertTrue("listed twice: " + fields[0], rows.put(fields[0], Arrays.copyOfRange(fields, 1, answers + 1)) == null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String command(String row) {
        int colon = row.indexOf(':');
        return colon < 0 ? row : row.substring(0, colon);
    }

    /**
     * The commands listApis shows, less those of test fixtures: an in-JVM server scans this test classpath, which
     * holds the framework's test jar and its made-up commands (createWidget, listThings); a packaged server has none.
     */
    private static Set<String> names(ApiClient.Answer listApis) {
        Set<String> fixtures = server.component(CommandRegistry.class).all().stream()
                .filter(d -> isTestCode(d.commandClass()))
                .map(CommandDescriptor::name)
                .collect(Collectors.toSet());
        Set<String> names = new TreeSet<>();
        for (JsonElement api : ok(listApis).getAsJsonArray("api")) {
            names.add(api.getAsJsonObject().get("name").getAsString());
        }
        names.removeAll(fixtures);
        return names;
    }

    private static boolean isTestCode(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
        return location.contains("/test-classes/") || location.endsWith("-tests.jar");
    }

    private static String[] with(String[] params, String... more) {
        String[] all = Arrays.copyOf(params, params.length + more.length);
        System.arraycopy(more, 0, all, params.length, more.length);
        return all;
    }

    private static JsonObject ok(ApiClient.Answer answer) {
        assertEquals(answer.body(), 200, answer.status());
        return answer.inner();
    }

    /** The result of a successful async create. */
    private static JsonObject created(Party owner, ApiClient.Answer answer) {
        JsonObject job = owner.api.waitForJob(ok(answer).get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        return only(job.getAsJsonObject("jobresult"));
    }

    /** The object under an answer's single key, such as {"vpc": {...}}. */
    private static JsonObject only(JsonObject wrapper) {
        assertEquals(wrapper.toString(), 1, wrapper.size());
        return wrapper.entrySet().iterator().next().getValue().getAsJsonObject();
    }

    private static JsonObject first(ApiClient.Answer answer, String key) {
        JsonObject body = ok(answer);
        assertTrue(answer.body(), body.has(key));
        return body.getAsJsonArray(key).get(0).getAsJsonObject();
    }
}
