package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.AccessPolicy;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.RouterDao;

/** An async command on one router the caller may act on. */
abstract class RouterJobCmd implements AsyncCommand {
    @Parameter(name = "id", type = CommandType.UUID, entityType = DomainRouterVO.class, required = true, description = "the ID of the router")
    protected Long id;

    protected final RouterManager manager;
    protected final RouterViews views;
    private final RouterDao routers;
    private final AccessPolicy access;
    protected DomainRouterVO router;

    RouterJobCmd(RouterManager manager, RouterViews views, RouterDao routers, AccessPolicy access) {
        this.manager = requireNonNull(manager, "manager");
        this.views = requireNonNull(views, "views");
        this.routers = requireNonNull(routers, "routers");
        this.access = requireNonNull(access, "access");
    }

    @Override
    public void validate(CallContext caller) {
        router = routers.findById(id).orElseThrow();
        if (!access.canAccess(caller, router.accountId())) {
            throw ApiException.permissionDenied("Caller does not have permission to operate on router " + router.uuid());
        }
    }

    protected Object view(long routerId) {
        return views.router(routers.findById(routerId).orElse(router));
    }

    @Override
    public String eventDescription() {
        return eventType().toLowerCase().replace("router.", "") + " router " + router.name();
    }

    @Override
    public String instanceType() {
        return "DomainRouter";
    }

    @Override
    public String instanceUuid() {
        return router.uuid();
    }
}
