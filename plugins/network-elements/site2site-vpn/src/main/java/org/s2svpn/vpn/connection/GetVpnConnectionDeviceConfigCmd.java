package org.s2svpn.vpn.connection;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.ParameterBinder;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.VpnConnectionDao;
import org.s2svpn.server.account.AccessPolicyImpl;
import org.s2svpn.vpn.api.VpnConnectionDeviceConfigResponse;
import org.s2svpn.vpn.policy.InvalidValueException;
import org.s2svpn.vpn.render.DeviceConfig;
import org.s2svpn.vpn.render.DeviceVendor;
import org.s2svpn.vpn.router.S2sModels;

/**
 * The configuration of a connection's customer gateway device, for one vendor (issue 9). It holds the pre-shared
 * key, so it is given exactly to those who see the key already: the callers to whom listVpnConnections shows the
 * connection (and with it its {@code ipsecpsk}), which are its owner's users, the domain admins of its domain or
 * above, and root admins. Anyone else gets the error of an id that does not exist, and learns nothing of the
 * connection.
 */
@APICommand(name = GetVpnConnectionDeviceConfigCmd.NAME, description = "Gets the configuration of the customer gateway device of a site to"
        + " site VPN connection, for one vendor: cisco-ios, juniper-srx, strongswan or libreswan (s2svpn)",
        responseObject = VpnConnectionDeviceConfigResponse.class, responseHasSensitiveInfo = true)
public final class GetVpnConnectionDeviceConfigCmd implements SyncCommand {
    static final String NAME = "getVpnConnectionDeviceConfig";

    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnConnectionVO.class, required = true, description = "id of the vpn connection")
    private Long id;

    @Parameter(name = DeviceVendor.PARAMETER, type = CommandType.STRING, required = true,
            description = "the customer gateway device: cisco-ios, juniper-srx, strongswan (swanctl.conf) or libreswan (ipsec.conf)")
    private String vendor;

    private final VpnConnectionDao connections;
    private final AccessPolicyImpl access;
    private final S2sModels models;

    public GetVpnConnectionDeviceConfigCmd(VpnConnectionDao connections, AccessPolicyImpl access, S2sModels models) {
        this.connections = requireNonNull(connections, "connections");
        this.access = requireNonNull(access, "access");
        this.models = requireNonNull(models, "models");
    }

    @Override
    public Object execute(CallContext caller) {
        VpnConnectionDao.Run run = connections.runById(id).orElse(null);
        if (run == null || !access.canAccess(caller, run.connection().accountId())) {
            throw ParameterBinder.unknownEntity(NAME, "id", connections.findUuid(id));
        }
        DeviceVendor device;
        try {
            device = DeviceVendor.parse(vendor);
        } catch (InvalidValueException e) {
            throw ApiException.invalidParameter(e.getMessage());
        }
        DeviceConfig config = device.render(models.model(run));
        return new VpnConnectionDeviceConfigResponse(run.connection().uuid(), device.token(), config.configuration(), config.secrets());
    }
}
