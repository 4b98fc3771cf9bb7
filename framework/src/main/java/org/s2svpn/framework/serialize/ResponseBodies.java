package org.s2svpn.framework.serialize;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.FlatResponse;

/** Turns what a command returns into the body CloudStack puts under {@code <command>response}. */
public final class ResponseBodies {
    private final Gson gson;

    public ResponseBodies(Gson gson) {
        this.gson = requireNonNull(gson, "gson");
    }

    /**
     * {@code {"<responseName>": <body>}}, written as it is serialized: a page of 100 connections through a tree of
     * JSON elements first cost twice the CPU.
     */
    public String json(String responseName, Object result) {
        StringWriter out = new StringWriter(8192);
        try {
            JsonWriter writer = gson.newJsonWriter(out);
            writer.beginObject().name(responseName);
            write(writer, result);
            writer.endObject().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The body alone, as JSON text (a job's result). */
    public String bodyJson(Object result) {
        StringWriter out = new StringWriter(1024);
        try {
            write(gson.newJsonWriter(out), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The body as a tree (for XML). */
    public JsonObject body(Object result) {
        return JsonParser.parseString(bodyJson(result)).getAsJsonObject();
    }

    /** A list is {count, item:[...]}, or {} when empty; an object is {objectname:{...}}; success is {success:true}. */
    private void write(JsonWriter writer, Object result) throws IOException {
        if (result instanceof ListResponse<?> list) {
            writer.beginObject();
            if (!list.items().isEmpty()) {
                writer.name("count").value(list.count());
                writer.name(objectName(list.itemType()));
                gson.toJson(list.items(), list.items().getClass(), writer);
            }
            writer.endObject();
        } else if (result instanceof FlatResponse || result instanceof JsonObject) {
            gson.toJson(result, result.getClass(), writer);
        } else {
            String name = objectName(result.getClass());
            writer.beginObject().name(name);
            gson.toJson(result, result.getClass(), writer);
            writer.endObject();
        }
    }

    public JsonObject error(ApiException e) {
        JsonObject body = new JsonObject();
        body.add("uuidList", new com.google.gson.JsonArray());
        body.addProperty("errorcode", e.errorCode().httpCode());
        if (e.csErrorCode() != null) {
            body.addProperty("cserrorcode", e.csErrorCode());
        }
        body.addProperty("errortext", e.getMessage());
        return body;
    }

    public static String objectName(Class<?> type) {
        ObjectName name = type.getAnnotation(ObjectName.class);
        if (name == null) {
            throw new IllegalStateException(type.getName() + " has no @ObjectName");
        }
        return name.value();
    }
}
