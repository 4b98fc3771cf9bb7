package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SuccessResponse;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.HostDao;

@APICommand(name = "deleteHost", description = "Deletes a host.", responseObject = SuccessResponse.class, authorized = RoleType.Admin)
public final class DeleteHostCmd implements SyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = HostVO.class, required = true, description = "the host ID")
    private Long id;

    private final HostManager manager;
    private final HostDao hosts;

    public DeleteHostCmd(HostManager manager, HostDao hosts) {
        this.manager = requireNonNull(manager, "manager");
        this.hosts = requireNonNull(hosts, "hosts");
    }

    @Override
    public Object execute(CallContext caller) {
        manager.delete(hosts.findById(id).orElseThrow());
        return SuccessResponse.ok();
    }
}
