package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.framework.http.ApiHandler;

/** CloudStack's wire format over real HTTP, on H2 and on MariaDB: answers, errors, signatures v3, sessions, async jobs. */
@RunWith(Parameterized.class)
public class ApiWireTest {
    private static final ServersByDatabase SERVERS = new ServersByDatabase();

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final TestServer server;
    private final ApiClient admin;

    public ApiWireTest(String database) throws Exception {
        server = SERVERS.get(database);
        admin = server.admin();
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    @Test
    public void jsonAnswerHasOneTopLevelKeyAndJsonContentType() {
        ApiClient.Answer answer = admin.call("listZones");
        assertEquals(200, answer.status());
        assertTrue(answer.contentType(), answer.contentType().startsWith("application/json"));
        JsonObject root = answer.json();
        assertEquals(1, root.size());
        JsonObject body = root.getAsJsonObject("listzonesresponse");
        assertEquals(1, body.get("count").getAsJsonPrimitive().getAsInt());
        assertTrue(body.get("count").getAsJsonPrimitive().isNumber());
        JsonObject zone = body.getAsJsonArray("zone").get(0).getAsJsonObject();
        assertEquals("zone1", zone.get("name").getAsString());
        assertTrue(zone.get("securitygroupsenabled").getAsJsonPrimitive().isBoolean());
    }

    @Test
    public void xmlIsTheDefaultResponseFormat() {
        Map<String, String> params = admin.signed("listZones");
        params.remove("response");
        params.put("signature", org.s2svpn.framework.auth.SignatureVerifier.sign(withoutSignature(params), secretOf()));
        ApiClient.Answer answer = admin.send("GET", params);
        assertEquals(200, answer.status());
        assertTrue(answer.contentType(), answer.contentType().startsWith("text/xml"));
        assertTrue(answer.body(), answer.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><listzonesresponse"));
        assertTrue(answer.body(), answer.body().contains("<count>1</count><zone>") && answer.body().contains("<name>zone1</name>"));
    }

    @Test
    public void listApisDescribesEveryCommandForCloudmonkey() {
        JsonObject body = admin.call("listApis").inner();
        JsonArray apis = body.getAsJsonArray("api");
        assertEquals(apis.size(), body.get("count").getAsInt());
        boolean sawAsync = false;
        for (JsonElement e : apis) {
            JsonObject api = e.getAsJsonObject();
            assertTrue(api.get("name").getAsJsonPrimitive().isString());
            assertTrue(api.get("description").getAsJsonPrimitive().isString());
            assertTrue(api.get("isasync").getAsJsonPrimitive().isBoolean());
            assertTrue(api.has("related"));
            for (JsonElement p : api.getAsJsonArray("params")) {
                JsonObject param = p.getAsJsonObject();
                for (String key : new String[] {"name", "type", "description"}) {
                    assertTrue(api.get("name") + " param lacks " + key, param.get(key).getAsJsonPrimitive().isString());
                }
                assertTrue(param.get("required").getAsJsonPrimitive().isBoolean());
                assertTrue(param.get("length").getAsJsonPrimitive().isNumber());
            }
            for (JsonElement r : api.getAsJsonArray("response")) {
                assertTrue(r.getAsJsonObject().get("name").getAsJsonPrimitive().isString());
            }
            sawAsync |= api.get("name").getAsString().equals("deleteAccount") && api.get("isasync").getAsBoolean();
        }
        assertTrue("deleteAccount is listed as async", sawAsync);
        JsonObject one = admin.call("listApis", "name", "createAccount").inner();
        assertEquals(1, one.get("count").getAsInt());
        JsonObject createAccount = one.getAsJsonArray("api").get(0).getAsJsonObject();
        assertTrue(createAccount.toString(), createAccount.toString().contains("\"name\":\"username\",\"description\""));
    }

    @Test
    public void wrongSecretIs401WithTheCommandsResponseKey() {
        ApiClient.Answer answer = admin.withKeys(apiKeyOf(), "not-the-secret").call("listZones");
        assertEquals(401, answer.status());
        JsonObject error = answer.json().getAsJsonObject("listzonesresponse");
        assertEquals(401, error.get("errorcode").getAsInt());
        assertEquals("unable to verify user credentials and/or request signature", error.get("errortext").getAsString());
        assertTrue(error.getAsJsonArray("uuidList").isEmpty());
    }

    @Test
    public void unknownCommandIs401UnderErrorResponse() {
        ApiClient.Answer answer = admin.call("fooBarVpnThing");
        assertEquals(401, answer.status());
        assertEquals(401, answer.json().getAsJsonObject("errorresponse").get("errorcode").getAsInt());
    }

    @Test
    public void unsignedOrUnknownKeyIs401() {
        assertEquals(401, admin.sendRaw("GET", "command=listZones&response=json").status());
        assertEquals(401, admin.withKeys("no-such-key", secretOf()).call("listZones").status());
    }

    @Test
    public void missingParameterIs431NamingIt() {
        ApiClient.Answer answer = admin.call("createDomain");
        assertEquals(431, answer.status());
        JsonObject error = answer.json().getAsJsonObject("createdomainresponse");
        assertEquals(431, error.get("errorcode").getAsInt());
        assertEquals(9999, error.get("cserrorcode").getAsInt());
        assertEquals("Unable to execute API command createdomain due to missing parameter name", error.get("errortext").getAsString());
    }

    @Test
    public void unknownUuidIs431() {
        ApiClient.Answer answer = admin.call("deleteAccount", "id", "00000000-0000-0000-0000-000000000000");
        assertEquals(431, answer.status());
        assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("Invalid parameter id value=00000000-0000"));
    }

    @Test
    public void invalidValueIs431WithCsErrorCode4350() {
        ApiClient.Answer answer = admin.call("updateConfiguration", "name", "router.check.interval", "value", "often");
        assertEquals(431, answer.status());
        assertEquals(4350, answer.inner().get("cserrorcode").getAsInt());
        assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("router.check.interval"));
    }

