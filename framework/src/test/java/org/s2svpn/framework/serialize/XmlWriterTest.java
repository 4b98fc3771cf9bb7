package org.s2svpn.framework.serialize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.ApiVersion;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.SuccessResponse;
import org.w3c.dom.Document;

/** The XML answers CloudStack clients receive when they do not ask for JSON. */
public class XmlWriterTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final XmlWriter xml = new XmlWriter(ApiVersion.CLOUDSTACK);
    private final ResponseBodies bodies = new ResponseBodies(ApiGson.create());

    @ObjectName("zone")
    public record Zone(String id, String name, List<String> dns, LocalDateTime created) {
    }

    private static Document parse(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void rootElementIsTheResponseNameWithTheCloudStackVersion() {
        assertEquals(HEAD + "<listzonesresponse cloud-stack-version=\"" + ApiVersion.CLOUDSTACK + "\"></listzonesresponse>",
                xml.write("listzonesresponse", new JsonObject()));
    }

    @Test
    public void emptyListIsAnEmptyRootWithoutCount() {
        String text = xml.write("listzonesresponse", bodies.body(ListResponse.of(Zone.class, List.of())));

        assertEquals(HEAD + "<listzonesresponse cloud-stack-version=\"" + ApiVersion.CLOUDSTACK + "\"></listzonesresponse>", text);
    }

    @Test
    public void listItemsAreRepeatedElementsAfterTheCount() {
        ListResponse<Zone> list = ListResponse.of(Zone.class, List.of(new Zone("z1", "one", null, null), new Zone("z2", "two", null, null)));

        String text = xml.write("listzonesresponse", bodies.body(list));

        assertEquals(HEAD + "<listzonesresponse cloud-stack-version=\"" + ApiVersion.CLOUDSTACK + "\"><count>2</count>"
                + "<zone><id>z1</id><name>one</name></zone><zone><id>z2</id><name>two</name></zone></listzonesresponse>", text);
    }

    @Test
    public void objectIsAnElementNamedForIt() {
        String text = xml.write("createzoneresponse", bodies.body(new Zone("z1", "one", null, null)));

        assertTrue(text, text.endsWith("<zone><id>z1</id><name>one</name></zone></createzoneresponse>"));
    }

    @Test
    public void arraysOfValuesAreRepeatedElements() {
        String text = xml.write("r", bodies.body(new Zone("z1", null, List.of("8.8.8.8", "1.1.1.1"), null)));

        assertTrue(text, text.contains("<zone><id>z1</id><dns>8.8.8.8</dns><dns>1.1.1.1</dns></zone>"));
    }

    @Test
    public void nullFieldsAreLeftOut() {
        JsonObject body = new JsonObject();
        body.addProperty("id", "z1");
        body.add("name", JsonNull.INSTANCE);

        String text = xml.write("r", body);

        assertTrue(text, text.contains("<id>z1</id>"));
        assertFalse(text, text.contains("name"));
    }

    @Test
    public void nullFieldsOfResponseObjectsAreLeftOut() {
        String text = xml.write("r", bodies.body(new Zone("z1", null, null, null)));

        assertFalse(text, text.contains("<name"));
        assertFalse(text, text.contains("<dns"));
        assertFalse(text, text.contains("<created"));
    }

    @Test
    public void markupCharactersInTextAreEscaped() {
        JsonObject body = new JsonObject();
        body.addProperty("name", "a<b>c&d\"e'f");

        String text = xml.write("r", body);

        assertTrue(text, text.contains("<name>a&lt;b&gt;c&amp;d&quot;e&apos;f</name>"));
    }

    @Test
    public void escapedTextReadsBackUnchanged() throws Exception {
        String awkward = "<script>alert('x') & \"y\"</script> é ü €";
        JsonObject body = new JsonObject();
        body.addProperty("name", awkward);

        Document doc = parse(xml.write("r", body));

        assertEquals(awkward, doc.getElementsByTagName("name").item(0).getTextContent());
    }

    @Test
    public void nestedObjectsAndArraysOfObjectsAreNestedElements() {
        JsonObject tag = new JsonObject();
        tag.addProperty("key", "env");
        JsonArray tags = new JsonArray();
        tags.add(tag);
        tags.add(tag.deepCopy());
        JsonObject body = new JsonObject();
        body.add("tags", tags);

        assertTrue(xml.write("r", body).contains("<tags><key>env</key></tags><tags><key>env</key></tags>"));
    }

    @Test
    public void numbersAndBooleansAreWrittenAsText() {
        assertTrue(xml.write("deletezoneresponse", bodies.body(SuccessResponse.ok())).contains("<success>true</success>"));
    }

    @Test
    public void datesAreWrittenInCloudStacksFormatInUtc() {
        String text = xml.write("r", bodies.body(new Zone("z1", null, null, LocalDateTime.of(2026, 1, 2, 3, 4, 5))));

        assertTrue(text, text.contains("<created>2026-01-02T03:04:05+0000</created>"));
    }

    @Test
    public void errorIsErrorCodeCsErrorCodeAndTextWithNoElementForTheEmptyUuidList() {
        String text = xml.write("listzonesresponse", bodies.error(ApiException.paramError("missing <id>")));

        assertEquals(HEAD + "<listzonesresponse cloud-stack-version=\"" + ApiVersion.CLOUDSTACK + "\">"
                + "<errorcode>431</errorcode><cserrorcode>9999</cserrorcode><errortext>missing &lt;id&gt;</errortext>"
                + "</listzonesresponse>", text);
    }

    @Test
    public void errorWithoutCsErrorCodeHasNoCsErrorCodeElement() {
        String text = xml.write("listzonesresponse", bodies.error(ApiException.unauthorized()));

        assertTrue(text, text.contains("<errorcode>401</errorcode><errortext>"));
        assertFalse(text, text.contains("cserrorcode"));
    }

    @Test
    public void answerIsWellFormedXml() throws Exception {
        ListResponse<Zone> list = ListResponse.of(Zone.class,
                List.of(new Zone("z1", "a & b", List.of("8.8.8.8"), LocalDateTime.of(2026, 1, 2, 3, 4, 5))));

        Document doc = parse(xml.write("listzonesresponse", bodies.body(list)));

        assertEquals("listzonesresponse", doc.getDocumentElement().getTagName());
        assertEquals(ApiVersion.CLOUDSTACK, doc.getDocumentElement().getAttribute("cloud-stack-version"));
        assertEquals("a & b", doc.getElementsByTagName("name").item(0).getTextContent());
    }
}
