package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AsyncCreateCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.VpcOfferingVO;
import org.s2svpn.schema.VpcVO;
import org.s2svpn.schema.dao.DataCenterDao;
import org.s2svpn.schema.dao.VpcDao;
import org.s2svpn.server.account.OwnerScope;
import org.s2svpn.server.router.RouterManager;

@APICommand(name = "createVPC", description = "Creates a VPC", responseObject = VpcResponse.class, since = "4.0.0")
public final class CreateVPCCmd implements AsyncCreateCommand {
    @Parameter(name = "name", required = true, description = "the name of the VPC")
    private String name;

    @Parameter(name = "displaytext", description = "The display text of the VPC, defaults to its 'name'.")
    private String displayText;

    @Parameter(name = "cidr", required = true, description = "the cidr of the VPC. All VPC guest networks' cidrs should be within this CIDR")
    private String cidr;

    @Parameter(name = "vpcofferingid", type = CommandType.UUID, entityType = VpcOfferingVO.class, required = true,
            description = "the ID of the VPC offering")
    private Long offeringId;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, required = true,
            description = "the ID of the availability zone")
    private Long zoneId;

    @Parameter(name = "account", description = "the account associated with the VPC. Must be used with the domainId parameter.")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class,
            description = "the domain ID associated with the VPC. If used with the account parameter returns the VPC associated with the account for the specified domain.")
    private Long domainId;

    @Parameter(name = "networkdomain", description = "VPC network domain. All networks inside the VPC will belong to this domain")
    private String networkDomain;

    @Parameter(name = "start", type = CommandType.BOOLEAN, since = "4.3",
            description = "If set to false, the VPC won't start (VPC VR will not get allocated) until its first network gets implemented. True by default.")
    private Boolean start;

    @Parameter(name = "fordisplay", type = CommandType.BOOLEAN, since = "4.4", authorized = RoleType.Admin,
            description = "an optional field, whether to the display the vpc to the end user or not")
    private Boolean display;

    private final VpcManager manager;
    private final VpcDao vpcs;
    private final DataCenterDao zones;
    private final OwnerScope owners;
    private final RouterManager routers;
    private final VpcViews views;
    private VpcVO vpc;

    public CreateVPCCmd(VpcManager manager, VpcDao vpcs, DataCenterDao zones, OwnerScope owners, RouterManager routers, VpcViews views) {
        this.manager = requireNonNull(manager, "manager");
        this.vpcs = requireNonNull(vpcs, "vpcs");
        this.zones = requireNonNull(zones, "zones");
        this.owners = requireNonNull(owners, "owners");
        this.routers = requireNonNull(routers, "routers");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public String create(CallContext caller) {
        vpc = manager.create(owners.owner(caller, accountName, domainId), name, displayText, cidr, offeringId,
                zones.findById(zoneId).orElseThrow(), networkDomain, display == null || display);
        return vpc.uuid();
    }

    @Override
    public Object execute(CallContext caller) {
        if (start == null || start) {
            routers.start(manager.routerOf(vpc).id());
        }
        return views.vpc(vpcs.findById(vpc.id()).orElseThrow(), caller);
    }

    @Override
    public String eventType() {
        return "VPC.CREATE";
    }

    @Override
    public String eventDescription() {
        return "creating VPC " + name;
    }

    @Override
    public String instanceType() {
        return "Vpc";
    }

    @Override
    public String instanceUuid() {
        return vpc == null ? null : vpc.uuid();
    }
}
