package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.framework.api.CommandDescriptor;
import org.s2svpn.framework.api.CommandRegistry;
import org.s2svpn.framework.api.RoleType;

/**
 * listApis describes every command as cloudmonkey (cmk) needs it, for the root admin and for a plain user: cmk learns
 * the commands it knows from this answer only, and a missing key or a value of another JSON type panics it (an
 * unchecked type assertion). The 13 site-to-site VPN commands take CloudStack's parameters (names, types and required
 * flags as real CloudStack's listApis gives them: test resources cloudstack-golden/23..35_listApis_*.json).
 */
public class ListApisCompletenessTest {
    /** CloudStack's BaseCmd.CommandType, as listApis writes the names. */
    static final Set<String> CLOUDSTACK_TYPES = Set.of("boolean", "date", "float", "double", "integer", "short", "list", "long",
            "object", "map", "string", "tzdate", "uuid");

    static final List<String> S2S_COMMANDS = List.of("createVpnCustomerGateway", "deleteVpnCustomerGateway", "updateVpnCustomerGateway",
            "listVpnCustomerGateways", "createVpnGateway", "deleteVpnGateway", "updateVpnGateway", "listVpnGateways", "createVpnConnection",
            "deleteVpnConnection", "updateVpnConnection", "resetVpnConnection", "listVpnConnections");

    private static TestServer server;
    private static ApiClient user;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        user = server.newAccount(ApiWireTest.unique("apis"), 0, null);
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Test
    public void everyCommandOfTheRegistryIsListedForTheAdminWithWhatCloudmonkeyNeeds() {
        JsonArray apis = listApis(server.admin());
        List<String> problems = shapeProblems(apis);
        Map<String, CommandDescriptor> registry = new TreeMap<>();
        for (CommandDescriptor d : server.component(CommandRegistry.class).all()) {
            registry.put(d.name(), d);
        }
        Map<String, JsonObject> listed = byName(apis, problems);
        Set<String> missing = new TreeSet<>(registry.keySet());
        missing.removeAll(listed.keySet());
        if (!missing.isEmpty()) {
            problems.add("not listed for the admin: " + missing);
        }
        Set<String> unknown = new TreeSet<>(listed.keySet());
        unknown.removeAll(registry.keySet());
        if (!unknown.isEmpty()) {
            problems.add("listed but not in the registry: " + unknown);
        }
        listed.forEach((name, api) -> {
            CommandDescriptor d = registry.get(name);
            if (d != null && api.get("isasync").isJsonPrimitive() && api.get("isasync").getAsBoolean() != d.isAsync()) {
                problems.add(name + ": isasync " + api.get("isasync") + " but the command is " + (d.isAsync() ? "async" : "sync"));
            }
        });
        assertTrue(String.join("\n", problems), problems.isEmpty());
        assertTrue("the registry has " + registry.size() + " commands", registry.size() > 40);
    }

