package org.s2svpn.server.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.config.ConfigDepot;

@APICommand(name = "listConfigurations", description = "Lists all configurations.", responseObject = ConfigurationResponse.class,
        authorized = RoleType.Admin)
public final class ListConfigurationsCmd extends BaseListCmd {
    @Parameter(name = "name", description = "lists configuration by name")
    private String name;

    @Parameter(name = "category", description = "lists configurations by category")
    private String category;

    private final ConfigDepot config;

    public ListConfigurationsCmd(ConfigDepot config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public Object execute(CallContext caller) {
        // CloudStack matches name as a substring, as cmk's "list configurations name=router" expects
        List<ConfigurationResponse> found = config.settings().stream()
                .filter(s -> name == null || s.key().name().contains(name))
                .filter(s -> category == null || s.key().category().equalsIgnoreCase(category))
                .filter(s -> keyword == null || s.key().name().contains(keyword))
                .map(UpdateConfigurationCmd::view)
                .toList();
        return ListResponse.paged(ConfigurationResponse.class, found, paging());
    }
}
