package org.s2svpn.framework.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.db.DatabaseOutage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The global settings: declared by {@link Configurable} components, stored in the {@code configuration} table.
 * Values are cached briefly so that hot paths do not query the database, and so that an update made through
 * another management server on the same database reaches this one within {@link #REFRESH}. While the database is
 * away, the values last read are served.
 */
public final class ConfigDepot {
    private static final Logger LOG = LogManager.getLogger(ConfigDepot.class);
    static final Duration REFRESH = Duration.ofSeconds(5);

    /** A setting as listConfigurations shows it. */
    public record Setting(ConfigKey<?> key, String value, LocalDateTime updated) {
    }

    private record Cached(String value, long readAtNanos) {
    }

    private final JdbcClient jdbc;
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ConfigDepot(JdbcClient jdbc, Collection<Configurable> components) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        components.stream().flatMap(c -> c.configKeys().stream()).forEach(this::register);
    }

    private void register(ConfigKey<?> key) {
        ConfigKey<?> previous = keys.putIfAbsent(key.name(), key);
        if (previous != null && previous != key) {
            throw new IllegalStateException("setting " + key.name() + " is declared twice");
        }
    }

    /** Adds the rows of settings that are new since the last start, keeping every value already set. */
    public void persistDefaults() {
        for (ConfigKey<?> key : keys.values()) {
            int updated = jdbc.sql("UPDATE configuration SET category = ?, default_value = ?, description = ? WHERE name = ?")
                    .params(key.category(), key.defaultValue(), key.description(), key.name()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO configuration (category, name, value, default_value, description, updated) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(key.category(), key.name(), key.defaultValue(), key.defaultValue(), key.description(), now())
                        .update();
            }
        }
    }

    public <T> T value(ConfigKey<T> key) {
        Cached cached = cache.get(key.name());
        if (cached == null || System.nanoTime() - cached.readAtNanos() > REFRESH.toNanos()) {
            cached = read(key, cached);
            cache.put(key.name(), cached);
        }
        if (cached.value() == null) {
            return key.parse(key.defaultValue());
        }
        try {
            return key.parse(cached.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("setting {} has an invalid stored value ({}); using its default {}", key.name(), e.getMessage(), key.defaultValue());
            return key.parse(key.defaultValue());
        }
    }

    /**
     * The stored value, or while the database cannot be reached the value last read: a setting rarely changes, and
     * background loops and API calls that read one should not fail on it as well. The next read is tried after
     * another {@link #REFRESH}, so that an outage costs one wait for a connection per setting, not one per call.
     */
    private Cached read(ConfigKey<?> key, Cached previous) {
        try {
            String raw = jdbc.sql("SELECT value FROM configuration WHERE name = ?").param(key.name())
                    .query(String.class).optional().orElse(null);
            return new Cached(raw, System.nanoTime());
        } catch (RuntimeException e) {
            if (previous == null || !DatabaseOutage.causedBy(e)) {
                throw e;
            }
            LOG.warn("setting {}: the database cannot be reached ({}); using the value last read", key.name(), DatabaseOutage.describe(e));
            return new Cached(previous.value(), System.nanoTime());
        }
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public List<Setting> settings() {
        Map<String, Setting> result = new LinkedHashMap<>();
        jdbc.sql("SELECT name, value, updated FROM configuration ORDER BY name").query((rs, n) -> {
            ConfigKey<?> key = keys.get(rs.getString("name"));
            if (key != null) {
                result.put(key.name(), new Setting(key, rs.getString("value"), rs.getObject("updated", LocalDateTime.class)));
            }
            return null;
        }).list();
        return List.copyOf(result.values());
    }

    /** Stores a new value after checking it; the change applies at once on this server. */
    public Setting update(String name, String value) {
        ConfigKey<?> key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("unknown setting " + name);
        }
        key.parse(value);
        LocalDateTime now = now();
        jdbc.sql("UPDATE configuration SET value = ?, updated = ? WHERE name = ?").params(value, now, name).update();
        cache.put(name, new Cached(value, System.nanoTime()));
        LOG.info("setting {} changed to {}", name, value);
        return new Setting(key, value, now);
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    }
}
