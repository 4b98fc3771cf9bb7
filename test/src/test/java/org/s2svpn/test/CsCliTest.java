package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The real python3-cs CLI, /usr/bin/cloudstack, against a test server: GET, --post, async polling and a bad secret. */
public class CsCliTest {
    private static final String AWKWARD = "Zoë a+b/c=d,e;f*g~h [x]";

    private static TestServer server;
    private static CsCli cli;

    @BeforeClass
    public static void startServer() throws Exception {
        server = TestServer.start("h2");
        cli = CsCli.admin(server);
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void listApisPrintsEveryCommand() throws Exception {
        CsCli.Run run = cli.run("listApis");
        assertEquals(run.toString(), 0, run.exitCode());
        Set<String> names = new HashSet<>();
        for (JsonElement api : run.json().getAsJsonArray("api")) {
            names.add(api.getAsJsonObject().get("name").getAsString());
        }
        for (String expected : List.of("listApis", "listZones", "createAccount", "deleteAccount", "queryAsyncJobResult")) {
            assertTrue(expected + " in " + names, names.contains(expected));
        }
    }

    @Test
    public void getWithAwkwardValuesSucceeds() throws Exception {
        assertAccountCreated();
    }

    @Test
    public void postWithAwkwardValuesSucceeds() throws Exception {
        CsCli.Run run = assertAccountCreated("--post", "--trace");
        assertTrue("the CLI traces the request it sent: " + run, run.stderr().startsWith("POST " + server.admin().endpoint()));
    }

    @Test
    public void asyncCommandIsPolledToItsResult() throws Exception {
        String name = ApiWireTest.unique("cli-gone");
        server.newAccount(name, 0, null);
        String id = server.admin().call("listAccounts", "name", name).inner().getAsJsonArray("account").get(0).getAsJsonObject()
                .get("id").getAsString();
        CsCli.Run run = cli.run("deleteAccount", "id=" + id);
        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals(run.toString(), JsonParser.parseString("{\"success\": true}"), run.json());
        assertFalse(server.admin().call("listAccounts", "name", name).inner().has("account"));
    }

    @Test
    public void badSecretExitsWith1() throws Exception {
        CsCli.Run run = cli.withSecret("not-the-secret").run("listZones");
        assertEquals(run.toString(), 1, run.exitCode());
        assertEquals(run.toString(), 401, run.json().getAsJsonObject("listzonesresponse").get("errorcode").getAsInt());
    }

    /** createAccount through the CLI (flags first) with awkward free-text fields, which must come back unchanged. */
    private static CsCli.Run assertAccountCreated(String... flags) throws Exception {
        String name = ApiWireTest.unique("cli");
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("createAccount", "username=" + name, "password=pw " + AWKWARD, "account=" + name, "accounttype=0",
                "firstname=" + AWKWARD, "lastname=" + AWKWARD, "email=" + name + "+a/b=c,d;e*f~g@example.org"));
        CsCli.Run run = cli.run(args.toArray(String[]::new));
        assertEquals(run.toString(), 0, run.exitCode());
        JsonObject user = run.json().getAsJsonObject("account").getAsJsonArray("user").get(0).getAsJsonObject();
        assertEquals(AWKWARD, user.get("firstname").getAsString());
        assertEquals(AWKWARD, user.get("lastname").getAsString());
        assertEquals(name + "+a/b=c,d;e*f~g@example.org", user.get("email").getAsString());
        return run;
    }
}
