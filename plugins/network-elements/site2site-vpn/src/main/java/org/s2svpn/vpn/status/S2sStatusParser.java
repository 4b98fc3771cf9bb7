package org.s2svpn.vpn.status;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses a router's {@code s2s-status} answer (docs/s2s-vr-contract.md).
 *
 * <p>An answer that is empty, cut short, not JSON, or JSON of the wrong shape parses to {@link Optional#empty()}:
 * it says nothing about the connections, so the caller leaves their states as they are. Treating such an answer as
 * "all down" is what made CloudStack raise false down/up alert pairs (CLOUDSTACK-9592, -9872). The answer is
 * judged whole: one bad entry makes it all unknown, rather than trusting the part before it.
 *
 * <p>Fields a newer router adds are ignored; a missing counter is 0, a missing state or error is absent.
 */
public final class S2sStatusParser {
    private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

    public Optional<RouterS2sStatus> parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(answer));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = TREE.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return Optional.empty();
            }
            return Optional.of(router(object(root)));
        } catch (IOException | RuntimeException e) {
            // Garbled in any way (Gson's syntax errors, a wrong type, a record refusing a value): nothing is known.
            return Optional.empty();
        }
    }

    private static RouterS2sStatus router(JsonObject o) {
        List<ConnectionStatus> connections = new ArrayList<>();
        for (JsonElement c : array(o, "connections")) {
            connections.add(connection(object(c)));
        }
        return new RouterS2sStatus(string(o, "name"), optionalString(o, "hash"), connections);
    }

    private static ConnectionStatus connection(JsonObject o) {
        List<ChildSaStatus> children = new ArrayList<>();
        if (present(o, "children")) {
            for (JsonElement c : array(o, "children")) {
                children.add(child(object(c)));
            }
        }
        return new ConnectionStatus(string(o, "name"), optionalString(o, "ike_state"),
                optionalLong(o, "ike_established"), children, optionalString(o, "last_error"));
    }

    private static ChildSaStatus child(JsonObject o) {
        return new ChildSaStatus(string(o, "name"), string(o, "state"), optionalLong(o, "installed"),
                optionalLong(o, "bytes_in").orElse(0), optionalLong(o, "bytes_out").orElse(0),
                optionalLong(o, "packets_in").orElse(0), optionalLong(o, "packets_out").orElse(0),
                strings(o, "local_ts"), strings(o, "remote_ts"));
    }

    private static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static JsonObject object(JsonElement e) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(key + " is not an array");
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key) {
        return optionalString(o, key).orElseThrow(() -> new IllegalArgumentException(key + " is missing"));
    }

    private static Optional<String> optionalString(JsonObject o, String key) {
        if (!present(o, key)) {
            return Optional.empty();
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return Optional.of(e.getAsString());
    }

    private static OptionalLong optionalLong(JsonObject o, String key) {
        if (!present(o, key)) {
            return OptionalLong.empty();
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(key + " is not a number");
        }
        // Exact: 1.5 bytes or 1e30 packets mean the answer is broken, not a number to round.
        long value = new BigDecimal(((JsonPrimitive) e).getAsString()).longValueExact();
        if (value < 0) {
            throw new IllegalArgumentException(key + " is negative");
        }
        return OptionalLong.of(value);
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> values = new ArrayList<>();
        if (present(o, key)) {
            for (JsonElement e : array(o, key)) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new IllegalArgumentException(key + " holds a non-string");
                }
                values.add(e.getAsString());
            }
        }
        return values;
    }
}
