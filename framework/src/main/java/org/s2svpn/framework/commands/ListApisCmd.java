package org.s2svpn.framework.commands;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandDescriptor;
import org.s2svpn.framework.api.CommandRegistry;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Param;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;

@APICommand(name = "listApis", description = "lists all available apis on the server, provided by the Api Discovery plugin",
        responseObject = ApiResponse.class, since = "4.1.0")
public final class ListApisCmd implements SyncCommand {
    @Parameter(name = "name", description = "API name")
    private String name;

    private final CommandRegistry registry;

    public ListApisCmd(CommandRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public Object execute(CallContext caller) {
        List<ApiResponse> apis = new ArrayList<>();
        for (CommandDescriptor d : registry.all()) {
            if (d.allows(caller.role()) && (name == null || d.name().equalsIgnoreCase(name))) {
                apis.add(describe(d, caller.role()));
            }
        }
        return ListResponse.of(ApiResponse.class, apis);
    }

    private ApiResponse describe(CommandDescriptor d, RoleType role) {
        APICommand api = d.api();
        List<ApiResponse.Parameter> params = new ArrayList<>();
        for (CommandDescriptor.ParameterField p : d.parameters()) {
            Parameter parameter = p.parameter();
            if (parameter.authorized().length == 0 || Arrays.asList(parameter.authorized()).contains(role)) {
                params.add(new ApiResponse.Parameter(parameter.name(), parameter.description(), parameter.type().apiName(),
                        parameter.length(), parameter.required(), emptyToNull(parameter.since()), null));
            }
        }
        return new ApiResponse(api.name(), api.description(), emptyToNull(api.since()), d.isAsync(), api.related(), params,
                responseFields(api.responseObject(), role));
    }

    private static List<ApiResponse.ResponseField> responseFields(Class<?> responseType, RoleType role) {
        List<ApiResponse.ResponseField> fields = new ArrayList<>();
        if (responseType.isRecord()) {
            for (RecordComponent c : responseType.getRecordComponents()) {
                Param param = c.getAnnotation(Param.class);
                if (param != null && (param.authorized().length == 0 || Arrays.asList(param.authorized()).contains(role))) {
                    fields.add(new ApiResponse.ResponseField(c.getName(), param.description(), typeName(c.getGenericType())));
                }
            }
        }
        return fields;
    }

    private static String typeName(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class) {
            return "integer";
        }
        if (raw == long.class || raw == Long.class) {
            return "long";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == LocalDateTime.class) {
            return "date";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "map";
        }
        return "object";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
