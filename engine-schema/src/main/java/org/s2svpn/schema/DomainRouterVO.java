package org.s2svpn.schema;

import java.time.LocalDateTime;
import org.s2svpn.framework.db.Table;

/** A VPC router: a namespace on a network node (hostId), or a simulated router when hostId is null. */
@Table("domain_router")
public record DomainRouterVO(long id, String uuid, String name, long vpcId, long zoneId, Long hostId, Long publicIpId, long accountId,
                             long domainId, State state, String lastError, LocalDateTime created) {
    /** CloudStack's VM states, as far as routers go here. */
    public enum State { Starting, Running, Stopping, Stopped }

    /** The namespace (and short name) of the router on its node. */
    public String namespace() {
        return "r-" + id;
    }
}
