package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.dao.VpcDao;

@APICommand(name = "updateVPC", description = "Updates a VPC", responseObject = VpcResponse.class)
public final class UpdateVPCCmd extends VpcJobCmd {
    @Parameter(name = "name", description = "the name of the VPC")
    private String name;

    @Parameter(name = "displaytext", description = "the display text of the VPC")
    private String displayText;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpc to the end user or not")
    private Boolean display;

    private final VpcDao vpcs;
    private final VpcViews views;

    public UpdateVPCCmd(VpcManager manager, VpcDao vpcs, VpcViews views) {
        super(manager);
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public void validate(CallContext caller) {
        super.validate(caller);
        if (name != null) {
            VpcManager.requireText("name", name); // as createVPC: a newline or NUL in a name was stored
        }
    }

    @Override
    public Object execute(CallContext caller) {
        vpcs.update(vpc.id(), name, displayText, display);
        return views.vpc(vpcs.findById(vpc.id()).orElseThrow(), caller);
    }

    @Override
    public String eventType() {
        return "VPC.UPDATE";
    }

    @Override
    public String eventDescription() {
        return "updating VPC " + vpc.name();
    }
}
