package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The network node's own test scripts (systemvm-patches/test), run on this machine as root, as part of the suite. */
public class NodeScriptsTest {
    private static final Path SCRIPTS = Path.of("..", "systemvm-patches", "test");

    @Test
    public void routerNamespacesRouteRebootAndLeaveNothingBehind() throws Exception {
        assertScriptPasses("router-test.sh");
    }

    @Test
    public void s2sApplyAndStatusBringRealTunnelsUpAndDown() throws Exception {
        assertScriptPasses("s2s-test.sh");
    }

    private static void assertScriptPasses(String script) throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPTS.resolve(script).toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script + " did not finish within 10 minutes", p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(output, 0, p.exitValue());
        assertTrue(output, output.strip().lines().reduce((a, b) -> b).orElse("").matches("[0-9]+ passed, 0 failed"));
    }
}
