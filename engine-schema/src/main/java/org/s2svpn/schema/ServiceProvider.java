package org.s2svpn.schema;

import java.util.Arrays;
import java.util.List;

/** A network service and the element that provides it, as offerings list them ("Vpn:VpcVirtualRouter"). */
public record ServiceProvider(String service, String provider) {
    public static List<ServiceProvider> parse(String services) {
        return Arrays.stream(services.split(","))
                .filter(s -> !s.isBlank())
                .map(s -> {
                    String[] parts = s.split(":", 2);
                    return new ServiceProvider(parts[0].trim(), parts[1].trim());
                })
                .toList();
    }
}
