package org.s2svpn.test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Debian's real `cloudstack` CLI (python3-cs), configured through the environment only, as a user runs it. */
public final class CsCli {
    static final Path CLI = Path.of("/usr/bin/cloudstack");

    /** What the CLI did: exit code, stdout (the JSON) and stderr. */
    public record Run(int exitCode, String stdout, String stderr) {
        /** The printed JSON; the CLI prints nothing for an empty list answer ({}). */
        public JsonObject json() {
            return stdout.isBlank() ? new JsonObject() : JsonParser.parseString(stdout).getAsJsonObject();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private final String endpoint;
    private final String apiKey;
    private final String secretKey;

    public CsCli(String endpoint, String apiKey, String secretKey) {
        if (!Files.isExecutable(CLI)) {
            throw new AssertionError(CLI + " is missing: install the python3-cs CLI with `apt-get install -y cs python3-cs` (./test.sh does)");
        }
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
    }

    /** The CLI with the admin keys of a test server. */
    public static CsCli admin(TestServer server) throws IOException {
        Map<String, String> keys = TestServer.readKeys(server.dataDir().resolve("admin.keys"));
        return new CsCli(server.admin().endpoint(), keys.get("apikey"), keys.get("secretkey"));
    }

    public CsCli withSecret(String secret) {
        return new CsCli(endpoint, apiKey, secret);
    }

    /** Runs `timeout 60 /usr/bin/cloudstack args...`. */
    public Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("timeout", "60", CLI.toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("cs-out", ".json");
        Path stderr = Files.createTempFile("cs-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("CLOUDSTACK_"));
            env.put("CLOUDSTACK_ENDPOINT", endpoint);
            env.put("CLOUDSTACK_KEY", apiKey);
            env.put("CLOUDSTACK_SECRET", secretKey);
            env.put("NO_PROXY", "127.0.0.1");
            int exitCode = builder.start().waitFor();
            return new Run(exitCode, Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
