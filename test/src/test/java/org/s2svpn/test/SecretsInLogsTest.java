package org.s2svpn.test;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/** One log line per API call, and no secret in any of them: passwords, secret keys, signatures, session keys. */
public class SecretsInLogsTest {

    @Test
    public void apiCallsAreLoggedWithEverySecretMasked() throws Exception {
        List<String> secrets = new java.util.ArrayList<>();
        try (TestServer server = TestServer.start("h2")) {
            ApiClient admin = server.admin();
            String password = "Pw-Secret-" + System.nanoTime();
            String account = "logged-" + System.nanoTime();
            secrets.add(password);
            admin.post("createAccount", "username", account, "password", password, "account", account, "accounttype", "0");
            ApiClient.Answer login = admin.sendRaw("POST", "command=login&response=json&username=" + account + "&password=" + password);
            String sessionKey = login.json().getAsJsonObject("loginresponse").get("sessionkey").getAsString();
            secrets.add(sessionKey);
            admin.sendRaw("GET", "command=listZones&response=json&sessionkey=" + sessionKey);
            String userId = admin.call("listUsers", "username", account).inner().getAsJsonArray("user").get(0).getAsJsonObject()
                    .get("id").getAsString();
            var keys = admin.call("registerUserKeys", "id", userId).inner().getAsJsonObject("userkeys");
            secrets.add(keys.get("secretkey").getAsString());
            var signed = admin.signed("listZones");
            secrets.add(signed.get("signature"));
            admin.send("GET", signed);
            secrets.add(TestServer.readKeys(server.dataDir().resolve("admin.keys")).get("secretkey"));
        }
        String log = Files.readString(Path.of("target/s2svpn-test.log"));
        for (String secret : secrets) {
            assertFalse("a secret reached the log: " + secret, log.contains(secret));
        }
        assertTrue("createAccount is logged with its password masked", log.contains("command=createAccount") && log.contains("password=*****"));
        assertTrue("session calls are logged with the key masked", log.contains("sessionkey=*****"));
        assertTrue("signatures are masked", log.contains("signature=*****"));
    }
}
