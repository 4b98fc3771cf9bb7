package org.s2svpn.server.capabilities;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiVersion;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.SyncCommand;

@APICommand(name = "listCapabilities", description = "Lists capabilities", responseObject = CapabilitiesResponse.class)
public final class ListCapabilitiesCmd implements SyncCommand {
    @Override
    public Object execute(CallContext caller) {
        return new CapabilitiesResponse(ApiVersion.CLOUDSTACK, false, false, false, false, false, false, false, true, 1, 0);
    }
}
