package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.VpcOfferingVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.account.BaseListProjectAndAccountResourcesCmd;
import org.s2svpn.server.account.OwnerScope;

@APICommand(name = "listVPCs", description = "Lists VPCs", responseObject = VpcResponse.class)
public final class ListVPCsCmd extends BaseListProjectAndAccountResourcesCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpcVO.class, description = "list VPC by id")
    private Long id;

    @Parameter(name = "name", description = "list by name of the VPC")
    private String name;

    @Parameter(name = "displaytext", description = "List by display text of the VPC")
    private String displayText;

    @Parameter(name = "cidr", description = "list by cidr of the VPC. All VPC guest networks' cidrs should be within this CIDR")
    private String cidr;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "list by zone")
    private Long zoneId;

    @Parameter(name = "vpcofferingid", type = CommandType.UUID, entityType = VpcOfferingVO.class, description = "list by ID of the VPC offering")
    private Long offeringId;

    @Parameter(name = "state", description = "list VPCs by state")
    private String state;

    @Parameter(name = "restartrequired", type = CommandType.BOOLEAN, description = "list VPCs by restartRequired option")
    private Boolean restartRequired;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "list resources by display flag; only ROOT admin is eligible to pass this parameter")
    private Boolean display;

    private final VpcDao vpcs;
    private final OwnerScope scope;
    private final VpcViews views;

    public ListVPCsCmd(VpcDao vpcs, OwnerScope scope, VpcViews views) {
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.scope = requireNonNull(scope, "scope");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (askedForAProject()) {
            return ListResponse.of(VpcResponse.class, List.of());
        }
        List<VpcResponse> found = vpcs.search(visibleAccounts(scope, caller, id), id, name, zoneId, state).stream()
                .filter(v -> displayText == null || v.displayText().equals(displayText))
                .filter(v -> cidr == null || v.cidr().equals(cidr))
                .filter(v -> offeringId == null || v.vpcOfferingId() == offeringId)
                .filter(v -> restartRequired == null || v.restartRequired() == restartRequired)
                .filter(v -> display == null || v.display() == display)
                .filter(v -> keyword == null || v.name().contains(keyword) || v.displayText().contains(keyword))
                .map(v -> views.vpc(v, caller))
                .toList();
        return ListResponse.paged(VpcResponse.class, found, paging());
    }
}
