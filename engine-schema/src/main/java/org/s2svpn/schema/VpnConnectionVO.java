package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/**
 * A connection between a VPN gateway and a customer gateway, with the state the monitor keeps; {@code childSasUp} is
 * the names of its CHILD SAs that were up at the monitor's last reading (comma-separated), null when none was.
 */
@Table("s2s_vpn_connection")
public record VpnConnectionVO(long id, String uuid, long vpnGatewayId, long customerGatewayId, State state, long domainId, long accountId,
                              boolean passive, boolean display, String reason, LocalDateTime stateChanged, LocalDateTime created,
                              String childSasUp) {
    /** CloudStack's Site2SiteVpnConnection.State. */
    public enum State { Pending, Connecting, Connected, Disconnected, Error, Removed }
}
