package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * {@code s2svpn.jar setup-databases} creates the schema on the database named in DIR/server.properties, as CloudStack's
 * does, and the key that encrypts the secrets kept in that database, outside it.
 */
public class SetupDatabasesTest {

    @Test
    public void setupDatabasesMigratesTheConfiguredMariaDbAndIsIdempotent() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-setup-");
        TestDatabase database = TestDatabase.create("mariadb", dataDir);
        try {
            Files.writeString(dataDir.resolve("server.properties"), "db.url=" + database.config().url() + "\ndb.username="
                    + database.config().username() + "\ndb.password=" + database.config().password() + "\n");
            String first = setupDatabases(dataDir);
            assertTrue(first, first.contains("migration(s) applied") && !first.contains("(0 migration(s) applied)"));
            try (Connection c = DriverManager.getConnection(database.config().url(), database.config().username(),
                    database.config().password()); ResultSet tables = c.getMetaData().getTables(database.mysqlName(), null, "%", null)) {
                List<String> names = new java.util.ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME"));
                }
                assertTrue(names.toString(), names.containsAll(List.of("account", "user", "domain", "async_job", "configuration", "event")));
            }
            Path key = dataDir.resolve("key");
            assertTrue(first, first.contains("encryption key of the secrets in the database: " + key));
            assertEquals("the key file is the owner's alone", "rw-------",
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            String created = Files.readString(key);
            String second = setupDatabases(dataDir);
            assertTrue(second, second.contains("(0 migration(s) applied)"));
            assertEquals("a second setup keeps the key", created, Files.readString(key));
        } finally {
            database.drop();
        }
    }

    private static String setupDatabases(Path dataDir) throws Exception {
        Path jar = Path.of(System.getProperty("s2svpn.jar", "../client/target/s2svpn.jar"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "setup-databases", "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue("setup-databases did not finish", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(output, 0, p.exitValue());
        return output;
    }
}
