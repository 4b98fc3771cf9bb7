package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.VpnConnectionVO;

/** An async command on one connection the caller may act on. */
abstract class VpnConnectionJobCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnConnectionVO.class, required = true, description = "id of vpn connection")
    protected Long id;

    protected final VpnConnectionService service;
    protected VpnConnectionVO connection;

    VpnConnectionJobCmd(VpnConnectionService service) {
        this.service = requireNonNull(service, "service");
    }

    @Override
    public void validate(CallContext caller) {
        connection = service.accessible(caller, id);
    }

    @Override
    public String instanceType() {
        return "VpnConnection";
    }

    @Override
    public String instanceUuid() {
        return connection.uuid();
    }
}
