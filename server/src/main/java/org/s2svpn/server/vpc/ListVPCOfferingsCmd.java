package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.VpcOfferingVO;
import org.s2svpn.schema.dao.OfferingDao;

@APICommand(name = "listVPCOfferings", description = "Lists VPC offerings", responseObject = VpcOfferingResponse.class)
public final class ListVPCOfferingsCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = VpcOfferingVO.class, description = "list VPC offerings by id")
    private Long id;

    @Parameter(name = "name", description = "list VPC offerings by name")
    private String name;

    @Parameter(name = "isdefault", type = CommandType.BOOLEAN, description = "true if need to list only default VPC offerings. Default value is false")
    private Boolean isDefault;

    @Parameter(name = "state", description = "list VPC offerings by state")
    private String state;

    private final OfferingDao offerings;

    public ListVPCOfferingsCmd(OfferingDao offerings) {
        this.offerings = requireNonNull(offerings, "offerings");
    }

    @Override
    public Object execute(CallContext caller) {
        List<VpcOfferingResponse> found = offerings.vpcOfferings().stream()
                .filter(o -> id == null || o.id() == id)
                .filter(o -> name == null || o.name().equals(name))
                .filter(o -> isDefault == null || o.isDefault() == isDefault)
                .filter(o -> state == null || o.state().equalsIgnoreCase(state))
                .filter(o -> keyword == null || o.name().contains(keyword))
                .map(VpcViews::offering)
                .toList();
        return ListResponse.paged(VpcOfferingResponse.class, found, paging());
    }
}
