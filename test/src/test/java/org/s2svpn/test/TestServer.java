package org.s2svpn.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.s2svpn.client.ManagementServer;
import org.s2svpn.client.ServerConfig;

/** A management server started in this JVM on a free port, with its own data directory and database. */
public final class TestServer implements AutoCloseable {
    private final TestDatabase database;
    private final Path dataDir;
    private final ManagementServer server;
    private final ApiClient admin;

    private TestServer(TestDatabase database, Path dataDir, ManagementServer server, ApiClient admin) {
        this.database = database;
        this.dataDir = dataDir;
        this.server = server;
        this.admin = admin;
    }

    public static TestServer start(String databaseKind) throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-test-");
        TestDatabase database = TestDatabase.create(databaseKind, dataDir);
        return start(database, dataDir);
    }

    /** Starts a server on an existing data directory and database, as a restart does. */
    public static TestServer start(TestDatabase database, Path dataDir) throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, database.config(), 8, dataDir.resolve("key"));
        ManagementServer server = new ManagementServer(config).start();
        Map<String, String> keys = readKeys(dataDir.resolve("admin.keys"));
        ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port() + "/client/api", keys.get("apikey"), keys.get("secretkey"));
        return new TestServer(database, dataDir, server, admin);
    }

    static Map<String, String> readKeys(Path file) throws java.io.IOException {
        Map<String, String> keys = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }

    /** Creates an account with one user (accounttype 0 user, 2 domain admin) and returns a client with that user's keys. */
    public ApiClient newAccount(String name, int accountType, String domainId) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("username", name, "password", "pw-" + name,
                "account", name, "accounttype", String.valueOf(accountType), "firstname", name, "lastname", "test", "email", name + "@example.org"));
        if (domainId != null) {
            args.addAll(java.util.List.of("domainid", domainId));
        }
        ApiClient.Answer created = admin.call("createAccount", args.toArray(String[]::new));
        if (created.status() != 200) {
            throw new AssertionError("createAccount failed: " + created.body());
        }
        String userId = created.inner().getAsJsonObject("account").getAsJsonArray("user").get(0).getAsJsonObject().get("id").getAsString();
        var keys = admin.call("registerUserKeys", "id", userId).inner().getAsJsonObject("userkeys");
        return admin.withKeys(keys.get("apikey").getAsString(), keys.get("secretkey").getAsString());
    }

    public ApiClient admin() {
        return admin;
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    public int port() {
        return server.port();
    }

    public <T> T component(Class<T> type) {
        return server.component(type);
    }

    /** Stops the server, keeping its data directory and database (for restarts). */
    public void stop() throws Exception {
        server.close();
    }

    @Override
    public void close() throws Exception {
        server.close();
        database.drop();
    }
}
