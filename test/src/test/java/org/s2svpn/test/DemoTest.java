package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** `java -jar s2svpn.jar demo`, as the README says: the use case start to end, with each step printed. */
public class DemoTest {

    @Test
    public void demoConnectsPassesTrafficCountsBytesAndCleansUp() throws Exception {
        Path jar = Path.of(System.getProperty("s2svpn.jar", "../client/target/s2svpn.jar"));
        Path dataDir = Files.createTempDirectory("s2svpn-demo-test-");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "demo",
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the demo did not finish in 5 minutes", p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(output, 0, p.exitValue());
        assertTrue(output, output.contains("==> connection Connected"));
        assertTrue(output, output.contains("passed through the tunnel"));
        assertTrue(output, output.matches("(?s).*usage: [1-9][0-9]* bytes sent, [1-9][0-9]* bytes received.*"));
        assertTrue(output, output.contains("==> reset: connection Connected again"));
        assertTrue(output, output.contains("final state: Connected, then deleted"));
        assertTrue("no demo namespace is left", !TestNetwork.namespaceExists("demo-vm") && !TestNetwork.namespaceExists("demo-host")
                && !TestNetwork.namespaceExists("demo-branch"));
        assertTrue("no demo bridge is left", !TestNetwork.linkExists("s2sdemo-pub") && !TestNetwork.linkExists("s2sdemo-lan"));
    }
}
