package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.DomainVO;
import org.s2svpn.schema.NetworkOfferingVO;
import org.s2svpn.schema.VpcVO;

@APICommand(name = "createNetwork", description = "Creates a network", responseObject = NetworkResponse.class)
public final class CreateNetworkCmd implements SyncCommand {
    @Parameter(name = "name", required = true, description = "the name of the network")
    private String name;

    @Parameter(name = "displaytext", description = "the display text of the network")
    private String displayText;

    @Parameter(name = "networkofferingid", type = CommandType.UUID, entityType = NetworkOfferingVO.class, required = true,
            description = "the network offering ID")
    private Long offeringId;

    @Parameter(name = "zoneid", type = CommandType.UUID, entityType = DataCenterVO.class, required = true,
            description = "the zone ID for the network")
    private Long zoneId;

    @Parameter(name = "vpcid", type = CommandType.UUID, entityType = VpcVO.class,
            description = "the VPC network belongs to (networks outside a VPC are not supported here)")
    private Long vpcId;

    @Parameter(name = "gateway", description = "the gateway of the network. Required for shared networks and isolated networks when it belongs to VPC")
    private String gateway;

    @Parameter(name = "netmask", description = "the netmask of the network. Required for shared networks and isolated networks when it belongs to VPC")
    private String netmask;

    @Parameter(name = "account", description = "account that will own the network")
    private String accountName;

    @Parameter(name = "domainid", type = CommandType.UUID, entityType = DomainVO.class, description = "domain ID of the account owning a network")
    private Long domainId;

    private final VpcManager manager;
    private final VpcViews views;

    public CreateNetworkCmd(VpcManager manager, VpcViews views) {
        this.manager = requireNonNull(manager, "manager");
        this.views = requireNonNull(views, "views");
    }

    @Override
    public Object execute(CallContext caller) {
        if (vpcId == null) {
            throw ApiException.invalidParameter("Missing vpcid: only networks in a VPC (tiers) are supported");
        }
        if (gateway == null || netmask == null) {
            throw ApiException.invalidParameter("Missing " + (gateway == null ? "gateway" : "netmask") + ": gateway and netmask are"
                    + " required for a network in a VPC");
        }
        VpcVO vpc = manager.accessible(caller, vpcId);
        if (vpc.zoneId() != zoneId) {
            throw ApiException.invalidParameter("Invalid zoneid: the VPC is in another zone");
        }
        return views.network(manager.createTier(caller, vpc, name, displayText, gateway, netmask, offeringId));
    }
}
