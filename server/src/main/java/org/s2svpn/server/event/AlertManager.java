package org.s2svpn.server.event;

import static java.util.Objects.requireNonNull;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.schema.AlertVO;
import org.s2svpn.schema.dao.AlertDao;

/** Raises alerts for operators (listAlerts), with CloudStack's alert type numbers and names. */
public final class AlertManager {
    private static final Logger LOG = LogManager.getLogger(AlertManager.class);

    /** CloudStack's AlertService.AlertType values used here. */
    public enum AlertType {
        DOMAIN_ROUTER(9, "ALERT.SERVICE.DOMAINROUTER"),
        MANAGEMENT_NODE(13, "ALERT.MANAGEMENT");

        private final int type;
        private final String alertName;

        AlertType(int type, String alertName) {
            this.type = type;
            this.alertName = alertName;
        }
    }

    private final AlertDao alerts;

    public AlertManager(AlertDao alerts) {
        this.alerts = requireNonNull(alerts, "alerts");
    }

    public AlertVO raise(AlertType type, Long zoneId, String subject, String content) {
        LOG.warn("alert {}: {}", type.alertName, subject);
        return alerts.insert(type.type, type.alertName, subject, content, zoneId);
    }
}
