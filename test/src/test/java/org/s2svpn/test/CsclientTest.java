package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * csclient 0.6.4 (npm) in singleExecutor mode, which reads listApis first and polls the jobs of every command listed
 * with isasync true, runs the use case: VPC, customer gateway (a name and PSK with a space and + / = , ; * ~), VPN
 * gateway, connection, the lists, a reset, a 431 parameter error and a failed job, and the deletes.
 * The script is test resource clients/csclient-use-case.js; csclient comes from where scripts/test-deps.sh installs it.
 */
@RunWith(Parameterized.class)
public class CsclientTest {
    /** scripts/test-deps.sh installs csclient here; S2SVPN_NPM_DIR points elsewhere. */
    static final Path NPM_DIR = Path.of(System.getenv().getOrDefault("S2SVPN_NPM_DIR", "/var/cache/s2svpn/npm"));

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final String database;

    public CsclientTest(String database) {
        this.database = database;
    }

    @Test
    public void theUseCaseRunsThroughCsclientInSingleExecutorMode() throws Exception {
        Path modules = NPM_DIR.resolve("node_modules");
        String manifest = Files.exists(modules.resolve("csclient/package.json")) ? Files.readString(modules.resolve("csclient/package.json")) : "";
        assertTrue("csclient 0.6.4 is missing from " + modules + ": run scripts/test-deps.sh (as root; ./test.sh does), which installs it"
                + " with npm", manifest.contains("\"version\": \"0.6.4\""));
        try (TestServer server = TestServer.start(database)) {
            ClientScripts.givePublicRange(server);
            Map<String, String> env = new HashMap<>(ClientScripts.adminEnvironment(server, ClientScripts.ODD_NAME + database,
                    ClientScripts.ODD_PSK, "10.2.0.0/16"));
            env.put("NODE_PATH", modules.toString());
            ClientScripts.Run run = ClientScripts.run(List.of("node", ClientScripts.script("csclient-use-case.js").toString()), env, 300);
            assertEquals(run.toString(), 0, run.exitCode());
            assertEquals(run.toString(), "ok csclient 0.6.4", run.lastLine());
            assertTrue(run.toString(), run.output().contains("431: cidrlist") && run.output().contains("431 from the job: Unable to delete VPN gateway"));
        }
    }
}
