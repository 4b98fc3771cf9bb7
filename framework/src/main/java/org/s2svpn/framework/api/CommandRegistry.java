package org.s2svpn.framework.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every API command the server knows, by name. */
public final class CommandRegistry {
    private final Map<String, CommandDescriptor> byName = new LinkedHashMap<>();
    private final Map<String, CommandDescriptor> byLowerName = new LinkedHashMap<>();

    public CommandRegistry(Collection<Class<?>> commandClasses) {
        commandClasses.stream()
                .map(CommandDescriptor::of)
                .sorted(Comparator.comparing(CommandDescriptor::name))
                .forEach(this::add);
    }

    private void add(CommandDescriptor descriptor) {
        if (byName.putIfAbsent(descriptor.name(), descriptor) != null) {
            throw new IllegalStateException("two commands are named " + descriptor.name());
        }
        byLowerName.put(descriptor.name().toLowerCase(Locale.ROOT), descriptor);
    }

    /** Exact name first, as CloudStack matches; then ignoring case. */
    public Optional<CommandDescriptor> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        CommandDescriptor exact = byName.get(name);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<CommandDescriptor> all() {
        return List.copyOf(byName.values());
    }
}
