package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the annotations of one command class say: its name, parameters, response and who may call it. */
public record CommandDescriptor(Class<?> commandClass, APICommand api, List<ParameterField> parameters) {

    /** One parameter and the field it binds to. */
    public record ParameterField(Parameter parameter, Field field) {
    }

    public CommandDescriptor {
        requireNonNull(commandClass, "commandClass");
        requireNonNull(api, "api");
        parameters = List.copyOf(parameters);
    }

    public static CommandDescriptor of(Class<?> commandClass) {
        APICommand api = commandClass.getAnnotation(APICommand.class);
        if (api == null) {
            throw new IllegalArgumentException(commandClass.getName() + " has no @APICommand");
        }
        if (!SyncCommand.class.isAssignableFrom(commandClass) && !AsyncCommand.class.isAssignableFrom(commandClass)) {
            throw new IllegalArgumentException(commandClass.getName() + " is neither a SyncCommand nor an AsyncCommand");
        }
        List<ParameterField> parameters = new ArrayList<>();
        for (Class<?> c = commandClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Parameter parameter = field.getAnnotation(Parameter.class);
                if (parameter != null) {
                    field.setAccessible(true);
                    parameters.add(new ParameterField(parameter, field));
                }
            }
        }
        return new CommandDescriptor(commandClass, api, parameters);
    }

    public String name() {
        return api.name();
    }

    /** The top-level key of every answer: the lowercased name and "response". */
    public String responseName() {
        return api.name().toLowerCase(Locale.ROOT) + "response";
    }

    public boolean isAsync() {
        return AsyncCommand.class.isAssignableFrom(commandClass);
    }

    public boolean isAsyncCreate() {
        return AsyncCreateCommand.class.isAssignableFrom(commandClass);
    }

    public boolean allows(RoleType role) {
        return api.authorized().length == 0 || Arrays.asList(api.authorized()).contains(role);
    }
}
