package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * CloudStack's ownership rule over real HTTP, on H2 and on MariaDB: a user sees and acts on its own account only, a
 * domain admin on its domain subtree, a root admin on everything. Every test builds its own domains and accounts
 * on the shared server, so tests do not depend on one another's order:
 * <pre>
 * ROOT (admin)
 * ├── D1: A, B (users), DA1 (domain admin)
 * │   └── D1a: E (user)
 * └── D2: C (user)
 * </pre>
 */
@RunWith(Parameterized.class)
public class AccountIsolationTest {
    private static final ServersByDatabase SERVERS = new ServersByDatabase();
    private static final String NO_SUCH_UUID = "00000000-0000-0000-0000-000000000000";

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    /** An account with one user, and a client signed with that user's keys. */
    private record Party(String name, String accountId, String userId, ApiClient api) {
    }

    private final TestServer server;
    private final ApiClient admin;
    private String root;
    private String d1;
    private String d1a;
    private String d2;
    private String d1Name;
    private String d1aName;
    private Party a;
    private Party b;
    private Party c;
    private Party e;
    private Party da1;
    private String adminAccountId;
    private String adminUserId;

    public AccountIsolationTest(String database) {
        server = SERVERS.get(database);
        admin = server.admin();
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    @Before
    public void createDomainsAndAccounts() {
        JsonObject rootDomain = single(admin.call("listDomains", "name", "ROOT"), "domain");
        root = rootDomain.get("id").getAsString();
        JsonObject adminAccount = single(admin.call("listAccounts", "name", "admin", "domainid", root), "account");
        adminAccountId = adminAccount.get("id").getAsString();
        adminUserId = adminAccount.getAsJsonArray("user").get(0).getAsJsonObject().get("id").getAsString();

        // D2's name matches D1's as an unescaped LIKE pattern ('_' is any one character): subtree queries must escape it
        String suffix = Long.toHexString(System.nanoTime());
        d1Name = "D_" + suffix;
        d1aName = "D1a" + suffix;
        d1 = createDomain(d1Name, null);
        d2 = createDomain("DX" + suffix, null);
        d1a = createDomain(d1aName, d1);

        a = party("a" + suffix, 0, d1);
        b = party("b" + suffix, 0, d1);
        c = party("c" + suffix, 0, d2);
        e = party("e" + suffix, 0, d1a);
        da1 = party("da1" + suffix, 2, d1);
    }

    @Test
    public void userSeesOnlyItsOwnAccountInListAccounts() {
        assertEquals(Set.of(a.accountId()), ids(a.api().call("listAccounts"), "account"));
        assertEquals(Set.of(a.accountId()), ids(a.api().call("listAccounts", "listall", "true"), "account"));
        assertEquals(Set.of(a.accountId()), ids(a.api().call("listAccounts", "domainid", d1, "isrecursive", "true"), "account"));

        assertEmpty(a.api().call("listAccounts", "id", b.accountId()));
        assertEmpty(a.api().call("listAccounts", "id", b.accountId(), "listall", "true"));
        assertEmpty(a.api().call("listAccounts", "name", b.name()));
        assertEmpty(a.api().call("listAccounts", "name", b.name(), "listall", "true"));
        assertEmpty(a.api().call("listAccounts", "id", c.accountId()));
        assertEmpty(a.api().call("listAccounts", "id", adminAccountId));

        assertDenied(a.api().call("listAccounts", "account", b.name(), "domainid", d1));
        assertDenied(a.api().call("listAccounts", "account", b.name()));
        assertDenied(a.api().call("listAccounts", "account", c.name(), "domainid", d2));
        assertDenied(a.api().call("listAccounts", "domainid", d2));
        assertDenied(a.api().call("listAccounts", "domainid", d1a));
        assertDenied(a.api().call("listAccounts", "domainid", root));

        assertEquals(Set.of(a.accountId()), ids(a.api().call("listAccounts", "account", a.name(), "domainid", d1), "account"));
    }

    @Test
    public void userSeesOnlyItsOwnUsersInListUsers() {
        assertEquals(Set.of(a.userId()), ids(a.api().call("listUsers"), "user"));
        assertEquals(Set.of(a.userId()), ids(a.api().call("listUsers", "listall", "true"), "user"));

        assertEmpty(a.api().call("listUsers", "id", b.userId()));
        assertEmpty(a.api().call("listUsers", "id", b.userId(), "listall", "true"));
        assertEmpty(a.api().call("listUsers", "username", b.name()));
        assertEmpty(a.api().call("listUsers", "username", b.name(), "listall", "true"));
        assertEmpty(a.api().call("listUsers", "id", c.userId()));
        assertEmpty(a.api().call("listUsers", "id", adminUserId));

        assertDenied(a.api().call("listUsers", "account", b.name(), "domainid", d1));
        assertDenied(a.api().call("listUsers", "account", c.name(), "domainid", d2));
        assertDenied(a.api().call("listUsers", "domainid", d2));
    }

    @Test
    public void userCannotRegisterKeysOfAnotherUser() {
        assertDenied(a.api().call("registerUserKeys", "id", b.userId()));
        assertDenied(a.api().call("registerUserKeys", "id", c.userId()));
        assertDenied(a.api().call("registerUserKeys", "id", adminUserId));
        assertDenied(a.api().call("registerUserKeys", "id", da1.userId()));
        assertUnknownId(a.api().call("registerUserKeys", "id", NO_SUCH_UUID));
        // B's keys were not replaced
        assertEquals(200, b.api().call("listAccounts").status());
        assertEquals(200, admin.call("listAccounts").status());

        // a user may replace its own keys; the old ones stop working at once
        JsonObject keys = ok(a.api().call("registerUserKeys", "id", a.userId())).getAsJsonObject("userkeys");
        ApiClient renewed = a.api().withKeys(keys.get("apikey").getAsString(), keys.get("secretkey").getAsString());
        assertEquals(Set.of(a.accountId()), ids(renewed.call("listAccounts"), "account"));
        assertEquals(401, a.api().call("listAccounts").status());
    }

    @Test
    public void asyncJobIsVisibleToItsOwnerAndAdminsAboveOnly() {
        Party doomed = party("t" + Long.toHexString(System.nanoTime()), 0, d1);
        Party da2 = party("da2" + Long.toHexString(System.nanoTime()), 2, d2);
        String jobId = ok(da1.api().call("deleteAccount", "id", doomed.accountId())).get("jobid").getAsString();
        JsonObject job = da1.api().waitForJob(jobId);
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        assertEquals(da1.accountId(), job.get("accountid").getAsString());

        for (Party outsider : List.of(a, b, c, e, da2)) {
            assertDenied(outsider.api().call("queryAsyncJobResult", "jobid", jobId));
            assertFalse(outsider.name(), jobIds(outsider.api().call("listAsyncJobs")).contains(jobId));
            assertFalse(outsider.name(), jobIds(outsider.api().call("listAsyncJobs", "listall", "true")).contains(jobId));
        }
        assertUnknownId(a.api().call("queryAsyncJobResult", "jobid", NO_SUCH_UUID));

        assertTrue(jobIds(da1.api().call("listAsyncJobs")).contains(jobId));
        assertEquals(jobId, ok(admin.call("queryAsyncJobResult", "jobid", jobId)).get("jobid").getAsString());
        assertTrue(jobIds(admin.call("listAsyncJobs", "listall", "true")).contains(jobId));
    }

    @Test
    public void userListDomainsShowsOnlyItsOwnDomain() {
        assertEquals(Set.of(d1), ids(a.api().call("listDomains"), "domain"));
        assertEquals(Set.of(d1), ids(a.api().call("listDomains", "listall", "true"), "domain"));
        assertEquals(Set.of(d1), ids(a.api().call("listDomains", "id", d1), "domain"));
        assertEmpty(a.api().call("listDomains", "id", d2));
        assertEmpty(a.api().call("listDomains", "id", d1a));
        assertEmpty(a.api().call("listDomains", "id", root));
        assertEmpty(a.api().call("listDomains", "name", "ROOT", "listall", "true"));

        assertEquals(Set.of(d1, d1a), ids(da1.api().call("listDomains", "listall", "true"), "domain"));
        assertEmpty(da1.api().call("listDomains", "id", d2));
        assertEmpty(da1.api().call("listDomains", "id", root));
    }

    @Test
    public void domainAdminSeesItsSubtreeButNotOtherDomainsNorTheRootAdmin() {
        Set<String> subtreeAccounts = Set.of(da1.accountId(), a.accountId(), b.accountId(), e.accountId());
        assertEquals(subtreeAccounts, ids(da1.api().call("listAccounts", "listall", "true"), "account"));
        assertTrue(subtreeAccounts.containsAll(ids(da1.api().call("listAccounts"), "account")));
        assertEquals(Set.of(e.accountId()), ids(da1.api().call("listAccounts", "account", e.name(), "domainid", d1a), "account"));
        assertEquals(Set.of(da1.userId(), a.userId(), b.userId(), e.userId()), ids(da1.api().call("listUsers", "listall", "true"), "user"));

        assertEmpty(da1.api().call("listAccounts", "id", c.accountId()));
        assertEmpty(da1.api().call("listAccounts", "id", adminAccountId));
        assertEmpty(da1.api().call("listAccounts", "name", "admin", "listall", "true"));
        assertEmpty(da1.api().call("listUsers", "id", c.userId()));
        assertEmpty(da1.api().call("listUsers", "id", adminUserId));
        assertEmpty(da1.api().call("listUsers", "username", "admin", "listall", "true"));

        assertDenied(da1.api().call("listAccounts", "account", c.name(), "domainid", d2));
        assertDenied(da1.api().call("listAccounts", "domainid", d2));
        assertDenied(da1.api().call("listAccounts", "account", "admin", "domainid", root));
        assertDenied(da1.api().call("listAccounts", "domainid", root, "isrecursive", "true"));
        assertDenied(da1.api().call("listUsers", "account", c.name(), "domainid", d2));
        assertDenied(da1.api().call("registerUserKeys", "id", c.userId()));
        assertDenied(da1.api().call("registerUserKeys", "id", adminUserId));
        assertEquals(200, c.api().call("listAccounts").status());
    }

    @Test
    public void domainAdminCannotCreateAnAccountOutsideItsSubtreeNorARootAdmin() {
        String suffix = Long.toHexString(System.nanoTime());
        assertDenied(da1.api().call("createAccount", newAccount("x" + suffix, 0, d2)));
        assertDenied(da1.api().call("createAccount", newAccount("y" + suffix, 0, root)));
        assertDenied(da1.api().call("createAccount", newAccount("z" + suffix, 1, null)));
        assertDenied(da1.api().call("createAccount", newAccount("w" + suffix, 1, d1)));
        assertDenied(da1.api().call("createAccount", newAccount("r" + suffix, 3, d1)));
        for (String name : List.of("x", "y", "z", "w", "r")) {
            assertEmpty(admin.call("listAccounts", "name", name + suffix, "listall", "true"));
        }
        assertDenied(da1.api().call("createDomain", "name", "sub" + suffix, "parentdomainid", d2));
        assertDenied(da1.api().call("createDomain", "name", "sub" + suffix, "parentdomainid", root));
        assertDenied(da1.api().call("createUser", "account", c.name(), "domainid", d2, "username", "u" + suffix, "password", "pw",
                "firstname", "u", "lastname", "u", "email", "u@example.org"));
        assertEquals(Set.of(c.userId()), ids(admin.call("listUsers", "account", c.name(), "domainid", d2), "user"));

        JsonObject created = ok(da1.api().call("createAccount", newAccount("v" + suffix, 0, d1a))).getAsJsonObject("account");
        assertEquals(d1a, created.get("domainid").getAsString());
        assertEquals(0, created.get("accounttype").getAsInt());
    }

    @Test
    public void domainAdminDeletesAccountsInItsSubtreeOnly() {
        assertDenied(da1.api().call("deleteAccount", "id", c.accountId()));
        assertDenied(da1.api().call("deleteAccount", "id", adminAccountId));
        assertUnknownId(da1.api().call("deleteAccount", "id", NO_SUCH_UUID));
        assertEquals(Set.of(c.accountId()), ids(admin.call("listAccounts", "id", c.accountId()), "account"));
        assertEquals(200, c.api().call("listAccounts").status());

        JsonObject job = da1.api().waitForJob(ok(da1.api().call("deleteAccount", "id", e.accountId())).get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());
        // a deleted account's uuid no longer names anything
        assertUnknownId(admin.call("listAccounts", "id", e.accountId()));
        assertEmpty(admin.call("listAccounts", "name", e.name(), "domainid", d1a));
        assertEquals(Set.of(da1.accountId(), a.accountId(), b.accountId()),
                ids(da1.api().call("listAccounts", "listall", "true"), "account"));
    }

    @Test
    public void userCallingAnAdminCommandGets432() {
        String suffix = Long.toHexString(System.nanoTime());
        List<String[]> calls = List.of(
                new String[] {"createDomain", "name", "n" + suffix},
                new String[] {"createAccount", "username", "n" + suffix, "password", "pw", "accounttype", "0", "firstname", "n",
                        "lastname", "n", "email", "n@example.org"},
                new String[] {"createUser", "account", a.name(), "username", "n" + suffix, "password", "pw", "firstname", "n",
                        "lastname", "n", "email", "n@example.org"},
                new String[] {"deleteAccount", "id", b.accountId()},
                new String[] {"listAlerts"},
                new String[] {"listConfigurations"},
                new String[] {"updateConfiguration", "name", "router.check.interval", "value", "45"});
        for (String[] call : calls) {
            String[] params = Arrays.copyOfRange(call, 1, call.length);
            assertUnsupported(call[0], a.api().call(call[0], params));
        }
        for (String rootOnly : List.of("listAlerts", "listConfigurations", "updateConfiguration")) {
            assertUnsupported(rootOnly, da1.api().call(rootOnly, "name", "router.check.interval", "value", "45"));
        }
        assertEmpty(admin.call("listAccounts", "name", "n" + suffix, "listall", "true"));
        assertEquals(Set.of(b.accountId()), ids(admin.call("listAccounts", "id", b.accountId()), "account"));
    }

    @Test
    public void deletedAccountsKeysAndSessionsAnswer401() {
        ApiClient.Answer login = admin.sendRaw("POST", "command=login&response=json&username=" + e.name() + "&password=pw-" + e.name()
                + "&domain=" + ApiClient.encode(Map.of("d", "/" + d1Name + "/" + d1aName)).substring(2));
        assertEquals(login.body(), 200, login.status());
        String session = login.json().getAsJsonObject("loginresponse").get("sessionkey").getAsString();
        assertEquals(200, admin.sendRaw("GET", "command=listAccounts&response=json&sessionkey=" + session).status());
        assertEquals(200, e.api().call("listAccounts").status());

        JsonObject job = da1.api().waitForJob(ok(da1.api().call("deleteAccount", "id", e.accountId())).get("jobid").getAsString());
        assertEquals(job.toString(), 1, job.get("jobstatus").getAsInt());

        ApiClient.Answer byKey = e.api().call("listAccounts");
        assertEquals(401, byKey.status());
        assertEquals(401, byKey.inner().get("errorcode").getAsInt());
        assertEquals(401, admin.sendRaw("GET", "command=listAccounts&response=json&sessionkey=" + session).status());
        ApiClient.Answer relogin = admin.sendRaw("POST", "command=login&response=json&username=" + e.name() + "&password=pw-" + e.name()
                + "&domainId=" + d1a);
        assertEquals(401, relogin.status());
    }

    /**
     * CloudStack (since CVE-2025-47849) lets no caller act on an account of a more privileged role type: a domain
     * admin of ROOT reaches the root admins' domain, but must not take over a root admin's keys or account.
     */
    @Test
    public void domainAdminOfRootCannotTakeOverARootAdmin() {
        String suffix = Long.toHexString(System.nanoTime());
        Party rootDomainAdmin = party("dar" + suffix, 2, root);
        // a second root admin, so that a failure cannot replace the keys every other test signs with
        Party otherRootAdmin = party("ra" + suffix, 1, root);

        assertDenied(rootDomainAdmin.api().call("registerUserKeys", "id", otherRootAdmin.userId()));
        assertDenied(rootDomainAdmin.api().call("deleteAccount", "id", otherRootAdmin.accountId()));
        assertDenied(rootDomainAdmin.api().call("createUser", "account", otherRootAdmin.name(), "domainid", root, "username",
                "sneak" + suffix, "password", "pw", "firstname", "s", "lastname", "s", "email", "s@example.org"));
        assertEquals(Set.of(otherRootAdmin.userId()),
                ids(admin.call("listUsers", "account", otherRootAdmin.name(), "domainid", root), "user"));
        assertEquals(200, otherRootAdmin.api().call("listAccounts").status());

        // its reach over ordinary accounts below ROOT is unchanged
        assertEquals(200, rootDomainAdmin.api().call("registerUserKeys", "id", c.userId()).status());
    }

    // ---- set-up helpers

    private String createDomain(String name, String parent) {
        List<String> params = new ArrayList<>(List.of("name", name));
        if (parent != null) {
            params.addAll(List.of("parentdomainid", parent));
        }
        return ok(admin.call("createDomain", params.toArray(String[]::new))).getAsJsonObject("domain").get("id").getAsString();
    }

    private Party party(String name, int accountType, String domainId) {
        ApiClient api = server.newAccount(name, accountType, domainId);
        JsonObject account = single(admin.call("listAccounts", "name", name, "domainid", domainId), "account");
        String userId = account.getAsJsonArray("user").get(0).getAsJsonObject().get("id").getAsString();
        return new Party(name, account.get("id").getAsString(), userId, api);
    }

    private static String[] newAccount(String name, int accountType, String domainId) {
        List<String> params = new ArrayList<>(List.of("username", name, "password", "pw-" + name, "account", name, "accounttype",
                String.valueOf(accountType), "firstname", name, "lastname", "test", "email", name + "@example.org"));
        if (domainId != null) {
            params.addAll(List.of("domainid", domainId));
        }
        return params.toArray(String[]::new);
    }

    // ---- answer helpers

    private static JsonObject ok(ApiClient.Answer answer) {
        assertEquals(answer.body(), 200, answer.status());
        return answer.inner();
    }

    private static JsonObject single(ApiClient.Answer answer, String key) {
        JsonObject body = ok(answer);
        assertEquals(answer.body(), 1, body.get("count").getAsInt());
        return body.getAsJsonArray(key).get(0).getAsJsonObject();
    }

    /** The ids of a list answer's rows; none for CloudStack's empty answer {}. */
    private static Set<String> ids(ApiClient.Answer answer, String key) {
        JsonObject body = ok(answer);
        Set<String> ids = new TreeSet<>();
        if (body.has(key)) {
            for (JsonElement row : body.getAsJsonArray(key)) {
                ids.add(row.getAsJsonObject().get("id").getAsString());
            }
            assertEquals(answer.body(), ids.size(), body.get("count").getAsInt());
        }
        return ids;
    }

    private static Set<String> jobIds(ApiClient.Answer answer) {
        JsonObject body = ok(answer);
        Set<String> ids = new TreeSet<>();
        if (body.has("asyncjobs")) {
            for (JsonElement row : body.getAsJsonArray("asyncjobs")) {
                ids.add(row.getAsJsonObject().get("jobid").getAsString());
            }
        }
        return ids;
    }

    private static void assertEmpty(ApiClient.Answer answer) {
        assertEquals(answer.body(), 200, answer.status());
        assertEquals(answer.body(), 0, answer.inner().size());
    }

    private static void assertDenied(ApiClient.Answer answer) {
        assertError(answer, 531, 4365);
    }

    private static void assertUnknownId(ApiClient.Answer answer) {
        assertError(answer, 431, 9999);
    }

    private static void assertUnsupported(String command, ApiClient.Answer answer) {
        assertError(answer, 432, 9999);
        assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("'" + command + "'"));
    }

    private static void assertError(ApiClient.Answer answer, int errorCode, int csErrorCode) {
        assertEquals(answer.body(), errorCode, answer.status());
        JsonObject error = answer.inner();
        assertEquals(answer.body(), errorCode, error.get("errorcode").getAsInt());
        assertEquals(answer.body(), csErrorCode, error.get("cserrorcode").getAsInt());
    }
}
