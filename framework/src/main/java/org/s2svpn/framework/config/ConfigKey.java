package org.s2svpn.framework.config;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A global setting as CloudStack declares one: name, category, type, default and description. Its value is
 * read through {@link ConfigDepot#value}, so an update applies without a restart.
 */
public record ConfigKey<T>(String category, Class<T> type, String name, String defaultValue, String description,
                           Function<T, String> check) {

    public ConfigKey {
        requireNonNull(category, "category");
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(description, "description");
        requireNonNull(check, "check");
        if (type != Integer.class && type != Long.class && type != Boolean.class && type != String.class) {
            throw new IllegalArgumentException("unsupported setting type " + type);
        }
        parse(type, check, defaultValue); // a default that does not parse is a programming error
    }

    public static <T> ConfigKey<T> of(String category, Class<T> type, String name, String defaultValue, String description) {
        return new ConfigKey<>(category, type, name, defaultValue, description, value -> null);
    }

    /** A key whose values must also pass a check: it returns null, or why the value is refused. */
    public ConfigKey<T> withCheck(Function<T, String> newCheck) {
        return new ConfigKey<>(category, type, name, defaultValue, description, newCheck);
    }

    /** Parses a stored or proposed value; throws IllegalArgumentException saying why it is refused. */
    public T parse(String raw) {
        return parse(type, check, raw);
    }

    private static <T> T parse(Class<T> type, Function<T, String> check, String raw) {
        String trimmed = raw.trim();
        Object value;
        try {
            if (type == Integer.class) {
                value = Integer.valueOf(trimmed);
            } else if (type == Long.class) {
                value = Long.valueOf(trimmed);
            } else if (type == Boolean.class) {
                if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                value = Boolean.valueOf(trimmed);
            } else {
                value = raw;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
        T typed = type.cast(value);
        String problem = check.apply(typed);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return typed;
    }

    /** The type name listConfigurations shows. */
    public String typeName() {
        return type.getSimpleName();
    }
}
