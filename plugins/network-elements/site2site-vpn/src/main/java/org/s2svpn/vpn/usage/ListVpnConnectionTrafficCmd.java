package org.s2svpn.vpn.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.schema.Times;
import org.s2svpn.schema.VpnConnectionVO;
import org.s2svpn.schema.dao.S2sUsageDao;
import org.s2svpn.schema.dao.S2sUsageDao.UsageRecord;
import org.s2svpn.vpn.connection.VpnConnectionService;

/**
 * The bytes a connection carried per hour, for whoever may see the connection: listUsageRecords has the same bytes
 * but is for admins and domain admins only, as in CloudStack. One item per hour, oldest first, this hour last; an hour
 * without usage records has 0 bytes. Not paged: at most 720 items, and a graph wants them all.
 */
@APICommand(name = "listVpnConnectionTraffic", description = "Lists the bytes sent and received through a site-to-site VPN connection per hour"
        + " (s2svpn)", responseObject = VpnConnectionTrafficResponse.class)
public final class ListVpnConnectionTrafficCmd implements SyncCommand {
    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 720;

    @Parameter(name = "id", type = CommandType.UUID, entityType = VpnConnectionVO.class, required = true, description = "id of the vpn connection")
    private Long id;

    @Parameter(name = "hours", type = CommandType.INTEGER,
            description = "the number of hours to list, this hour and the ones before it: 1 to " + MAX_HOURS + ", " + DEFAULT_HOURS + " by default")
    private Integer hours;

    private final VpnConnectionService connections;
    private final S2sUsageDao usage;

    public ListVpnConnectionTrafficCmd(VpnConnectionService connections, S2sUsageDao usage) {
        this.connections = requireNonNull(connections, "connections");
        this.usage = requireNonNull(usage, "usage");
    }

    @Override
    public Object execute(CallContext caller) {
        int count = hours == null ? DEFAULT_HOURS : hours;
        if (count < 1 || count > MAX_HOURS) {
            throw ApiException.invalidParameter("Invalid hours " + hours + ": it must be 1 to " + MAX_HOURS);
        }
        VpnConnectionVO connection = connections.accessible(caller, id);
        LocalDateTime now = Times.now();
        LocalDateTime first = now.truncatedTo(ChronoUnit.HOURS).minusHours(count - 1);
        // the search listUsageRecords makes, narrowed to this connection: both show the same bytes
        List<UsageRecord> records = usage.search(List.of(connection.accountId()), null, first, now, connection.id());
        return ListResponse.of(VpnConnectionTrafficResponse.class, hourly(records, first, count));
    }

    /** The bytes sent and received in each of count hours from first, from a connection's usage records. */
    static List<VpnConnectionTrafficResponse> hourly(List<UsageRecord> records, LocalDateTime first, int count) {
        long[] sent = new long[count];
        long[] received = new long[count];
        for (UsageRecord r : records) {
            long hour = ChronoUnit.HOURS.between(first, r.start());
            if (r.start().isBefore(first) || hour >= count) {
                continue;
            }
            if (r.type() == S2sUsage.BYTES_SENT) {
                sent[(int) hour] += r.rawUsage();
            } else if (r.type() == S2sUsage.BYTES_RECEIVED) {
                received[(int) hour] += r.rawUsage();
            }
        }
        return IntStream.range(0, count)
                .mapToObj(i -> new VpnConnectionTrafficResponse(ApiGson.format(first.plusHours(i)), sent[i], received[i]))
                .toList();
    }
}
