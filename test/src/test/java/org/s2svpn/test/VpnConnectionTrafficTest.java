package org.s2svpn.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.server.router.RouterTimer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * listVpnConnectionTraffic over real HTTP, on H2 and on MariaDB: a plain user gets the bytes of his connection per
 * hour (listUsageRecords, which has the same bytes, is for admins only), equal to what the admin's listUsageRecords
 * shows; another account's user gets the error every S2S command gives for a connection it may not act on; bad
 * hours are refused with 431.
 */
@RunWith(Parameterized.class)
public class VpnConnectionTrafficTest {
    private static final ServersByDatabase SERVERS = new ServersByDatabase();
    private static final Map<String, World> WORLDS = new ConcurrentHashMap<>();
    private static final DateTimeFormatter API_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    /** The bytes of the hour written before the test (see {@link #world}). */
    private static final long EARLIER_SENT = 123_456;
    private static final long EARLIER_RECEIVED = 7_890;

    /** A user with a Connected tunnel that has carried traffic, and a user of another account of the same domain. */
    private record World(TestServer server, ApiClient owner, ApiClient stranger, String account, String domainId, String connection,
                         LocalDateTime earlierHour) {
    }

    @Parameterized.Parameters(name = "{0}")
    public static Iterable<String> databases() {
        return TestDatabase.KINDS;
    }

    private final World world;

    public VpnConnectionTrafficTest(String database) {
        world = WORLDS.computeIfAbsent(database, VpnConnectionTrafficTest::world);
    }

