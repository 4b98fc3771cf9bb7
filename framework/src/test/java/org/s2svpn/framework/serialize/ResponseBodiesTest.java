package org.s2svpn.framework.serialize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.Test;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.FlatResponse;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Paging;
import org.s2svpn.framework.api.SuccessResponse;

/** The JSON bodies a caller receives under {@code <command>response}, as CloudStack shapes them. */
public class ResponseBodiesTest {

    private final ResponseBodies bodies = new ResponseBodies(ApiGson.create());

    @ObjectName("zone")
    public record Zone(String id, String name, Boolean securitygroupsenabled, LocalDateTime created) {
    }

    public record Unnamed(String id) {
    }

    public record Capabilities(String cloudstackversion, boolean userpublictemplateenabled) implements FlatResponse {
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    public void listIsCountAndItemsUnderTheItemsObjectName() {
        ListResponse<Zone> list = ListResponse.of(Zone.class, List.of(new Zone("z1", "one", true, null), new Zone("z2", "two", false, null)));

        assertEquals(json("{\"count\":2,\"zone\":[{\"id\":\"z1\",\"name\":\"one\",\"securitygroupsenabled\":true},"
                + "{\"id\":\"z2\",\"name\":\"two\",\"securitygroupsenabled\":false}]}"), bodies.body(list));
    }

    @Test
    public void renderedItemsAreWrittenAsTheItemsThemselves() {
        Zone one = new Zone("z1", "one \"quoted\"", true, LocalDateTime.of(2026, 11, 24, 8, 30, 5));
        Zone two = new Zone("z2", null, false, null);

        String rendered = bodies.json("listzonesresponse", new ListResponse<>(Zone.class, List.of(bodies.rendered(one), bodies.rendered(two)), 7));

        assertEquals(bodies.json("listzonesresponse", new ListResponse<>(Zone.class, List.of(one, two), 7)), rendered);
        assertEquals("{\"listzonesresponse\":{\"count\":7,\"zone\":[{\"id\":\"z1\",\"name\":\"one \\\"quoted\\\"\","
                + "\"securitygroupsenabled\":true,\"created\":\"2026-11-24T08:30:05+0000\"},{\"id\":\"z2\",\"securitygroupsenabled\":false}]}}",
                rendered);
    }

    @Test
    public void countComesBeforeTheItems() {
        ListResponse<Zone> list = ListResponse.of(Zone.class, List.of(new Zone("z1", null, null, null)));

        assertEquals("{\"count\":1,\"zone\":[{\"id\":\"z1\"}]}", bodies.body(list).toString());
    }

    @Test
    public void countOfAPagedListIsTheTotalBeforePaging() {
        List<Zone> all = List.of(new Zone("z1", null, null, null), new Zone("z2", null, null, null), new Zone("z3", null, null, null));

        JsonObject body = bodies.body(ListResponse.paged(Zone.class, all, new Paging(2, 1)));

        assertEquals(json("{\"count\":3,\"zone\":[{\"id\":\"z2\"}]}"), body);
    }

    @Test
    public void emptyListIsAnEmptyObjectWithoutCount() {
        JsonObject body = bodies.body(ListResponse.of(Zone.class, List.of()));

        assertEquals("{}", body.toString());
        assertFalse(body.has("count"));
    }

    @Test
    public void objectIsWrittenUnderItsObjectName() {
        assertEquals(json("{\"zone\":{\"id\":\"z1\",\"name\":\"one\"}}"), bodies.body(new Zone("z1", "one", null, null)));
    }

    @Test
    public void nullFieldsAreLeftOut() {
        JsonObject zone = bodies.body(new Zone("z1", null, null, null)).getAsJsonObject("zone");

        assertEquals(1, zone.size());
        assertFalse(zone.has("name"));
    }

    @Test
    public void flatResponseFieldsStandDirectlyInTheBody() {
        assertEquals(json("{\"cloudstackversion\":\"4.22.0.0\",\"userpublictemplateenabled\":false}"),
                bodies.body(new Capabilities("4.22.0.0", false)));
    }

    @Test
    public void successIsJustSuccessTrue() {
        assertEquals("{\"success\":true}", bodies.body(SuccessResponse.ok()).toString());
    }

    @Test
    public void jsonObjectIsPassedThrough() {
        JsonObject body = new JsonObject();
        body.addProperty("jobid", "j-1");

        assertEquals(body, bodies.body(body));
    }

    @Test
    public void datesAreWrittenInCloudStacksFormatInUtc() {
        JsonObject zone = bodies.body(new Zone("z1", null, null, LocalDateTime.of(2026, 11, 23, 12, 25, 46, 789_000_000)))
                .getAsJsonObject("zone");

        assertEquals("2026-11-23T12:25:46+0000", zone.get("created").getAsString());
    }

    @Test
    public void textIsNotHtmlEscapedInJson() {
        String text = bodies.body(new Zone("z1", "a<b>&'=", null, null)).toString();

        assertEquals("{\"zone\":{\"id\":\"z1\",\"name\":\"a<b>&'=\"}}", text);
    }

    @Test
    public void jsonIsTheBodyUnderTheResponseName() {
        ListResponse<Zone> list = ListResponse.of(Zone.class, List.of(new Zone("z1", "a<b>", null, LocalDateTime.of(2026, 11, 23, 12, 25, 46))));

        assertEquals("{\"listzonesresponse\":{\"count\":1,\"zone\":[{\"id\":\"z1\",\"name\":\"a<b>\",\"created\":\"2026-11-23T12:25:46+0000\"}]}}",
                bodies.json("listzonesresponse", list));
        assertEquals("{\"listzonesresponse\":{}}", bodies.json("listzonesresponse", ListResponse.of(Zone.class, List.of())));
        assertEquals("{\"createzoneresponse\":{\"zone\":{\"id\":\"z1\"}}}", bodies.json("createzoneresponse", new Zone("z1", null, null, null)));
        assertEquals("{\"errorresponse\":{\"uuidList\":[],\"errorcode\":401,\"errortext\":\"unable to verify user credentials and/or request signature\"}}",
                bodies.json("errorresponse", bodies.error(ApiException.unauthorized())));
    }

    @Test
    public void errorBodyHasUuidListErrorCodeCsErrorCodeAndText() {
        JsonObject body = bodies.error(ApiException.paramError("Unable to execute API command listzones due to missing parameter id"));

        assertEquals("{\"uuidList\":[],\"errorcode\":431,\"cserrorcode\":9999,"
                + "\"errortext\":\"Unable to execute API command listzones due to missing parameter id\"}", body.toString());
    }

    @Test
    public void errorWithoutCsErrorCodeLeavesItOut() {
        JsonObject body = bodies.error(ApiException.unauthorized());

        assertEquals(json("{\"uuidList\":[],\"errorcode\":401,"
                + "\"errortext\":\"unable to verify user credentials and/or request signature\"}"), body);
        assertFalse(body.has("cserrorcode"));
    }

    @Test
    public void objectWithoutObjectNameIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> bodies.body(new Unnamed("u1")));
    }
}
