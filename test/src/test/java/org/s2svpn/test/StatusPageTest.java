package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.client.ManagementServer;
import org.s2svpn.server.router.RouterTimer;
import org.s2svpn.vpn.router.SimulatedS2s;
import org.s2svpn.vpn.router.SimulatedS2s.PeerBehaviour;

/**
 * The status page (/client/s2svpn/) in Debian's headless chromium, driven through its login form as a user would,
 * against a server on simulated routers whose tunnels carry traffic. Two accounts of one domain: alice, a domain
 * admin, with a Connected tunnel to a customer gateway named with HTML and one that a peer refuses; bob, a plain
 * user (whom CloudStack refuses listUsageRecords), with one tunnel. Both pages draw traffic, from listVpnConnectionTraffic.
 */
public class StatusPageTest {
    /** Markup that would run script if the page ever put a name in as HTML. */
    private static final String HTML_NAME = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>hq & <b>co</b>";
    private static final String REFUSING_PEER = "198.51.100.82";
    private static final Path TARGET = Path.of("target", "status-page");

    private static TestServer server;
    private static HeadlessChromium browser;
    private static String page;
    private static String domainPath;
    private static ApiClient alice;
    private static ApiClient bob;
    private static String connected;
    private static String refused;
    private static String bobs;

    @BeforeClass
    public static void startServerAndBrowser() throws Exception {
        server = TestServer.start("h2");
        ApiClient admin = server.admin();
        // only the sweeps of this test read the routers, so that the bytes in usage stay put while the page is read
        admin.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
        domainPath = "status-" + Long.toHexString(System.nanoTime());
        String domain = admin.ok("createDomain", "name", domainPath).getAsJsonObject("domain").get("id").getAsString();
        alice = server.newAccount("alice", 2, domain);
        bob = server.newAccount("bob", 0, domain);
        server.component(SimulatedS2s.class).peer(REFUSING_PEER, PeerBehaviour.REFUSE_AUTH);

        SimulatedVpcs vpcs = new SimulatedVpcs(server);
        SimulatedVpcs alices = vpcs.as(alice);
        SimulatedVpcs.Vpc aliceVpc = alices.vpc("alice-vpc");
        connected = alices.connect(aliceVpc, alices.customerGateway(HTML_NAME, "198.51.100.81"));
        // the refused tunnel on a router of its own: reads of that router go on while it is down, and must not add bytes here
        refused = alices.connect(alices.vpc("alice-vpc-2"), alices.customerGateway("refusing-branch", REFUSING_PEER));
        SimulatedVpcs bobsVpcs = vpcs.as(bob);
        bobs = bobsVpcs.connect(bobsVpcs.vpc("bob-vpc"), bobsVpcs.customerGateway("bob-branch", "198.51.100.83"));
        vpcs.awaitState(connected, "Connected", Duration.ofSeconds(20));
        vpcs.awaitState(refused, "Disconnected", Duration.ofSeconds(20));
        vpcs.awaitState(bobs, "Connected", Duration.ofSeconds(20));
        // the simulated SAs count bytes by the second since they came up
        ApiClient.sleep(1_500);
        server.component(RouterTimer.class).sweep();
        assertTrue("the Connected tunnel has carried traffic", bytes(connected).get(101) > 0);
        assertTrue("bob's tunnel has carried traffic", bytes(bobs).get(101) > 0);

        browser = HeadlessChromium.start(TARGET.resolve("chromium.log"));
        // a page of one item: every list of the page takes several pages (alice's two connections, her two gateways)
        page = "http://127.0.0.1:" + server.port() + ManagementServer.STATUS_PAGE + "?refresh=1&pagesize=1";
    }

    @AfterClass
    public static void stopBrowserAndServer() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Each test starts as a new visitor: no cookie, no session. */
    @Before
    public void newVisitor() {
        browser.navigate(page);
        browser.forgetSessions();
        browser.takePageErrors();
        browser.navigate(page);
        browser.await("!document.getElementById('login').hidden", Duration.ofSeconds(5));
    }

    /** No script error and nothing the page's Content-Security-Policy refused, in any test. */
    @After
    public void noPageErrors() {
        assertEquals(List.of(), browser.takePageErrors());
    }

    @Test
    public void aWrongPasswordShowsTheServersErrorAndNoConnections() {
        logIn("alice", "not-her-password");
        browser.await("!document.getElementById('login-error').hidden", Duration.ofSeconds(10));
        String error = browser.evaluate("document.getElementById('login-error').textContent").getAsString();
        assertTrue(error, error.startsWith("Failed to authenticate user alice"));
        assertTrue(browser.evaluate("document.getElementById('status').hidden").getAsBoolean());
        assertEquals(0, browser.evaluate("document.querySelectorAll('#connections tbody tr').length").getAsInt());
    }

