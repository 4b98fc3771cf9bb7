package org.s2svpn.framework.serialize;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.FlatResponse;

/** Turns what a command returns into the body CloudStack puts under {@code <command>response}. */
public final class ResponseBodies {
    private final ApiJson json;

    public ResponseBodies(Gson gson) {
        this.json = new ApiJson(requireNonNull(gson, "gson"));
    }

    /** {@code {"<responseName>": <body>}}. */
    public String json(String responseName, Object result) {
        StringBuilder out = new StringBuilder(8192).append('{');
        ApiJson.string(out, responseName);
        write(out.append(':'), result);
        return out.append('}').toString();
    }

    /** The body alone, as JSON text (a job's result). */
    public String bodyJson(Object result) {
        StringBuilder out = new StringBuilder(1024);
        write(out, result);
        return out.toString();
    }

    /** A response object written once, to be put in answers as it is (an item of a list that a server keeps). */
    public RawJson rendered(Object response) {
        StringBuilder out = new StringBuilder(1024);
        json.write(out, response);
        return new RawJson(out.toString());
    }

    /** The body as a tree (for XML). */
    public JsonObject body(Object result) {
        return JsonParser.parseString(bodyJson(result)).getAsJsonObject();
    }

    /** A list is {count, item:[...]}, or {} when empty; an object is {objectname:{...}}; success is {success:true}. */
    private void write(StringBuilder out, Object result) {
        if (result instanceof ListResponse<?> list) {
            out.append('{');
            if (!list.items().isEmpty()) {
                out.append("\"count\":").append(list.count()).append(',');
                ApiJson.string(out, objectName(list.itemType()));
                json.write(out.append(':'), list.items());
            }
            out.append('}');
        } else if (result instanceof FlatResponse || result instanceof JsonObject) {
            json.write(out, result);
        } else {
            out.append('{');
            ApiJson.string(out, objectName(result.getClass()));
            json.write(out.append(':'), result);
            out.append('}');
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
