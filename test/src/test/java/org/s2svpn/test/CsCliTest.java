package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The real python3-cs CLI, /usr/bin/cloudstack, against a test server: GET, --post, async polling and a bad secret. */
public class CsCliTest {
    private static final Path CLI = Path.of("/usr/bin/cloudstack");
    private static final String AWKWARD = "Zoë a+b/c=d,e;f*g~h [x]";

    private static TestServer server;
    private static Map<String, String> keys;

    /** What the CLI did: exit code, stdout (the JSON) and stderr. */
    private record Run(int exitCode, String stdout, String stderr) {
        JsonObject json() {
            return JsonParser.parseString(stdout).getAsJsonObject();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    @BeforeClass
    public static void startServer() throws Exception {
        assertTrue(CLI + " is missing: install the python3-cs CLI with `apt-get install -y cs python3-cs` (./test.sh does)",
                Files.isExecutable(CLI));
        server = TestServer.start("h2");
        keys = TestServer.readKeys(server.dataDir().resolve("admin.keys"));
    }

    @AfterClass
    public static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void listApisPrintsEveryCommand() throws Exception {
        Run run = cloudstack(keys.get("secretkey"), "listApis");
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
        Run run = assertAccountCreated("--post", "--trace");
        assertTrue("the CLI traces the request it sent: " + run, run.stderr().startsWith("POST " + server.admin().endpoint()));
    }

    @Test
    public void asyncCommandIsPolledToItsResult() throws Exception {
        String name = ApiWireTest.unique("cli-gone");
        server.newAccount(name, 0, null);
        String id = server.admin().call("listAccounts", "name", name).inner().getAsJsonArray("account").get(0).getAsJsonObject()
                .get("id").getAsString();
        Run run = cloudstack(keys.get("secretkey"), "deleteAccount", "id=" + id);
        assertEquals(run.toString(), 0, run.exitCode());
        assertEquals(run.toString(), JsonParser.parseString("{\"success\": true}"), run.json());
        assertFalse(server.admin().call("listAccounts", "name", name).inner().has("account"));
    }

    @Test
    public void badSecretExitsWith1() throws Exception {
        Run run = cloudstack(keys.get("secretkey") + "x", "listZones");
        assertEquals(run.toString(), 1, run.exitCode());
        assertEquals(run.toString(), 401, run.json().getAsJsonObject("listzonesresponse").get("errorcode").getAsInt());
    }

    /** createAccount through the CLI (flags first) with awkward free-text fields, which must come back unchanged. */
    private static Run assertAccountCreated(String... flags) throws Exception {
        String name = ApiWireTest.unique("cli");
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("createAccount", "username=" + name, "password=pw " + AWKWARD, "account=" + name, "accounttype=0",
                "firstname=" + AWKWARD, "lastname=" + AWKWARD, "email=" + name + "+a/b=c,d;e*f~g@example.org"));
        Run run = cloudstack(keys.get("secretkey"), args.toArray(String[]::new));
        assertEquals(run.toString(), 0, run.exitCode());
        JsonObject user = run.json().getAsJsonObject("account").getAsJsonArray("user").get(0).getAsJsonObject();
        assertEquals(AWKWARD, user.get("firstname").getAsString());
        assertEquals(AWKWARD, user.get("lastname").getAsString());
        assertEquals(name + "+a/b=c,d;e*f~g@example.org", user.get("email").getAsString());
        return run;
    }

    /** Runs `timeout 60 /usr/bin/cloudstack args...` with the endpoint and keys in the environment only. */
    private static Run cloudstack(String secret, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("timeout", "60", CLI.toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("cs-out", ".json");
        Path stderr = Files.createTempFile("cs-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .directory(server.dataDir().toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("CLOUDSTACK_"));
            env.put("CLOUDSTACK_ENDPOINT", server.admin().endpoint());
            env.put("CLOUDSTACK_KEY", keys.get("apikey"));
            env.put("CLOUDSTACK_SECRET", secret);
            env.put("NO_PROXY", "127.0.0.1");
            int exitCode = builder.start().waitFor();
            return new Run(exitCode, Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
