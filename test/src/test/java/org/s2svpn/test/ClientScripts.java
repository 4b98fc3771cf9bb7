package org.s2svpn.test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real third-party clients' scripts (test resources under clients/) against a test server: the endpoint,
 * the keys and the values to use go in the environment (S2S_URL, S2S_KEY, S2S_SECRET, S2S_NAME, S2S_PSK, S2S_CIDR).
 */
final class ClientScripts {
    /** A name and a PSK with a space and every one of + / = , ; * ~ , which each client must carry unchanged. */
    static final String ODD_NAME = "branch office +/=,;*~ ";
    static final String ODD_PSK = "s3cr*t~ a+b/c=d,e;f";

    /** What a script did: exit code and its output (stdout and stderr together). */
    record Run(int exitCode, String output) {
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", output:\n" + output;
        }
    }

    private ClientScripts() {
    }

    /** The path of a script under the test resources' clients/ folder. */
    static Path script(String name) {
        URL url = ClientScripts.class.getResource("/clients/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource clients/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives the server's zone a public IP range (VPC routers and VPN gateways take their addresses from it). */
    static void givePublicRange(TestServer server) {
        ApiClient admin = server.admin();
        ApiClient.Answer zones = admin.call("listZones");
        if (zones.status() != 200) {
            throw new AssertionError("listZones: " + zones.body());
        }
        String zone = zones.inner().getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
        ApiClient.Answer range = admin.call("createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0",
                "startip", "203.0.113.10", "endip", "203.0.113.99");
        if (range.status() != 200) {
            throw new AssertionError("createVlanIpRange: " + range.body());
        }
    }

    /** The environment a script needs for the server's admin, with the given name, PSK and VPC CIDR. */
    static Map<String, String> adminEnvironment(TestServer server, String name, String psk, String cidr) throws IOException {
        Map<String, String> keys = TestServer.readKeys(server.dataDir().resolve("admin.keys"));
        return Map.of("S2S_URL", server.admin().endpoint(), "S2S_KEY", keys.get("apikey"), "S2S_SECRET", keys.get("secretkey"),
                "S2S_NAME", name, "S2S_PSK", psk, "S2S_CIDR", cidr);
    }

    /** Runs command with the given environment added, within the timeout; a script still running then is killed and fails. */
    static Run run(List<String> command, Map<String, String> environment, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("client-script", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("NO_PROXY", "127.0.0.1");
            builder.environment().put("no_proxy", "127.0.0.1");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " still ran after " + timeoutSeconds + " s; output:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
