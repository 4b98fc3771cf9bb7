package org.s2svpn.server.vpc;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SuccessResponse;

@APICommand(name = "restartVPC", description = "Restarts a VPC", responseObject = SuccessResponse.class)
public final class RestartVPCCmd extends VpcJobCmd {
    @Parameter(name = "cleanup", type = CommandType.BOOLEAN, since = "4.6",
            description = "If cleanup old network elements: the router is torn down and built anew")
    private Boolean cleanup;

    public RestartVPCCmd(VpcManager manager) {
        super(manager);
    }

    @Override
    public Object execute(CallContext caller) {
        manager.restart(vpc, Boolean.TRUE.equals(cleanup));
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "VPC.RESTART";
    }

    @Override
    public String eventDescription() {
        return "restarting VPC " + vpc.name();
    }
}
