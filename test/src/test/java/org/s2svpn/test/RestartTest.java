package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.Test;

/** What survives a restart, and what a killed process leaves behind: kept keys, and jobs failed rather than left pending. */
public class RestartTest {

    @Test
    public void adminKeysAreWrittenOwnerOnlyAndKeptAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-restart-");
        TestDatabase database = TestDatabase.create("h2", dataDir);
        TestServer first = TestServer.start(database, dataDir);
        Path keys = dataDir.resolve("admin.keys");
        String before = Files.readString(keys);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertTrue(before, before.matches("(?s)apikey=\\S+\nsecretkey=\\S+\n.*"));
        first.stop();

        try (TestServer second = TestServer.start(database, dataDir)) {
            assertEquals(before, Files.readString(keys));
            assertEquals(200, second.admin().call("listZones").status());
            assertEquals(1, second.admin().call("listDomains").inner().get("count").getAsInt());
        }
    }

    @Test
    public void jobLeftRunningByAKilledServerIsFailedAtTheNextStart() throws Exception {
        Path dataDir = Files.createTempDirectory("s2svpn-kill-");
        TestDatabase database = TestDatabase.create("mariadb", dataDir);
        try {
            String jobId;
            String accountId;
            try (ServerProcess server = ServerProcess.start(dataDir, database)) {
                ApiClient admin = server.admin();
                String name = "victim-" + System.nanoTime();
                JsonObject account = admin.call("createAccount", "username", name, "password", "pw", "account", name, "accounttype", "0")
                        .inner().getAsJsonObject("account");
                accountId = account.get("id").getAsString();
                // hold the account's user rows, so that the deleteAccount job blocks inside its transaction
                try (Connection lock = DriverManager.getConnection(database.config().url(), database.config().username(),
                        database.config().password())) {
                    lock.setAutoCommit(false);
                    try (PreparedStatement s = lock.prepareStatement(
                            "SELECT u.id FROM user u JOIN account a ON a.id = u.account_id WHERE a.uuid = ? FOR UPDATE")) {
                        s.setString(1, accountId);
                        s.executeQuery().close();
                    }
                    jobId = admin.call("deleteAccount", "id", accountId).inner().get("jobid").getAsString();
                    ApiClient.sleep(1000);
                    assertEquals(0, admin.call("queryAsyncJobResult", "jobid", jobId).inner().get("jobstatus").getAsInt());
                    server.kill();
                    lock.rollback();
                }
            }
            try (ServerProcess restarted = ServerProcess.start(dataDir, database)) {
                ApiClient admin = restarted.admin();
                JsonObject job = admin.call("queryAsyncJobResult", "jobid", jobId).inner();
                assertEquals(job.toString(), 2, job.get("jobstatus").getAsInt());
                assertEquals(530, job.get("jobresultcode").getAsInt());
                assertTrue(job.toString(), job.getAsJsonObject("jobresult").get("errortext").getAsString().contains("stopped before it finished"));
                // nothing was half-applied: the account and its user are still there
                JsonObject accounts = admin.call("listAccounts", "id", accountId).inner();
                assertEquals(1, accounts.get("count").getAsInt());
                assertEquals(1, accounts.getAsJsonArray("account").get(0).getAsJsonObject().getAsJsonArray("user").size());
                // and the same command now runs to the end
                assertEquals(1, admin.waitForJob(admin.call("deleteAccount", "id", accountId).inner().get("jobid").getAsString())
                        .get("jobstatus").getAsInt());
            }
        } finally {
            database.drop();
        }
    }
}
