package org.s2svpn.server.vpc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.s2svpn.schema.ServiceProvider;

/** A network service and its providers, as offerings, VPCs and networks list them. */
public record ServiceResponse(String name, List<Provider> provider) {
    /** A provider of a service. */
    public record Provider(String name) {
    }

    public static List<ServiceResponse> of(List<ServiceProvider> services) {
        Map<String, List<Provider>> byService = services.stream().collect(Collectors.groupingBy(ServiceProvider::service,
                java.util.LinkedHashMap::new, Collectors.mapping(s -> new Provider(s.provider()), Collectors.toList())));
        return byService.entrySet().stream().map(e -> new ServiceResponse(e.getKey(), e.getValue())).toList();
    }
}
