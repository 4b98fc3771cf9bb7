package org.s2svpn.framework.serialize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Gson that writes API objects: field names as declared, nulls left out, dates as CloudStack writes them. */
public final class ApiGson {
    /** CloudStack's date format, in UTC: 2026-11-23T12:25:46+0000. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private ApiGson() {
    }

    public static Gson create() {
        return new GsonBuilder()
                .disableHtmlEscaping()
                .registerTypeAdapter(LocalDateTime.class,
                        (JsonSerializer<LocalDateTime>) (value, type, context) -> new JsonPrimitive(format(value)))
                .create();
    }

    /** Database times are UTC LocalDateTimes. */
    public static String format(LocalDateTime utc) {
        return utc == null ? null : DATE.format(utc.atOffset(ZoneOffset.UTC));
    }
}
