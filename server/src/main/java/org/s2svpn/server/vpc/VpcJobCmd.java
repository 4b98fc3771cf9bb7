package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.VpcVO;

/** An async command on one VPC the caller may act on: the id parameter, the access check, the job's instance. */
abstract class VpcJobCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpcVO.class, required = true, description = "the id of the VPC")
    protected Long id;

    protected final VpcManager manager;
    protected VpcVO vpc;

    VpcJobCmd(VpcManager manager) {
        this.manager = requireNonNull(manager, "manager");
    }

    @Override
    public void validate(CallContext caller) {
        vpc = manager.accessible(caller, id);
    }

    @Override
    public String instanceType() {
        return "Vpc";
    }

    @Override
    public String instanceUuid() {
        return vpc.uuid();
    }
}
