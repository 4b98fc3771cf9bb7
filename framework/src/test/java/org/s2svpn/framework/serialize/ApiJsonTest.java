package org.s2svpn.framework.serialize;

import static org.junit.Assert.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/** API answers are written exactly as ApiGson's Gson writes them, whatever they hold. */
public class ApiJsonTest {
    private final Gson gson = ApiGson.create();
    private final ApiJson json = new ApiJson(gson);

    enum Kind { ONE, TWO }

    public record Inner(String name, Integer size, Boolean on) {
    }

    public record Outer(String id, long count, int small, boolean flag, Double ratio, Kind kind, LocalDateTime created, List<Inner> inner,
                        Map<String, String> details, JsonObject result, String[] names, Character letter) {
    }

    private String write(Object value) {
        StringBuilder out = new StringBuilder();
        json.write(out, value);
        return out.toString();
    }

    @Test
    public void everyKindOfValueIsWrittenAsGsonWritesIt() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("a", "1");
        details.put("gone", null);
        JsonObject result = new JsonObject();
        result.addProperty("text", "x\"y");
        result.addProperty("number", 12.5);
        result.add("nothing", JsonNull.INSTANCE);
        JsonArray array = new JsonArray();
        array.add(1);
        array.add(JsonNull.INSTANCE);
        array.add("two");
        result.add("array", array);
        Outer outer = new Outer("id-1", 1L << 40, -3, true, 0.25, Kind.TWO, LocalDateTime.of(2026, 11, 24, 2, 3, 4), List.of(new Inner("a", 1, null),
                new Inner(null, null, false)), details, result, new String[] {"p", "q"}, 'c');

        assertEquals(gson.toJson(outer), write(outer));
        assertEquals(gson.toJson(new Outer(null, 0, 0, false, null, null, null, List.of(), Map.of(), new JsonObject(), new String[0], null)),
                write(new Outer(null, 0, 0, false, null, null, null, List.of(), Map.of(), new JsonObject(), new String[0], null)));
    }

    @Test
    public void anyTextIsEscapedAsGsonEscapesIt() {
        Random random = new Random(20261124);
        char[] awkward = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1f, 0x7f, '<', '>', '&', '=', '\'', '\u2028', '\u2029', 'é', '€',
            '\ud83d', '\ude00', ' ', 'a'};
        List<String> texts = new ArrayList<>(List.of("", "plain", "a\"b\\c", "\u0000\u001f"));
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(random.nextBoolean() ? awkward[random.nextInt(awkward.length)] : (char) random.nextInt(0x3000));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            Inner inner = new Inner(text, null, null);

            assertEquals(gson.toJson(inner), write(inner));
        }
    }
}
