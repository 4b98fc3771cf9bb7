package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * go-cloudstack 2.9.0, the library under Terraform's CloudStack provider (Debian golang-github-xanzy-go-cloudstack-dev),
 * runs the site-to-site VPN use case against a server on simulated routers, on H2 and on MariaDB: src/test/go/gocloudstack, built offline into
 * target/go-cloudstack (its build cache stays there, so a rebuild takes a second). The program decodes every answer
 * into the library's structs and checks the values, so a JSON type the library does not expect fails it.
 */
@RunWith(Parameterized.class)
public class GoCloudstackTest {
    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    static final Path SOURCE = Path.of("src", "test", "go", "gocloudstack");
    static final Path LIBRARY = Path.of("/usr/share/gocode/src/github.com/xanzy/go-cloudstack/cloudstack");
    static final Path WORK = Path.of("target", "go-cloudstack").toAbsolutePath();
    private static Path binary;

    private final String database;

    public GoCloudstackTest(String database) {
        this.database = database;
    }

    @Test
    public void theVpnUseCaseAndItsErrorsDecodeIntoTheLibrarysStructs() throws Exception {
        if (binary == null) {
            binary = build();
        }
        try (TestServer server = TestServer.start(database)) {
            ApiClient admin = server.admin();
            String zone = ok(admin, "listZones").getAsJsonArray("zone").get(0).getAsJsonObject().get("id").getAsString();
            ok(admin, "createVlanIpRange", "zoneid", zone, "gateway", "203.0.113.1", "netmask", "255.255.255.0", "startip", "203.0.113.10",
                    "endip", "203.0.113.99");
            Map<String, String> keys = TestServer.readKeys(server.dataDir().resolve("admin.keys"));

            Path log = WORK.resolve("run-" + database + ".log");
            ProcessBuilder builder = new ProcessBuilder(binary.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CLOUDSTACK_API_URL", admin.endpoint());
            builder.environment().put("CLOUDSTACK_API_KEY", keys.get("apikey"));
            builder.environment().put("CLOUDSTACK_SECRET_KEY", keys.get("secretkey"));
            builder.environment().put("NO_PROXY", "127.0.0.1");
            Process run = builder.start();
            boolean ended = run.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                run.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print("go-cloudstack against a server on " + database + ":\n" + output);
            assertTrue("the go-cloudstack program did not end within 180 s:\n" + output, ended);
            assertEquals("go-cloudstack program failed:\n" + output, 0, run.exitValue());
            List<String> lines = output.strip().lines().toList();
            assertEquals(output, "ok", lines.get(lines.size() - 1));
        }
    }

    /** go build, offline in module mode; GOCACHE and GOPATH are under target, nothing goes to $HOME. */
    static Path build() throws IOException, InterruptedException {
        Path go = goBinary();
        if (!Files.isDirectory(LIBRARY)) {
            throw new AssertionError(LIBRARY + " is missing: install go-cloudstack with "
                    + "`apt-get install -y golang-github-xanzy-go-cloudstack-dev` (scripts/test-deps.sh, run by ./test.sh, does)");
        }
        // The sources are copied, so that -mod=mod can never touch go.mod in the working tree.
        Path src = WORK.resolve("src");
        Files.createDirectories(src);
        for (String name : List.of("go.mod", "main.go")) {
            byte[] content = Files.readAllBytes(SOURCE.resolve(name));
            Path copy = src.resolve(name);
            if (!Files.exists(copy) || !java.util.Arrays.equals(content, Files.readAllBytes(copy))) {
                Files.write(copy, content);
            }
        }
        Path output = WORK.resolve("gocloudstack");
        Path log = WORK.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(go.toString(), "build", "-o", output.toString(), ".").directory(src.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GO"));
        env.put("GO111MODULE", "on");
        env.put("GOPROXY", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOENV", "off");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOTELEMETRY", "off");
        env.put("GOCACHE", WORK.resolve("cache").toString());
        env.put("GOPATH", WORK.resolve("gopath").toString());
        env.put("CGO_ENABLED", "0");
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("go build did not end within 300 s: " + Files.readString(log));
        }
        assertEquals("go build failed:\n" + Files.readString(log), 0, p.exitValue());
        System.out.printf("go build: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return output;
    }

    static Path goBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/lib/go/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
                return Path.of(dir, "go");
            }
        }
        throw new AssertionError("the go command is missing: install Go and go-cloudstack with "
                + "`apt-get install -y golang-go golang-github-xanzy-go-cloudstack-dev` (scripts/test-deps.sh, run by ./test.sh, does)");
    }

    private static com.google.gson.JsonObject ok(ApiClient admin, String command, String... params) {
        ApiClient.Answer answer = admin.call(command, params);
        assertEquals(answer.body(), 200, answer.status());
        return answer.inner();
    }
}
