package org.s2svpn.server.config;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.framework.config.ConfigDepot;

@APICommand(name = "updateConfiguration", description = "Updates a configuration.", responseObject = ConfigurationResponse.class,
        authorized = RoleType.Admin)
public final class UpdateConfigurationCmd implements SyncCommand {
    @Parameter(name = "name", required = true, description = "the name of the configuration")
    private String name;

    @Parameter(name = "value", length = 4095, description = "the value of the configuration")
    private String value;

    private final ConfigDepot config;

    public UpdateConfigurationCmd(ConfigDepot config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public Object execute(CallContext caller) {
        var key = config.key(name).orElseThrow(() -> ApiException.invalidParameter("Configuration " + name + " does not exist"));
        String newValue = value == null ? key.defaultValue() : value;
        try {
            return view(config.update(name, newValue));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Invalid value '" + newValue + "' for configuration " + name + ": " + e.getMessage());
        }
    }

    static ConfigurationResponse view(ConfigDepot.Setting s) {
        return new ConfigurationResponse(s.key().category(), s.key().name(), s.value(), s.key().defaultValue(), s.key().description(),
                s.key().typeName(), "global", true);
    }
}
