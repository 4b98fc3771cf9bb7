package org.s2svpn.vpn;

import java.util.regex.Pattern;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.dao.DisplayAndUuid;

/** CloudStack's customid: a root admin may give a resource its own uuid, checked for the uuid format. */
public final class CustomIds {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CustomIds() {
    }

    /** Applies updateVpnGateway's and updateVpnConnection's fordisplay and customid to a row. */
    public static void apply(DisplayAndUuid dao, long id, Boolean display, String customId) {
        if (display != null) {
            dao.setDisplay(id, display);
        }
        if (customId != null) {
            dao.setUuid(id, customId);
        }
    }

    /** A customid must be a UUID that no other row of the table has (else the job failed on the unique key: a 530). */
    public static void check(DisplayAndUuid dao, long id, String customId) {
        if (customId == null) {
            return;
        }
        if (!UUID.matcher(customId).matches()) {
            throw ApiException.invalidParameter("Invalid customid " + customId + ": it must be a UUID");
        }
        if (dao.uuidTakenByOther(id, customId)) {
            throw ApiException.invalidParameter("Invalid customid " + customId + ": another resource already has this id");
        }
    }
}
