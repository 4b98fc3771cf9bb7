package org.s2svpn.server.router;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AccessPolicy;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.RoleType;
import org.s2svpn.schema.dao.RouterDao;

@APICommand(name = "startRouter", description = "Starts a router.", responseObject = RouterResponse.class,
        authorized = {RoleType.Admin, RoleType.DomainAdmin})
public final class StartRouterCmd extends RouterJobCmd {
    public StartRouterCmd(RouterManager manager, RouterViews views, RouterDao routers, AccessPolicy access) {
        super(manager, views, routers, access);
    }

    @Override
    public Object execute(CallContext caller) {
        manager.start(id);
        return view(id);
    }

    @Override
    public String eventType() {
        return "ROUTER.START";
    }
}
