package org.s2svpn.server.host;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.DataCenterVO;
import org.s2svpn.schema.HostVO;
import org.s2svpn.schema.dao.DataCenterDao;

/** Builds the API's view of a network node. */
public final class HostViews {
    private final DataCenterDao zones;

    public HostViews(DataCenterDao zones) {
        this.zones = requireNonNull(zones, "zones");
    }

    public HostResponse host(HostVO h) {
        DataCenterVO zone = zones.findById(h.zoneId()).orElseThrow();
        return new HostResponse(h.uuid(), h.name(), h.status(), "Routing", h.address(), h.url(), zone.uuid(), zone.name(), "None",
                h.scriptsVersion(), "Enabled", h.lastError(), ApiGson.format(h.created()));
    }
}
