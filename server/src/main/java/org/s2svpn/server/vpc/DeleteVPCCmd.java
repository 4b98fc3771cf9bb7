package org.s2svpn.server.vpc;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.SuccessResponse;

@APICommand(name = "deleteVPC", description = "Deletes a VPC", responseObject = SuccessResponse.class)
public final class DeleteVPCCmd extends VpcJobCmd {
    public DeleteVPCCmd(VpcManager manager) {
        super(manager);
    }

    @Override
    public void validate(CallContext caller) {
        super.validate(caller);
        manager.checkDeletable(vpc);
    }

    @Override
    public Object execute(CallContext caller) {
        manager.delete(vpc);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "VPC.DELETE";
    }

    @Override
    public String eventDescription() {
        return "deleting VPC " + vpc.name();
    }
}
