package org.s2svpn.server.config;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("configuration")
public record ConfigurationResponse(
        @Param(description = "the category of the configuration") String category,
        @Param(description = "the name of the configuration") String name,
        @Param(description = "the value of the configuration") String value,
        @Param(description = "the default value of the configuration") String defaultvalue,
        @Param(description = "the description of the configuration") String description,
        @Param(description = "the type of the configuration value") String type,
        @Param(description = "the scope of the configuration, global for these") String scope,
        @Param(description = "true if the configuration is dynamic") boolean isdynamic) {
}