    @Test
    public void aPlainUserGetsTheUserCommandsWithTheSameKeysAndTypes() {
        JsonArray apis = listApis(user);
        List<String> problems = shapeProblems(apis);
        Set<String> expected = new TreeSet<>();
        for (CommandDescriptor d : server.component(CommandRegistry.class).all()) {
            if (d.allows(RoleType.User)) {
                expected.add(d.name());
            }
        }
        Set<String> listed = byName(apis, problems).keySet();
        if (!listed.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(listed);
            Set<String> extra = new TreeSet<>(listed);
            extra.removeAll(expected);
            problems.add("for a user, missing " + missing + ", listed although not allowed " + extra);
        }
        if (!listed.containsAll(S2S_COMMANDS)) {
            problems.add("a user does not get every S2S command: " + listed);
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    @Test
    public void theSiteToSiteCommandsTakeCloudStacksParameters() throws IOException {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String file : goldenListApis()) {
            JsonObject golden = JsonParser.parseString(resource(file)).getAsJsonObject().getAsJsonObject("listapisresponse")
                    .getAsJsonArray("api").get(0).getAsJsonObject();
            String name = golden.get("name").getAsString();
            ApiClient.Answer answer = server.admin().call("listApis", "name", name);
            assertEquals(answer.body(), 200, answer.status());
            JsonArray found = answer.inner().getAsJsonArray("api");
            if (found == null || found.size() != 1) {
                differences.add(name + ": listApis name=" + name + " gave " + answer.body());
                continue;
            }
            compared++;
            differences.addAll(parameterDifferences(golden, found.get(0).getAsJsonObject()));
        }
        assertEquals("golden listApis files compared", S2S_COMMANDS.size(), compared);
        assertTrue("differences from CloudStack's listApis:\n" + String.join("\n", differences), differences.isEmpty());
    }

    /** Our own command for the status page's graph: a user gets it, with its parameters and response fields. */
    @Test
    public void aUserGetsListVpnConnectionTrafficWithItsParametersAndFields() {
        JsonObject api = null;
        for (JsonElement e : listApis(user)) {
            if (e.getAsJsonObject().get("name").getAsString().equals("listVpnConnectionTraffic")) {
                api = e.getAsJsonObject();
            }
        }
        assertTrue("listVpnConnectionTraffic is listed for a user", api != null);
        assertFalse(api.get("isasync").getAsBoolean());
        Map<String, String> params = new TreeMap<>();
        api.getAsJsonArray("params").forEach(p -> params.put(p.getAsJsonObject().get("name").getAsString(),
                p.getAsJsonObject().get("type").getAsString() + (p.getAsJsonObject().get("required").getAsBoolean() ? ", required" : "")));
        assertEquals(Map.of("id", "uuid, required", "hours", "integer"), params);
        Set<String> fields = new TreeSet<>();
        api.getAsJsonArray("response").forEach(f -> fields.add(f.getAsJsonObject().get("name").getAsString()));
        assertEquals(Set.of("startdate", "bytessent", "bytesreceived"), fields);
    }

    /** Missing parameters, and parameters with another type or required flag; our extra parameters are fine. */
    static List<String> parameterDifferences(JsonObject golden, JsonObject ours) {
        String name = golden.get("name").getAsString();
        List<String> differences = new ArrayList<>();
        if (golden.get("isasync").getAsBoolean() != ours.get("isasync").getAsBoolean()) {
            differences.add(name + ": isasync " + ours.get("isasync") + ", CloudStack " + golden.get("isasync"));
        }
        Map<String, JsonObject> ourParams = new TreeMap<>();
        for (JsonElement p : ours.getAsJsonArray("params")) {
            ourParams.put(p.getAsJsonObject().get("name").getAsString(), p.getAsJsonObject());
        }
        for (JsonElement e : golden.getAsJsonArray("params")) {
            JsonObject theirs = e.getAsJsonObject();
            String param = theirs.get("name").getAsString();
            String what = theirs.get("type").getAsString() + (theirs.get("required").getAsBoolean() ? ", required" : ", optional");
            JsonObject mine = ourParams.get(param);
            if (mine == null) {
                differences.add(name + " " + param + ": missing (CloudStack: " + what + ")");
            } else if (!mine.get("type").getAsString().equals(theirs.get("type").getAsString())
                    || mine.get("required").getAsBoolean() != theirs.get("required").getAsBoolean()) {
                differences.add(name + " " + param + ": " + mine.get("type").getAsString() + (mine.get("required").getAsBoolean() ? ", required"
                        : ", optional") + " (CloudStack: " + what + ")");
            }
        }
        return differences;
    }

    /** The resource names of the 13 golden answers, cloudstack-golden/23_listApis_createVpnCustomerGateway.json and on. */
    static List<String> goldenListApis() {
        List<String> files = new ArrayList<>();
        int number = 23;
        for (String command : S2S_COMMANDS) {
            files.add("/cloudstack-golden/" + number++ + "_listApis_" + command + ".json");
        }
        return files;
    }

    static String resource(String name) throws IOException {
        try (var in = ListApisCompletenessTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonArray listApis(ApiClient client) {
        ApiClient.Answer answer = client.call("listApis");
        assertEquals(answer.body(), 200, answer.status());
        JsonObject body = answer.json().getAsJsonObject("listapisresponse");
        JsonArray apis = body.getAsJsonArray("api");
        assertTrue(body.get("count").getAsJsonPrimitive().isNumber());
        assertEquals(apis.size(), body.get("count").getAsInt());
        return apis;
    }

    private static Map<String, JsonObject> byName(JsonArray apis, List<String> problems) {
        Map<String, JsonObject> byName = new TreeMap<>();
        for (JsonElement e : apis) {
            if (e.isJsonObject() && isString(e.getAsJsonObject().get("name"))
                    && byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()) != null) {
                problems.add("listed twice: " + e.getAsJsonObject().get("name").getAsString());
            }
        }
        return byName;
    }

    /** Every key cmk reads, with the JSON type it asserts; optional keys with their type when present. */
    static List<String> shapeProblems(JsonArray apis) {
        List<String> problems = new ArrayList<>();
        for (JsonElement e : apis) {
            if (!e.isJsonObject()) {
                problems.add("an api entry is not an object: " + e);
                continue;
            }
            JsonObject api = e.getAsJsonObject();
            String name = isString(api.get("name")) ? api.get("name").getAsString() : "<no name: " + api + ">";
            require(problems, name, api, "name", "string");
            require(problems, name, api, "isasync", "boolean");
            require(problems, name, api, "description", "string");
            optional(problems, name, api, "since", "string");
            optional(problems, name, api, "related", "string");
            if (!(api.get("params") instanceof JsonArray params)) {
                problems.add(name + ": params is not an array: " + api.get("params"));
            } else {
                Set<String> seen = new HashSet<>();
                for (JsonElement p : params) {
                    if (!p.isJsonObject()) {
                        problems.add(name + ": a param is not an object: " + p);
                        continue;
                    }
                    JsonObject param = p.getAsJsonObject();
                    String where = name + " param " + (isString(param.get("name")) ? param.get("name").getAsString() : param.toString());
                    require(problems, where, param, "name", "string");
                    require(problems, where, param, "type", "string");
                    require(problems, where, param, "required", "boolean");
                    require(problems, where, param, "description", "string");
                    require(problems, where, param, "length", "number");
                    optional(problems, where, param, "related", "string");
                    optional(problems, where, param, "since", "string");
                    if (isString(param.get("type")) && !CLOUDSTACK_TYPES.contains(param.get("type").getAsString())) {
                        problems.add(where + ": type " + param.get("type") + " is not one of CloudStack's " + new TreeSet<>(CLOUDSTACK_TYPES));
                    }
                    if (isString(param.get("name")) && !seen.add(param.get("name").getAsString())) {
                        problems.add(where + ": listed twice");
                    }
                }
            }
            if (!(api.get("response") instanceof JsonArray response)) {
                problems.add(name + ": response is not an array: " + api.get("response"));
            } else {
                responseProblems(problems, name, response);
            }
        }
        return problems;
    }

    private static void responseProblems(List<String> problems, String where, JsonArray response) {
        for (JsonElement r : response) {
            if (!r.isJsonObject()) {
                problems.add(where + ": a response field is not an object: " + r);
                continue;
            }
            JsonObject field = r.getAsJsonObject();
            String at = where + " response " + (isString(field.get("name")) ? field.get("name").getAsString() : field.toString());
            require(problems, at, field, "name", "string");
            optional(problems, at, field, "description", "string");
            optional(problems, at, field, "type", "string");
            if (field.has("response")) {
                if (field.get("response") instanceof JsonArray nested) {
                    responseProblems(problems, at, nested);
                } else {
                    problems.add(at + ": nested response is not an array");
                }
            }
        }
    }

    private static void require(List<String> problems, String where, JsonObject object, String key, String type) {
        if (!object.has(key)) {
            problems.add(where + ": no " + key);
        } else if (!hasType(object.get(key), type)) {
            problems.add(where + ": " + key + " is " + object.get(key) + ", not a JSON " + type);
        }
    }

    private static void optional(List<String> problems, String where, JsonObject object, String key, String type) {
        if (object.has(key) && !object.get(key).isJsonNull() && !hasType(object.get(key), type)) {
            problems.add(where + ": " + key + " is " + object.get(key) + ", not a JSON " + type);
        }
    }

    private static boolean hasType(JsonElement value, String type) {
        if (value == null || !value.isJsonPrimitive()) {
            return false;
        }
        return switch (type) {
            case "string" -> value.getAsJsonPrimitive().isString();
            case "boolean" -> value.getAsJsonPrimitive().isBoolean();
            default -> value.getAsJsonPrimitive().isNumber();
        };
    }

    private static boolean isString(JsonElement value) {
        return hasType(value, "string");
    }
}
