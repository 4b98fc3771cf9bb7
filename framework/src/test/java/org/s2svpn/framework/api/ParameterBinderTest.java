package org.s2svpn.framework.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.BeforeClass;
import org.junit.Test;
import org.s2svpn.framework.db.EntityResolver;
import org.s2svpn.framework.db.Table;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a caller sees when its request parameters are read into a command: values converted to their types, and
 * CloudStack's 431 errors for missing, too long or unreadable values. Uuids resolve against a real table on H2.
 */
public class ParameterBinderTest {

    private static final String ZONE_1 = "0d6f2ac4-4c26-4b8e-9a0e-1f5c9e3a7b01";
    private static final String ZONE_2 = "5b1e7d2a-93c1-4f0e-8d6b-2a4c6e8f0a02";
    private static final String ZONE_REMOVED = "9c3a5e7b-1d2f-4a6c-8e0b-3d5f7a9c1e03";
    private static final String ZONE_UNKNOWN = "ffffffff-0000-4000-8000-000000000000";

    private static ParameterBinder binder;

    @Table("binder_zone")
    static final class Zone {
    }

    @APICommand(name = "createWidget", description = "a command with a parameter of every kind", responseObject = SuccessResponse.class)
    public static final class CreateWidgetCmd implements SyncCommand {
        @Parameter(name = "name", required = true, length = 10, description = "")
        String name;

        @Parameter(name = "enabled", type = CommandType.BOOLEAN, description = "")
        Boolean enabled;

        @Parameter(name = "count", type = CommandType.INTEGER, description = "")
        Integer count;

        @Parameter(name = "size", type = CommandType.LONG, description = "")
        Long size;

        @Parameter(name = "zoneid", type = CommandType.UUID, entityType = Zone.class, description = "")
        Long zoneId;

        @Parameter(name = "otherzoneid", type = CommandType.UUID, entityType = Zone.class, description = "")
        String otherZoneUuid;

        @Parameter(name = "externalid", type = CommandType.UUID, description = "")
        String externalId;

        @Parameter(name = "zoneids", type = CommandType.LIST, collectionType = CommandType.UUID, entityType = Zone.class,
                description = "")
        List<Long> zoneIds;

        @Parameter(name = "names", type = CommandType.LIST, description = "")
        List<String> names;

        @Parameter(name = "tags", type = CommandType.MAP, description = "")
        List<Map<String, String>> tags;

        @Parameter(name = "startdate", type = CommandType.DATE, description = "")
        LocalDateTime startDate;

        @Parameter(name = "account", authorized = {RoleType.Admin, RoleType.DomainAdmin}, description = "")
        String account;

        @Override
        public Object execute(CallContext caller) {
            return SuccessResponse.ok();
        }
    }

