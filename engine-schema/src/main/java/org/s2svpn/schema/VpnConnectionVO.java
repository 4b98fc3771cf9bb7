package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A connection between a VPN gateway and a customer gateway, with the state the monitor keeps. */
@Table("s2s_vpn_connection")
public record VpnConnectionVO(long id, String uuid, long vpnGatewayId, long customerGatewayId, State state, long domainId, long accountId,
                              boolean passive, boolean display, String reason, LocalDateTime stateChanged, LocalDateTime created) {
    /** CloudStack's Site2SiteVpnConnection.State. */
    public enum State { Pending, Connecting, Connected, Disconnected, Error, Removed }
}