    @Test
    public void commandNotAvailableToTheRoleIs432() {
        ApiClient user = server.newAccount(unique("u432"), 0, null);
        ApiClient.Answer answer = user.call("createDomain", "name", unique("d"));
        assertEquals(432, answer.status());
        JsonObject error = answer.json().getAsJsonObject("createdomainresponse");
        assertEquals(432, error.get("errorcode").getAsInt());
        assertTrue(error.get("errortext").getAsString().contains("'createDomain'"));
    }

    @Test
    public void internalFailureIs530AndTellsNothingInternal() throws Exception {
        var jdbc = server.component(org.springframework.jdbc.core.simple.JdbcClient.class);
        String table = "data_center";
        jdbc.sql("ALTER TABLE " + table + " RENAME TO " + table + "_gone").update();
        try {
            ApiClient.Answer answer = admin.call("listZones");
            assertEquals(530, answer.status());
            JsonObject error = answer.json().getAsJsonObject("listzonesresponse");
            assertEquals(530, error.get("errorcode").getAsInt());
            assertEquals("Internal error executing command, please contact your system administrator", error.get("errortext").getAsString());
        } finally {
            jdbc.sql("ALTER TABLE " + table + "_gone RENAME TO " + table).update();
        }
    }

    @Test
    public void signatureVersion3IsCheckedForExpiry() {
        String future = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").format(Instant.now().plusSeconds(600).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").format(Instant.now().minusSeconds(5).atOffset(ZoneOffset.UTC));
        assertEquals(200, admin.call("listZones", "signatureVersion", "3", "expires", future).status());
        assertEquals(200, admin.call("listZones", "signatureversion", "3", "expires", Instant.now().plusSeconds(60).toString()).status());
        assertEquals(200, admin.call("listZones", "signatureVersion", "3", "expires",
                Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()).status());
        assertEquals(401, admin.call("listZones", "signatureVersion", "3", "expires", past).status());
        assertEquals(401, admin.call("listZones", "signatureVersion", "3").status());
        assertEquals(401, admin.call("listZones", "signatureVersion", "3", "expires", "tomorrow").status());
        // without signatureVersion=3, expires is ignored, as in CloudStack
        assertEquals(200, admin.call("listZones", "expires", past).status());
    }

    @Test
    public void oversizedBodyIs413AndAPoolingClientAlwaysSeesIt() {
        // Java's client sends the whole body before it reads, and keeps connections for the next call; a server
        // that answered without reading the rest reset the connection under the answer in about 1 call of 30
        for (int round = 0; round < 100; round++) {
            ApiClient.Answer answer = admin.sendRaw("POST", "command=listZones&name=" + "n".repeat(ApiHandler.MAX_BODY_BYTES + round));
            assertEquals("round " + round, 413, answer.status());
            assertEquals("round " + round, 200, admin.call("listZones").status());
        }
    }

    @Test
    public void formPostWithAwkwardValuesIsSignedAndDecoded() {
        String name = unique("a b+c=e,f;g*h~i");
        ApiClient.Answer answer = admin.post("createDomain", "name", name);
        assertEquals(answer.body(), 200, answer.status());
        assertEquals(name, answer.inner().getAsJsonObject("domain").get("name").getAsString());
        JsonObject listed = admin.call("listDomains", "listall", "true", "name", name).inner();
        assertEquals(1, listed.get("count").getAsInt());
    }

    @Test
    public void sessionLoginWorksWithoutSignatureUntilLogout() {
        String account = unique("sess");
        server.newAccount(account, 0, null);
        ApiClient.Answer get = admin.sendRaw("GET", "command=login&response=json&username=" + account + "&password=pw-" + account);
        assertEquals(432, get.status());
        ApiClient.Answer wrong = admin.sendRaw("POST", "command=login&response=json&username=" + account + "&password=nope");
        assertEquals(401, wrong.status());
        ApiClient.Answer login = admin.sendRaw("POST", "command=login&response=json&username=" + account + "&password=pw-" + account
                + "&domain=%2F");
        assertEquals(login.body(), 200, login.status());
        JsonObject session = login.json().getAsJsonObject("loginresponse");
        String key = session.get("sessionkey").getAsString();
        assertEquals(account, session.get("account").getAsString());
        assertEquals("USER", session.get("type").getAsString());
        ApiClient.Answer listed = admin.sendRaw("GET", "command=listAccounts&response=json&sessionkey=" + key);
        assertEquals(200, listed.status());
        assertEquals(account, listed.inner().getAsJsonArray("account").get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(200, admin.sendRaw("POST", "command=logout&response=json&sessionkey=" + key).status());
        assertEquals(401, admin.sendRaw("GET", "command=listAccounts&response=json&sessionkey=" + key).status());
    }

    @Test
    public void asyncJobRunsFromSubmitToResultWithTypedFields() {
        String account = unique("gone");
        server.newAccount(account, 0, null);
        String id = admin.call("listAccounts", "name", account).inner().getAsJsonArray("account").get(0).getAsJsonObject().get("id").getAsString();
        ApiClient.Answer submitted = admin.call("deleteAccount", "id", id);
        assertEquals(200, submitted.status());
        JsonObject reply = submitted.inner();
        assertEquals(1, reply.size());
        String jobId = reply.get("jobid").getAsString();
        JsonObject job = admin.waitForJob(jobId);
        assertTrue(job.get("jobstatus").getAsJsonPrimitive().isNumber());
        assertEquals(1, job.get("jobstatus").getAsInt());
        assertTrue(job.get("jobresultcode").getAsJsonPrimitive().isNumber());
        assertEquals(0, job.get("jobresultcode").getAsInt());
        assertEquals("object", job.get("jobresulttype").getAsString());
        assertTrue(job.getAsJsonObject("jobresult").get("success").getAsJsonPrimitive().isBoolean());
        assertTrue(job.getAsJsonObject("jobresult").get("success").getAsBoolean());
        assertEquals(jobId, job.get("jobid").getAsString());
        assertTrue(job.get("created").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000"));
        assertFalse(admin.call("listAccounts", "name", account).inner().has("account"));
        boolean listed = false;
        for (JsonElement e : admin.call("listAsyncJobs").inner().getAsJsonArray("asyncjobs")) {
            listed |= e.getAsJsonObject().get("jobid").getAsString().equals(jobId);
        }
        assertTrue(listed);
        JsonObject events = admin.call("listEvents", "type", "ACCOUNT.DELETE").inner();
        assertTrue(events.toString(), events.toString().contains("deleting account " + account));
    }

    @Test
    public void failedAsyncJobReportsJobResultCode530AndTheRealError() {
        String selfId = admin.call("listAccounts", "name", "admin").inner().getAsJsonArray("account").get(0).getAsJsonObject()
                .get("id").getAsString();
        JsonObject job = admin.waitForJob(admin.call("deleteAccount", "id", selfId).inner().get("jobid").getAsString());
        assertEquals(2, job.get("jobstatus").getAsInt());
        assertEquals(530, job.get("jobresultcode").getAsInt());
        assertEquals(431, job.getAsJsonObject("jobresult").get("errorcode").getAsInt());
        assertTrue(job.getAsJsonObject("jobresult").get("errortext").getAsString().contains("own account"));
    }

    @Test
    public void settingChangeAppliesAtOnce() {
        try {
            JsonObject updated = admin.call("updateConfiguration", "name", "router.check.interval", "value", "45").inner();
            assertEquals("45", updated.getAsJsonObject("configuration").get("value").getAsString());
            JsonObject listed = admin.call("listConfigurations", "name", "router.check.interval").inner();
            assertEquals("45", listed.getAsJsonArray("configuration").get(0).getAsJsonObject().get("value").getAsString());
            assertEquals(45, (int) server.component(org.s2svpn.framework.config.ConfigDepot.class)
                    .value(org.s2svpn.server.config.ServerSettings.ROUTER_CHECK_INTERVAL));
            assertEquals(431, admin.call("updateConfiguration", "name", "no.such.setting", "value", "1").status());
        } finally {
            admin.call("updateConfiguration", "name", "router.check.interval", "value", "30");
        }
    }

    private String apiKeyOf() {
        return admin.signed("x").get("apiKey");
    }

    private String secretOf() {
        try {
            return TestServer.readKeys(server.dataDir().resolve("admin.keys")).get("secretkey");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> withoutSignature(Map<String, String> params) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(params);
        copy.remove("signature");
        return copy;
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
