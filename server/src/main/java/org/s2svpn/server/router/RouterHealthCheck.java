package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.schema.DomainRouterVO;
import org.s2svpn.schema.dao.RouterDao;
import org.s2svpn.server.event.AlertManager;

/**
 * Asks each Running router whether its namespace is still there. A router whose node lost it (the node rebooted,
 * someone deleted it) is built again from the database, and its features re-apply their configuration.
 */
public final class RouterHealthCheck implements RouterCheck {
    private static final Logger LOG = LogManager.getLogger(RouterHealthCheck.class);
    private final RouterManager manager;
    private final RouterDao routers;
    private final AlertManager alerts;

    public RouterHealthCheck(RouterManager manager, RouterDao routers, AlertManager alerts) {
        this.manager = requireNonNull(manager, "manager");
        this.routers = requireNonNull(routers, "routers");
        this.alerts = requireNonNull(alerts, "alerts");
    }

    @Override
    public void check(DomainRouterVO router) {
        RouterAnswer answer;
        try {
            answer = manager.send(router, "status", null);
        } catch (RouterUnreachableException e) {
            LOG.warn("router {}: status unknown: {}", router.name(), e.getMessage());
            return;
        }
        if (!answer.success() || answer.output().isBlank()) {
            return; // an unclear answer changes nothing
        }
        JsonObject status = JsonParser.parseString(answer.output()).getAsJsonObject();
        if (status.has("exists") && !status.get("exists").getAsBoolean()) {
            LOG.warn("router {} is Running but its namespace is gone from its node: building it again", router.name());
            alerts.raise(AlertManager.AlertType.DOMAIN_ROUTER, router.zoneId(), "Router " + router.name()
                    + " was lost by its network node and is being rebuilt", null);
            routers.setState(router.id(), DomainRouterVO.State.Stopped, "lost by its network node; rebuilt");
            manager.start(router.id());
        }
    }
}
