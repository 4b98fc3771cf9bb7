package org.s2svpn.framework.serialize;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
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

    /** A list is {count, item:[...]}, or {} when empty; an object is {objectname:{...}}; success is {success:true}. */
    public JsonObject body(Object result) {
        if (result instanceof ListResponse<?> list) {
            JsonObject body = new JsonObject();
            if (!list.items().isEmpty()) {
                body.addProperty("count", list.count());
                body.add(objectName(list.itemType()), gson.toJsonTree(list.items()));
            }
            return body;
        }
        if (result instanceof FlatResponse || result instanceof JsonObject) {
            return gson.toJsonTree(result).getAsJsonObject();
        }
        JsonObject body = new JsonObject();
        body.add(objectName(result.getClass()), gson.toJsonTree(result));
        return body;
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
