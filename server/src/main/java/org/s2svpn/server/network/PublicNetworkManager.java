package org.s2svpn.server.network;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.schema.VlanVO;
import org.s2svpn.schema.dao.IpAddressDao;
import org.s2svpn.schema.dao.VlanDao;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.net.Ipv4;
import org.springframework.transaction.support.TransactionTemplate;

/** The zone's public network: IP ranges, from which each VPC takes its source-NAT address. */
public final class PublicNetworkManager {
    private static final Logger LOG = LogManager.getLogger(PublicNetworkManager.class);
    static final int MAX_RANGE = 65_536;

    private final VlanDao vlans;
    private final IpAddressDao addresses;
    private final TransactionTemplate tx;

    public PublicNetworkManager(VlanDao vlans, IpAddressDao addresses, TransactionTemplate tx) {
        this.vlans = requireNonNull(vlans, "vlans");
        this.addresses = requireNonNull(addresses, "addresses");
        this.tx = requireNonNull(tx, "tx");
    }

    public VlanVO createRange(long zoneId, String gateway, String netmask, String startIp, String endIp, String vlan) {
        requireIp("gateway", gateway);
        requireIp("startip", startIp);
        String end = endIp == null ? startIp : endIp;
        requireIp("endip", end);
        int prefix = Cidr.prefixOfNetmask(netmask);
        if (prefix < 1 || prefix > 30) {
            throw ApiException.invalidParameter("Invalid netmask " + netmask + ": a contiguous IPv4 netmask from /1 to /30");
        }
        Cidr subnet = new Cidr(Ipv4.parse(gateway), prefix);
        Ipv4 first = Ipv4.parse(startIp);
        Ipv4 last = Ipv4.parse(end);
        if (first.compareTo(last) > 0) {
            throw ApiException.invalidParameter("Invalid startip " + startIp + " and endip " + end + ": startip must not be after endip");
        }
        if (!subnet.contains(first) || !subnet.contains(last)) {
            throw ApiException.invalidParameter("Invalid startip " + startIp + " or endip " + end + ": the range must be inside "
                    + subnet + " given by gateway and netmask");
        }
        if (first.equals(subnet.network()) || last.equals(subnet.broadcast())) {
            throw ApiException.invalidParameter("Invalid startip " + startIp + " or endip " + end
                    + ": the network and broadcast addresses of " + subnet + " cannot be used");
        }
        Ipv4 gw = Ipv4.parse(gateway);
        if (gw.compareTo(first) >= 0 && gw.compareTo(last) <= 0) {
            throw ApiException.invalidParameter("Invalid gateway " + gateway + ": it is inside the range " + startIp + "-" + end);
        }
        long size = last.value() - first.value() + 1;
        if (size > MAX_RANGE) {
            throw ApiException.invalidParameter("Invalid endip " + end + ": a range holds at most " + MAX_RANGE + " addresses");
        }
        List<String> all = new ArrayList<>();
        for (long v = first.value(); v <= last.value(); v++) {
            all.add(new Ipv4(v).toString());
        }
        VlanVO created = tx.execute(status -> {
            for (String address : List.of(startIp, end)) {
                if (addresses.exists(zoneId, address)) {
                    throw ApiException.invalidParameter("The IP range " + startIp + "-" + end + " overlaps an existing range (" + address + ")");
                }
            }
            for (VlanVO existing : vlans.listByZone(zoneId)) {
                if (Ipv4.parse(existing.startIp()).compareTo(last) <= 0 && Ipv4.parse(existing.endIp()).compareTo(first) >= 0) {
                    throw ApiException.invalidParameter("The IP range " + startIp + "-" + end + " overlaps the existing range "
                            + existing.startIp() + "-" + existing.endIp());
                }
            }
            VlanVO range = vlans.insert(zoneId, vlan == null ? "untagged" : vlan, gateway, netmask, startIp, end);
            addresses.insertFree(zoneId, range.id(), all);
            return range;
        });
        LOG.info("added public IP range {}-{} ({} addresses) to zone {}", startIp, end, size, zoneId);
        return created;
    }

    private static void requireIp(String parameter, String value) {
        if (!Ipv4.isValid(value)) {
            throw ApiException.invalidParameter("Invalid " + parameter + " " + value + ": not an IPv4 address");
        }
    }
}
