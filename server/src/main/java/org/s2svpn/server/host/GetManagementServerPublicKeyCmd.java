package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.framework.api.SyncCommand;

@APICommand(name = "getManagementServerPublicKey", description = "Returns the SSH public key the management servers log in to network"
        + " nodes with; add it to root's authorized_keys on a node before addHost.", responseObject = ManagementServerKeyResponse.class,
        authorized = RoleType.Admin)
public final class GetManagementServerPublicKeyCmd implements SyncCommand {
    private final ManagementServerKeyPair keys;

    public GetManagementServerPublicKeyCmd(ManagementServerKeyPair keys) {
        this.keys = requireNonNull(keys, "keys");
    }

    @Override
    public Object execute(CallContext caller) {
        return new ManagementServerKeyResponse(keys.publicKeyLine());
    }
}
