package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.s2svpn.framework.db.EntityResolver;

/** Reads a request's parameters into the annotated fields of a command, with CloudStack's checks and errors. */
public final class ParameterBinder {
    private static final Pattern MAP_ENTRY = Pattern.compile("\\[(\\d+)]\\.(.+)");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final EntityResolver entities;

    public ParameterBinder(EntityResolver entities) {
        this.entities = requireNonNull(entities, "entities");
    }

    public void bind(CommandDescriptor descriptor, Object command, RequestParams params, RoleType role) {
        String commandName = descriptor.name().toLowerCase(Locale.ROOT);
        for (CommandDescriptor.ParameterField p : descriptor.parameters()) {
            Parameter parameter = p.parameter();
            if (parameter.authorized().length > 0 && !Arrays.asList(parameter.authorized()).contains(role)) {
                continue; // CloudStack ignores a parameter the caller's role may not set
            }
            Object value;
            if (parameter.type() == CommandType.MAP) {
                List<Map<String, String>> entries = mapEntries(params, parameter.name());
                value = entries.isEmpty() ? null : entries;
            } else {
                String raw = params.get(parameter.name());
                if (raw != null && parameter.type() == CommandType.STRING && raw.length() > parameter.length() && parameter.length() > 0) {
                    throw ApiException.paramError("Unable to execute API command " + commandName + " due to invalid value. Value"
                            + " greater than max allowed length " + parameter.length() + " for param: " + parameter.name());
                }
                value = raw == null || raw.isEmpty() ? null : convert(commandName, parameter, parameter.type(), raw);
                if (value != null && parameter.type() == CommandType.UUID && p.field().getType() == String.class) {
                    value = raw.strip(); // checked to exist above; the command wants the uuid itself
                }
            }
            if (value == null) {
                if (parameter.required()) {
                    throw ApiException.paramError("Unable to execute API command " + commandName
                            + " due to missing parameter " + parameter.name());
                }
                continue;
            }
            set(p, command, value);
        }
    }

    /**
     * Values are stripped of whitespace around them, as CloudStack trims them; unlike String.trim(), a NUL or other
     * control character is not whitespace, so an id or a number followed by a NUL is refused rather than cut short.
     */
    private Object convert(String commandName, Parameter parameter, CommandType type, String raw) {
        try {
            return switch (type) {
                case STRING -> raw;
                case BOOLEAN -> parseBoolean(parameter, raw);
                case INTEGER -> Integer.valueOf(raw.strip());
                case SHORT -> Short.valueOf(raw.strip());
                case LONG -> Long.valueOf(raw.strip());
                case FLOAT -> Float.valueOf(raw.strip());
                case DOUBLE -> Double.valueOf(raw.strip());
                case UUID -> resolve(commandName, parameter, raw.strip());
                case DATE, TZDATE -> parseDate(raw.strip());
                case LIST -> {
                    List<Object> items = new ArrayList<>();
                    for (String item : raw.split(",")) {
                        if (!item.isBlank()) {
                            items.add(convert(commandName, parameter, parameter.collectionType(), item.strip()));
                        }
                    }
                    yield items;
                }
                case MAP, OBJECT -> throw new IllegalStateException("not a scalar type: " + type);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.paramError("Unable to execute API command " + commandName + " due to invalid value " + shown(raw)
                    + " for parameter " + parameter.name());
        }
    }

    private static Boolean parseBoolean(Parameter parameter, String raw) {
        // CloudStack reads anything but "true" as false; a typo then silently means false, so we refuse it
        if (raw.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (raw.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw ApiException.invalidParameter("Invalid value for parameter " + parameter.name() + ": " + shown(raw) + " (true or false)");
    }

    private Object resolve(String commandName, Parameter parameter, String uuid) {
        if (parameter.entityType() == Object.class) {
            return uuid;
        }
        return entities.idOf(parameter.entityType(), uuid).orElseThrow(() -> invalidValue(commandName, parameter, uuid));
    }

    /** A refused value as an error quotes it: whole up to 100 characters, so that a huge value is not echoed back. */
    private static String shown(String raw) {
        return raw.length() <= 100 ? raw : raw.substring(0, 100) + "... (" + raw.length() + " characters)";
    }

    private static LocalDateTime parseDate(String raw) {
        if (raw.length() <= 10) {
            return LocalDate.parse(raw).atStartOfDay();
        }
        return LocalDateTime.parse(raw.replace('T', ' ').substring(0, Math.min(19, raw.length())), DATE_TIME);
    }

    private static ApiException invalidValue(String commandName, Parameter parameter, String raw) {
        return unknownEntity(commandName, parameter.name(), raw);
    }

    /**
     * CloudStack's error for an id that names no live row. A command that hides rows the caller may not see answers
     * with this too, so that such a caller cannot tell them from ids that do not exist.
     */
    public static ApiException unknownEntity(String commandName, String parameterName, String raw) {
        // CloudStack names the command in lower case here
        return ApiException.paramError("Unable to execute API command " + commandName.toLowerCase(Locale.ROOT) + " due to invalid value. Invalid parameter "
                + parameterName + " value=" + shown(raw) + " due to incorrect long value format, or entity does not exist or due to"
                + " incorrect parameter annotation for the field in api cmd class.");
    }

    /** CloudStack's map parameters: name[0].key=a&name[0].value=b become [{key=a, value=b}], by index. */
    private static List<Map<String, String>> mapEntries(RequestParams params, String name) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        params.withPrefix(name + "[").forEach((key, value) -> {
            Matcher m = MAP_ENTRY.matcher(key.substring(name.length()));
            if (!m.matches() || m.group(1).length() > 6) {
                throw ApiException.paramError("Invalid parameter " + key + " received, unable to parse object array");
            }
            byIndex.computeIfAbsent(Integer.valueOf(m.group(1)), i -> new TreeMap<>()).put(m.group(2), value);
        });
        return new ArrayList<>(byIndex.values());
    }

    private static void set(CommandDescriptor.ParameterField p, Object command, Object value) {
        try {
            p.field().set(command, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new IllegalStateException("parameter " + p.parameter().name() + " does not fit field " + p.field(), e);
        }
    }
}
