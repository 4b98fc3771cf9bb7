package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DataCenterVO;
import java.util.List;

@APICommand(name = "addHost", description = "Adds a new host: a network node the management server reaches over SSH with its own key"
        + " (see getManagementServerPublicKey) and runs VPC routers on.", responseObject = HostResponse.class, authorized = RoleType.Admin)
public final class AddHostCmd implements SyncCommand {
    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, required = true, description = "the Zone ID for the host")
    private Long zoneId;

    @Parameter(name = "url", required = true, description = "the host URL: ssh://address[:port]")
    private String url;

    @Parameter(name = "username", description = "the username for the host (root by default); it logs in with the management server's key")
    private String username;

    @Parameter(name = "password", sensitive = true, description = "ignored: nodes are reached with the management server's SSH key")
    private String password;

    @Parameter(name = "hypervisor", description = "ignored: routers are network namespaces")
    private String hypervisor;

    private final HostManager manager;
    private final HostViews views;

    public AddHostCmd(HostManager manager, HostViews views) {
        this.manager = requireNonNull(manager, "manager");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        // CloudStack answers addHost with a list of the hosts it added
        return ListResponse.of(HostResponse.class, List.of(views.host(manager.add(zoneId, url, username))));
    }
}
