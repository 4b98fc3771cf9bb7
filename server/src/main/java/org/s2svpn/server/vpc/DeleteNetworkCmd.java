package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SuccessResponse;
import org.s2svpn.schema.NetworkVO;

@APICommand(name = "deleteNetwork", description = "Deletes a network", responseObject = SuccessResponse.class)
public final class DeleteNetworkCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = NetworkVO.class, required = true, description = "the ID of the network")
    private Long id;

    @Parameter(name = "forced", type = CommandType.BOOLEAN, description = "Force delete a network. Network will be marked as 'Destroy' even when commands to shutdown and cleanup to the backend fails.")
    private Boolean forced;

    private final VpcManager manager;
    private NetworkVO tier;

    public DeleteNetworkCmd(VpcManager manager) {
        this.manager = requireNonNull(manager, "manager");
    }

    @Override
    public void validate(CallContext caller) {
        tier = manager.accessibleTier(caller, id);
    }

    @Override
    public Object execute(CallContext caller) {
        manager.deleteTier(tier);
        return SuccessResponse.ok();
    }

    @Override
    public String eventType() {
        return "NETWORK.DELETE";
    }

    @Override
    public String eventDescription() {
        return "deleting network " + tier.name();
    }

    @Override
    public String instanceType() {
        return "Network";
    }

    @Override
    public String instanceUuid() {
        return tier.uuid();
    }
}