    @Test
    public void aDomainAdminSeesExactlyHerConnectionsWithStateReasonAndTrafficGraph() throws Exception {
        logIn("alice", "pw-alice");
        awaitRefreshes(1);
        Map<String, JsonObject> rows = rows();
        assertEquals("her two connections, not bob's", Set.of(connected, refused), rows.keySet());

        Map<String, JsonObject> api = listed(alice);
        JsonObject up = rows.get(connected);
        assertEquals("the name is text, character for character", HTML_NAME, up.get("gateway").getAsString());
        assertEquals(0, browser.evaluate("document.querySelectorAll('#connections img, #connections script, #connections b').length")
                .getAsInt());
        assertTrue("no markup of a name ran", browser.evaluate("window.pwned === undefined").getAsBoolean());
        assertEquals("198.51.100.81", up.get("address").getAsString());
        assertEquals("alice-vpc", up.get("vpc").getAsString());
        assertEquals(api.get(connected).get("publicip").getAsString(), up.get("publicip").getAsString());
        assertEquals("Connected", up.get("state").getAsString());
        assertEquals("", up.get("reason").getAsString());
        assertEquals(api.get(connected).get("laststatechange").getAsString(), up.get("changed").getAsString());

        JsonObject down = rows.get(refused);
        assertEquals("refusing-branch", down.get("gateway").getAsString());
        assertEquals("Disconnected", down.get("state").getAsString());
        assertEquals("authentication failed", down.get("reason").getAsString());
        assertEquals(api.get(refused).get("laststatechange").getAsString(), down.get("changed").getAsString());

        assertGraphOfUsage(up, alice, connected);
        assertEquals(0, down.get("bytesIn").getAsLong() + down.get("bytesOut").getAsLong());
        browser.screenshot(TARGET.resolve("alice.png"));

        // the page refreshes by itself: the refused tunnel comes up, and the page shows it without a reload
        server.component(SimulatedS2s.class).peer(REFUSING_PEER, PeerBehaviour.ACCEPT);
        try {
            server.component(RouterTimer.class).sweep();
            browser.await("document.querySelector('tr[data-id=\"" + refused + "\"] td.state').textContent === 'Connected'",
                    Duration.ofSeconds(10));
        } finally {
            server.component(SimulatedS2s.class).peer(REFUSING_PEER, PeerBehaviour.REFUSE_AUTH);
        }

        // a reload keeps the session (the sessionkey cookie): no login form, the same connections
        browser.navigate(page);
        awaitRefreshes(1);
        assertTrue(browser.evaluate("document.getElementById('login').hidden").getAsBoolean());
        assertEquals(Set.of(connected, refused), rows().keySet());

        String session = browser.evaluate("(document.cookie.match(/sessionkey=([^;]*)/) || [])[1] || ''").getAsString();
        assertEquals("the page's session is a real one", 200, withSession(session).status());
        browser.click("#logout");
        browser.await("!document.getElementById('login').hidden", Duration.ofSeconds(5));
        assertEquals("the session ended at the server", 401, withSession(session).status());
    }

    @Test
    public void aUserSeesHisConnectionWithItsTrafficGraph() throws Exception {
        logIn("bob", "pw-bob");
        awaitRefreshes(1);
        Map<String, JsonObject> rows = rows();
        assertEquals(Set.of(bobs), rows.keySet());
        JsonObject row = rows.get(bobs);
        assertEquals("bob-branch", row.get("gateway").getAsString());
        assertEquals("bob-vpc", row.get("vpc").getAsString());
        assertEquals("Connected", row.get("state").getAsString());
        // CloudStack refuses users listUsageRecords (432); listVpnConnectionTraffic gives him the same bytes
        assertGraphOfUsage(row, bob, bobs);
        assertFalse("no note instead of the graph", browser.evaluate("!!document.querySelector('td.traffic.unavailable')").getAsBoolean());
        assertFalse(browser.evaluate("document.getElementById('legend').hidden").getAsBoolean());
        assertEquals("", browser.evaluate("document.getElementById('status-error').textContent").getAsString());
        browser.screenshot(TARGET.resolve("bob.png"));
    }

    @Test
    public void aSessionLoggedInElsewhereIsUsedWithoutTheForm() {
        ApiClient.Answer login = bob.sendRaw("POST", "command=login&response=json&username=bob&password=pw-bob&domain=" + domainPath);
        assertEquals(login.body(), 200, login.status());
        // the cookie CloudStack's login sets, as a browser that logged in through another page of this server has it
        browser.call("Network.setCookie", Map.of("name", "sessionkey", "value", login.inner().get("sessionkey").getAsString(),
                "url", "http://127.0.0.1:" + server.port() + "/client", "path", "/client"));
        browser.navigate(page);
        awaitRefreshes(1);
        assertTrue(browser.evaluate("document.getElementById('login').hidden").getAsBoolean());
        assertEquals(Set.of(bobs), rows().keySet());
        assertEquals("account bob", browser.evaluate("document.getElementById('caller').textContent").getAsString());
    }

