package org.s2svpn.server.router;

import static java.util.Objects.requireNonNull;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * What a router is: the whole desired state the node's {@code s2svpn-router start} installs, reconciling.
 * Serialized as JSON; field names are the node tool's.
 */
public record RouterSpec(String name, @SerializedName("public") PublicNic publicNic, List<TierNic> tiers, Snat snat) {

    /** The public interface: on the zone's public bridge, with the VPC's source-NAT address. */
    public record PublicNic(String bridge, String device, String ip, int prefix, String gateway) {
    }

    /** A tier interface: on the tier's bridge, with the tier's gateway address. */
    public record TierNic(String bridge, String device, String ip, int prefix) {
    }

    /** Source NAT of the VPC CIDR out of the public address. */
    public record Snat(String cidr) {
    }

    public RouterSpec {
        requireNonNull(name, "name");
        requireNonNull(publicNic, "publicNic");
        tiers = List.copyOf(tiers);
        requireNonNull(snat, "snat");
    }
}