    @BeforeClass
    public static void createZones() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:parameterbinder;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "NON_KEYWORDS=USER,VALUE;DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("DROP TABLE IF EXISTS binder_zone").update();
        jdbc.sql("CREATE TABLE binder_zone (id BIGINT PRIMARY KEY, uuid VARCHAR(40) NOT NULL, removed DATETIME NULL)").update();
        jdbc.sql("INSERT INTO binder_zone (id, uuid, removed) VALUES (1, ?, NULL), (2, ?, NULL), (3, ?, '2024-01-01 00:00:00')")
                .params(ZONE_1, ZONE_2, ZONE_REMOVED).update();
        binder = new ParameterBinder(new EntityResolver(jdbc));
    }

    private static CreateWidgetCmd bind(RoleType role, String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        CreateWidgetCmd cmd = new CreateWidgetCmd();
        binder.bind(CommandDescriptor.of(CreateWidgetCmd.class), cmd, new RequestParams(params), role);
        return cmd;
    }

    private static CreateWidgetCmd bind(String... namesAndValues) {
        return bind(RoleType.Admin, namesAndValues);
    }

    private static ApiException refused(String... namesAndValues) {
        ApiException e = assertThrows(ApiException.class, () -> bind(namesAndValues));
        assertEquals(ApiErrorCode.PARAM_ERROR, e.errorCode());
        assertEquals(431, e.errorCode().httpCode());
        return e;
    }

    private static String invalidValueText(String name, String value) {
        return "Unable to execute API command createwidget due to invalid value. Invalid parameter " + name + " value=" + value
                + " due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation"
                + " for the field in api cmd class.";
    }

    @Test
    public void everyParameterTypeIsReadFromItsText() {
        CreateWidgetCmd cmd = bind(
                "name", "vpn-1",
                "enabled", "true",
                "count", "42",
                "size", "9000000000",
                "zoneid", ZONE_2,
                "otherzoneid", ZONE_1,
                "externalid", "not-a-row-anywhere",
                "zoneids", ZONE_1 + "," + ZONE_2,
                "names", "a,b,,c",
                "tags[0].key", "env",
                "tags[0].value", "Prod",
                "tags[1].key", "team",
                "tags[1].value", "net",
                "startdate", "2024-03-05");

        assertEquals("vpn-1", cmd.name);
        assertEquals(Boolean.TRUE, cmd.enabled);
        assertEquals(Integer.valueOf(42), cmd.count);
        assertEquals(Long.valueOf(9_000_000_000L), cmd.size);
        assertEquals("a uuid naming an entity becomes its internal id", Long.valueOf(2), cmd.zoneId);
        assertEquals("a String field keeps the uuid itself, once checked", ZONE_1, cmd.otherZoneUuid);
        assertEquals("a uuid without entity type is not looked up", "not-a-row-anywhere", cmd.externalId);
        assertEquals(List.of(1L, 2L), cmd.zoneIds);
        assertEquals("empty list items are skipped", List.of("a", "b", "c"), cmd.names);
        assertEquals(List.of(Map.of("key", "env", "value", "Prod"), Map.of("key", "team", "value", "net")), cmd.tags);
        assertEquals(LocalDateTime.of(2024, 3, 5, 0, 0), cmd.startDate);
    }

    @Test
    public void parametersNotSentStayUnset() {
        CreateWidgetCmd cmd = bind("name", "x");

        assertEquals("x", cmd.name);
        assertNull(cmd.enabled);
        assertNull(cmd.count);
        assertNull(cmd.zoneId);
        assertNull(cmd.zoneIds);
        assertNull(cmd.tags);
        assertNull(cmd.startDate);
    }

    @Test
    public void missingRequiredParameterIsRefusedWithCloudStacksMessage() {
        ApiException e = refused("count", "1");

        assertEquals("Unable to execute API command createwidget due to missing parameter name", e.getMessage());
        assertEquals(Integer.valueOf(ApiException.CS_SERVER_API), e.csErrorCode());
    }

    @Test
    public void emptyRequiredParameterCountsAsMissing() {
        ApiException e = refused("name", "");

        assertEquals("Unable to execute API command createwidget due to missing parameter name", e.getMessage());
    }

    @Test
    public void emptyOptionalParametersAreTreatedAsAbsent() {
        CreateWidgetCmd cmd = bind("name", "x", "count", "", "enabled", "", "zoneid", "", "startdate", "");

        assertNull(cmd.count);
        assertNull(cmd.enabled);
        assertNull(cmd.zoneId);
        assertNull(cmd.startDate);
    }

    @Test
    public void valueUpToTheMaximumLengthIsAccepted() {
        assertEquals("0123456789", bind("name", "0123456789").name);
    }

    @Test
    public void valueLongerThanTheMaximumLengthIsRefused() {
        ApiException e = refused("name", "0123456789A");

        assertTrue(e.getMessage(), e.getMessage().contains("Value greater than max allowed length 10"));
        assertTrue(e.getMessage(), e.getMessage().contains("name"));
    }

    @Test
    public void listLongerThanTheDefaultLengthIsAccepted() {
        // CloudStack checks the length of STRING parameters only: seven uuids are 265 characters
        String sevenIds = String.join(",", Collections.nCopies(7, ZONE_1));

        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L), bind("name", "x", "zoneids", sevenIds).zoneIds);
    }

    @Test
    public void integerThatIsNotANumberIsRefused() {
        ApiException e = refused("name", "x", "count", "abc");

        assertTrue(e.getMessage(), e.getMessage().startsWith("Unable to execute API command createwidget due to invalid value"));
        assertTrue(e.getMessage(), e.getMessage().contains("count"));
        assertTrue(e.getMessage(), e.getMessage().contains("abc"));
    }

    @Test
    public void integerTooLargeForItsTypeIsRefused() {
        ApiException e = refused("name", "x", "count", "99999999999");

        assertTrue(e.getMessage(), e.getMessage().contains("99999999999"));
    }

    @Test
    public void longThatIsNotANumberIsRefused() {
        ApiException e = refused("name", "x", "size", "12k");

        assertTrue(e.getMessage(), e.getMessage().contains("12k"));
    }

    @Test
    public void unknownUuidIsRefusedWithCloudStacksMessage() {
        ApiException e = refused("name", "x", "zoneid", ZONE_UNKNOWN);

        assertEquals(invalidValueText("zoneid", ZONE_UNKNOWN), e.getMessage());
        assertEquals(Integer.valueOf(ApiException.CS_SERVER_API), e.csErrorCode());
    }

    @Test
    public void uuidOfARemovedRowIsRefused() {
        ApiException e = refused("name", "x", "zoneid", ZONE_REMOVED);

        assertEquals(invalidValueText("zoneid", ZONE_REMOVED), e.getMessage());
    }

    @Test
    public void uuidIsCheckedEvenWhenTheCommandKeepsTheUuid() {
        ApiException e = refused("name", "x", "otherzoneid", ZONE_UNKNOWN);

        assertEquals(invalidValueText("otherzoneid", ZONE_UNKNOWN), e.getMessage());
    }

    @Test
    public void listWithOneUnknownUuidIsRefusedNamingThatUuid() {
        ApiException e = refused("name", "x", "zoneids", ZONE_1 + "," + ZONE_UNKNOWN);

        assertEquals(invalidValueText("zoneids", ZONE_UNKNOWN), e.getMessage());
    }

    @Test
    public void booleansAreReadWhateverTheirCase() {
        assertEquals(Boolean.TRUE, bind("name", "x", "enabled", "TRUE").enabled);
        assertEquals(Boolean.FALSE, bind("name", "x", "enabled", "false").enabled);
        assertEquals(Boolean.FALSE, bind("name", "x", "enabled", "False").enabled);
    }

    @Test
    public void booleanOtherThanTrueOrFalseIsRefused() {
        ApiException e = refused("name", "x", "enabled", "yes");

        assertTrue(e.getMessage(), e.getMessage().contains("enabled"));
        assertTrue(e.getMessage(), e.getMessage().contains("yes"));
    }

    @Test
    public void dateWithTimeIsRead() {
        assertEquals(LocalDateTime.of(2024, 3, 5, 10, 11, 12), bind("name", "x", "startdate", "2024-03-05 10:11:12").startDate);
    }

    @Test
    public void unreadableDateIsRefused() {
        refused("name", "x", "startdate", "05/03/2024");
        refused("name", "x", "startdate", "2024-13-45");
    }

    @Test
    public void adminOnlyParameterIsIgnoredForAUser() {
        assertNull(bind(RoleType.User, "name", "x", "account", "other").account);
    }

    @Test
    public void adminOnlyParameterIsReadForTheRolesItNames() {
        assertEquals("other", bind(RoleType.Admin, "name", "x", "account", "other").account);
        assertEquals("other", bind(RoleType.DomainAdmin, "name", "x", "account", "other").account);
    }

    @Test
    public void parameterNamesAreMatchedWhateverTheirCase() {
        CreateWidgetCmd cmd = bind("NAME", "x", "ZoneId", ZONE_1, "Enabled", "true", "Tags[0].Key", "env", "TAGS[0].VALUE", "Prod");

        assertEquals("x", cmd.name);
        assertEquals(Long.valueOf(1), cmd.zoneId);
        assertEquals(Boolean.TRUE, cmd.enabled);
        assertEquals(List.of(Map.of("key", "env", "value", "Prod")), cmd.tags);
    }

    @Test
    public void mapEntriesAreOrderedByTheirNumericIndex() {
        CreateWidgetCmd cmd = bind("name", "x",
                "tags[10].key", "k10", "tags[2].key", "k2", "tags[0].key", "k0");

        assertEquals(List.of(Map.of("key", "k0"), Map.of("key", "k2"), Map.of("key", "k10")), cmd.tags);
    }
}