    /** A point per hour of the last day for each direction, the bytes those of the admin's listUsageRecords. */
    private static void assertGraphOfUsage(JsonObject row, ApiClient caller, String connection) {
        Map<Integer, Long> usage = bytes(connection);
        assertEquals(24, row.get("pointsIn").getAsInt());
        assertEquals(24, row.get("pointsOut").getAsInt());
        assertEquals(usage.get(102).longValue(), row.get("bytesIn").getAsLong());
        assertEquals(usage.get(101).longValue(), row.get("bytesOut").getAsLong());
        assertTrue(row.get("bytesOut").getAsLong() > 0);
        assertEquals("the graph's points are the hours the API lists", hours(caller, connection), row.get("hours").getAsString());
        assertEquals("a point above the axis: the graph is drawn to scale", 1, row.get("raisedOut").getAsInt());
    }

    private static ApiClient.Answer withSession(String sessionKey) {
        return alice.sendRaw("GET", "command=listVpnConnections&response=json&sessionkey=" + sessionKey);
    }

    private static void logIn(String username, String password) {
        browser.type("#login input[name=username]", username);
        browser.type("#login input[name=password]", password);
        browser.type("#login input[name=domain]", domainPath);
        browser.click("#login button[type=submit]");
    }

    private static void awaitRefreshes(int n) {
        browser.await("Number(document.getElementById('summary').dataset.refreshes || 0) >= " + n, Duration.ofSeconds(10));
    }

    /** What the page shows per connection, by the connection id of its row. */
    private static Map<String, JsonObject> rows() {
        JsonElement rows = browser.evaluate("[...document.querySelectorAll('#connections tbody tr')].map((tr) => {"
                + " const text = (s) => { const e = tr.querySelector(s); return e ? e.textContent : null; };"
                + " const points = (d) => [...tr.querySelectorAll('circle.point.' + d)];"
                + " const sum = (d) => points(d).reduce((a, c) => a + Number(c.dataset.bytes), 0);"
                + " const axis = tr.querySelector('line.axis');"
                + " return {id: tr.dataset.id, gateway: text('td.gateway .name'), address: text('td.gateway .address'),"
                + " vpc: text('td.vpc .name'), publicip: text('td.vpc .address'), state: text('td.state'), reason: text('td.reason'),"
                + " changed: tr.querySelector('td.changed time') ? tr.querySelector('td.changed time').dateTime : null,"
                + " traffic: text('td.traffic'), pointsIn: points('in').length, pointsOut: points('out').length,"
                + " bytesIn: sum('in'), bytesOut: sum('out'),"
                + " hours: points('out').map((c) => Date.parse(c.dataset.hour) + '=' + c.dataset.bytes).join(' '),"
                + " raisedOut: points('out').filter((c) => axis && Number(c.getAttribute('cy')) < Number(axis.getAttribute('y1'))).length};"
                + "})");
        Map<String, JsonObject> byId = new HashMap<>();
        rows.getAsJsonArray().forEach(r -> byId.put(r.getAsJsonObject().get("id").getAsString(), r.getAsJsonObject()));
        return byId;
    }

    /** The hours of a connection's traffic as the API lists them to the caller: "start in ms=bytessent ...", oldest first. */
    private static String hours(ApiClient caller, String connection) {
        return caller.ok("listVpnConnectionTraffic", "id", connection).getAsJsonArray("vpnconnectiontraffic").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .map(h -> java.time.OffsetDateTime.parse(h.get("startdate").getAsString(), java.time.format.DateTimeFormatter
                        .ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")).toInstant().toEpochMilli() + "=" + h.get("bytessent").getAsLong())
                .collect(Collectors.joining(" "));
    }

    /** The caller's connections as the API lists them, by id. */
    private static Map<String, JsonObject> listed(ApiClient caller) {
        return caller.ok("listVpnConnections").getAsJsonArray("vpnconnection").asList().stream().map(JsonElement::getAsJsonObject)
                .collect(Collectors.toMap(c -> c.get("id").getAsString(), c -> c));
    }

    /** A connection's bytes in usage records (all since yesterday), by usage type (101 sent, 102 received), as the admin lists them. */
    private static Map<Integer, Long> bytes(String connection) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Integer, Long> bytes = new HashMap<>(Map.of(101, 0L, 102, 0L));
        JsonObject records = server.admin().ok("listUsageRecords", "startdate", today.minusDays(1).toString(), "enddate", today.toString());
        if (records.has("usagerecord")) {
            for (JsonElement e : records.getAsJsonArray("usagerecord")) {
                JsonObject r = e.getAsJsonObject();
                if (r.get("usageid").getAsString().equals(connection)) {
                    bytes.merge(r.get("usagetype").getAsInt(), r.get("rawusage").getAsLong(), Long::sum);
                }
            }
        }
        return bytes;
    }
}
