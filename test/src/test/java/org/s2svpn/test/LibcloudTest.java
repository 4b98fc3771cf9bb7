package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Apache Libcloud 3.4.1's CloudStack driver (Debian python3-libcloud) runs the site-to-site VPN use case against the
 * server on simulated routers: ex_create_vpc, the customer gateway (a name and PSK with a space and + / = , ; * ~),
 * VPN gateway and connection, the ex_list_* calls with every field the driver reads, a 431 parameter error and a failed
 * job, and the deletes.
 * The script is test resource clients/libcloud-use-case.py.
 */
@RunWith(Parameterized.class)
public class LibcloudTest {
    static final String PYTHON = "/usr/bin/python3";

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final String database;

    public LibcloudTest(String database) {
        this.database = database;
    }

    @Test
    public void theUseCaseRunsThroughLibcloudsCloudStackDriver() throws Exception {
        ClientScripts.Run installed = ClientScripts.run(List.of(PYTHON, "-c", "import libcloud; print(libcloud.__version__)"), Map.of(), 60);
        assertEquals("Debian's python3-libcloud is missing from " + PYTHON + " (scripts/test-deps.sh installs it, as root): " + installed,
                0, installed.exitCode());
        try (TestServer server = TestServer.start(database)) {
            ClientScripts.givePublicRange(server);
            Path script = ClientScripts.script("libcloud-use-case.py");
            ClientScripts.Run run = ClientScripts.run(List.of(PYTHON, script.toString()),
                    ClientScripts.adminEnvironment(server, ClientScripts.ODD_NAME + database, ClientScripts.ODD_PSK, "10.1.0.0/16"), 300);
            assertEquals(run.toString(), 0, run.exitCode());
            assertEquals(run.toString(), "ok libcloud " + installed.output().strip(), run.lastLine());
            assertTrue(run.toString(), run.output().contains("431: cidrlist") && run.output().contains("failed job: Unable to delete VPN gateway"));
        }
    }
}