    @AfterClass
    public static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    private static World world(String database) {
        TestServer server = SERVERS.get(database);
        ApiClient admin = server.admin();
        // only this test's sweeps read the routers, so that usage stays put while it is compared
        admin.ok("updateConfiguration", "name", "router.check.interval", "value", "0");
        String suffix = Long.toHexString(System.nanoTime());
        String domain = admin.ok("createDomain", "name", "traffic-" + suffix).getAsJsonObject("domain").get("id").getAsString();
        String account = "carol-" + suffix;
        ApiClient owner = server.newAccount(account, 0, domain);
        ApiClient stranger = server.newAccount("dave-" + suffix, 0, domain);
        SimulatedVpcs vpcs = new SimulatedVpcs(server).as(owner);
        String connection = vpcs.connect(vpcs.vpc("carol-vpc"), vpcs.customerGateway("carol-branch", "198.51.100.91"));
        vpcs.awaitState(connection, "Connected", Duration.ofSeconds(20));
        // the simulated SAs count bytes by the second since they came up: this hour's usage
        ApiClient.sleep(1_500);
        server.component(RouterTimer.class).sweep();

        // a tunnel cannot carry traffic in the past: an earlier hour's usage is written as the router check writes it
        LocalDateTime earlier = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3);
        Map<String, Object> row = server.component(JdbcClient.class)
                .sql("SELECT id, account_id, domain_id FROM s2s_vpn_connection WHERE uuid = ?").param(connection).query().singleRow();
        long id = ((Number) row.get("id")).longValue();
        long accountId = ((Number) row.get("account_id")).longValue();
        long domainId = ((Number) row.get("domain_id")).longValue();
        long zone = server.component(DataCenterDao.class).all().get(0).id();
        String name = "Site-to-site VPN connection " + connection;
        server.component(S2sUsageDao.class).add(List.of(
                new S2sUsageDao.Bytes(101, accountId, domainId, zone, id, name + ": bytes sent", EARLIER_SENT, earlier),
                new S2sUsageDao.Bytes(102, accountId, domainId, zone, id, name + ": bytes received", EARLIER_RECEIVED, earlier)));
        return new World(server, owner, stranger, account, domain, connection, earlier);
    }

    @Test
    public void aUserGetsEveryHourOfHisConnectionWithTheBytesTheAdminsUsageRecordsShow() {
        LocalDateTime hourBefore = thisHour();
        JsonObject answer = world.owner.ok("listVpnConnectionTraffic", "id", world.connection);
        LocalDateTime hourAfter = thisHour();
        List<JsonObject> hours = items(answer);
        assertEquals(24, hours.size());
        assertEquals(24, answer.get("count").getAsInt());
        LocalDateTime last = hourOf(hours.get(23));
        assertTrue("the last item is this hour: " + last, last.equals(hourBefore) || last.equals(hourAfter));
        for (int i = 0; i < 24; i++) {
            assertEquals("oldest first, one item per hour", last.minusHours(23 - i), hourOf(hours.get(i)));
        }

        // the admin's usage records of the connection, by start of the hour and usage type
        Map<String, Long> usage = usageRecords();
        long sentInUsage = 0;
        long receivedInUsage = 0;
        for (JsonObject hour : hours) {
            String start = hour.get("startdate").getAsString();
            assertEquals(start + " sent", usage.getOrDefault(start + " 101", 0L).longValue(), hour.get("bytessent").getAsLong());
            assertEquals(start + " received", usage.getOrDefault(start + " 102", 0L).longValue(), hour.get("bytesreceived").getAsLong());
            sentInUsage += usage.getOrDefault(start + " 101", 0L);
            receivedInUsage += usage.getOrDefault(start + " 102", 0L);
        }
        assertTrue("the tunnel's traffic of this hour and the earlier hour's: " + usage, sentInUsage > EARLIER_SENT
                && receivedInUsage > EARLIER_RECEIVED);
        JsonObject earlier = hours.stream().filter(h -> hourOf(h).equals(world.earlierHour)).findFirst().orElseThrow();
        assertEquals(EARLIER_SENT, earlier.get("bytessent").getAsLong());
        assertEquals(EARLIER_RECEIVED, earlier.get("bytesreceived").getAsLong());
        assertTrue("hours without usage are listed with 0 bytes", hours.stream()
                .anyMatch(h -> h.get("bytessent").getAsLong() == 0 && h.get("bytesreceived").getAsLong() == 0));
    }

    @Test
    public void hoursSaysHowManyHoursBackTheListGoes() {
        int sinceEarlier = (int) ChronoUnit.HOURS.between(world.earlierHour, thisHour());
        List<JsonObject> from = items(world.owner.ok("listVpnConnectionTraffic", "id", world.connection, "hours",
                String.valueOf(sinceEarlier + 1)));
        assertEquals(sinceEarlier + 1, from.size());
        assertEquals(world.earlierHour, hourOf(from.get(0)));
        assertEquals(EARLIER_SENT, from.get(0).get("bytessent").getAsLong());

        List<JsonObject> after = items(world.owner.ok("listVpnConnectionTraffic", "id", world.connection, "hours",
                String.valueOf(sinceEarlier)));
        assertEquals(sinceEarlier, after.size());
        assertEquals(world.earlierHour.plusHours(1), hourOf(after.get(0)));
        assertEquals(1, items(world.owner.ok("listVpnConnectionTraffic", "id", world.connection, "hours", "1")).size());
        assertEquals(720, items(world.owner.ok("listVpnConnectionTraffic", "id", world.connection, "hours", "720")).size());
    }

    @Test
    public void anotherAccountsUserGetsTheErrorOfTheOtherConnectionCommandsAndNoBytes() {
        ApiClient.Answer answer = world.stranger.call("listVpnConnectionTraffic", "id", world.connection);
        assertEquals(answer.body(), 531, answer.status());
        assertEquals(531, answer.inner().get("errorcode").getAsInt());
        assertFalse(answer.body(), answer.body().contains("bytessent"));
        // what updateVpnConnection, resetVpnConnection and deleteVpnConnection say for it
        ApiClient.Answer update = world.stranger.call("updateVpnConnection", "id", world.connection);
        String refused = update.status() == 200 ? world.stranger.waitForJob(update.inner().get("jobid").getAsString())
                .getAsJsonObject("jobresult").get("errortext").getAsString() : update.inner().get("errortext").getAsString();
        assertEquals(refused, answer.inner().get("errortext").getAsString());
        // and the connection is not in his list
        assertFalse(world.stranger.ok("listVpnConnections", "listall", "true").toString().contains(world.connection));
    }

    @Test
    public void anUnknownConnectionIsRefusedNamingId() {
        ApiClient.Answer answer = world.owner.call("listVpnConnectionTraffic", "id", "7c8d4f3a-0000-4000-8000-000000000000");
        assertEquals(answer.body(), 431, answer.status());
        assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("Invalid parameter id value="));
    }

    @Test
    public void hoursOutsideOneTo720IsRefusedNamingHours() {
        for (String hours : List.of("0", "721", "-1", "99999999999", "a day")) {
            ApiClient.Answer answer = world.owner.call("listVpnConnectionTraffic", "id", world.connection, "hours", hours);
            assertEquals(hours + ": " + answer.body(), 431, answer.status());
            assertTrue(answer.body(), answer.inner().get("errortext").getAsString().contains("hours"));
        }
    }

    private static LocalDateTime thisHour() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    }

    private static LocalDateTime hourOf(JsonObject item) {
        return java.time.OffsetDateTime.parse(item.get("startdate").getAsString(), API_DATE).withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
    }

    private static List<JsonObject> items(JsonObject answer) {
        return answer.getAsJsonArray("vpnconnectiontraffic").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    /** The rawusage of the connection's usage records since yesterday, as the admin lists them, by "startdate usagetype". */
    private Map<String, Long> usageRecords() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonObject records = world.server.admin().ok("listUsageRecords", "startdate", today.minusDays(1).toString(), "enddate",
                today.toString(), "account", world.account, "domainid", world.domainId, "pagesize", "-1");
        Map<String, Long> bytes = new HashMap<>();
        for (JsonElement e : records.getAsJsonArray("usagerecord")) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("usageid").getAsString().equals(world.connection)) {
                bytes.merge(r.get("startdate").getAsString() + " " + r.get("usagetype").getAsInt(), r.get("rawusage").getAsLong(), Long::sum);
            }
        }
        return bytes;
    }
}
