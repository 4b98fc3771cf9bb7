package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.NetworkOfferingVO;
import org.s2svpn.schema.dao.OfferingDao;

@APICommand(name = "listNetworkOfferings", description = "Lists all available network offerings.", responseObject = NetworkOfferingResponse.class)
public final class ListNetworkOfferingsCmd extends BaseListCmd {
    @Parameter(name = "id", type = CommandType.UUID, entityType = NetworkOfferingVO.class, description = "list network offerings by ID")
    private Long id;

    @Parameter(name = "name", description = "list network offerings by name")
    private String name;

    @Parameter(name = "forvpc", type = CommandType.BOOLEAN, description = "the network offering can be used only for network creation inside the VPC")
    private Boolean forVpc;

    @Parameter(name = "isdefault", type = CommandType.BOOLEAN, description = "true if need to list only default network offerings. Default value is false")
    private Boolean isDefault;

    @Parameter(name = "guestiptype", description = "list network offerings by guest type: shared or isolated")
    private String guestIpType;

    @Parameter(name = "state", description = "list network offerings by state")
    private String state;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, description = "list network offerings available for network creation in specific zone")
    private Long zoneId;

    private final OfferingDao offerings;

    public ListNetworkOfferingsCmd(OfferingDao offerings) {
        this.offerings = requireNonNull(offerings, "offerings");
    }

    @Override
    public Object execute(CallContext caller) {
        List<NetworkOfferingResponse> found = offerings.networkOfferings().stream()
                .filter(o -> id == null || o.id() == id)
                .filter(o -> name == null || o.name().equals(name))
                .filter(o -> forVpc == null || o.forVpc() == forVpc)
                .filter(o -> isDefault == null || o.isDefault() == isDefault)
                .filter(o -> guestIpType == null || guestIpType.equalsIgnoreCase("Isolated"))
                .filter(o -> state == null || o.state().equalsIgnoreCase(state))
                .filter(o -> keyword == null || o.name().contains(keyword))
                .map(VpcViews::offering)
                .toList();
        return ListResponse.paged(NetworkOfferingResponse.class, found, paging());
    }
}
