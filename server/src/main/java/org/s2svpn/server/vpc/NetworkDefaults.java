package org.s2svpn.server.vpc;

import static java.util.Objects.requireNonNull;

import org.s2svpn.schema.dao.OfferingDao;
import org.springframework.transaction.support.TransactionTemplate;

/** CloudStack's default VPC offering and VPC tier offering, created at start when missing. */
public final class NetworkDefaults {
    static final String VPC_SERVICES = "Dhcp:VpcVirtualRouter,NetworkACL:VpcVirtualRouter,Vpn:VpcVirtualRouter,SourceNat:VpcVirtualRouter,"
            + "Dns:VpcVirtualRouter,UserData:VpcVirtualRouter";
    static final String TIER_SERVICES = VPC_SERVICES;

    private final OfferingDao offerings;
    private final TransactionTemplate tx;

    public NetworkDefaults(OfferingDao offerings, TransactionTemplate tx) {
        this.offerings = requireNonNull(offerings, "offerings");
        this.tx = requireNonNull(tx, "tx");
    }

    public void ensure() {
        tx.executeWithoutResult(status -> {
            if (offerings.vpcOfferings().isEmpty()) {
                offerings.insertVpcOffering("Default VPC offering", "Default VPC offering", true, VPC_SERVICES);
            }
            if (offerings.networkOfferings().isEmpty()) {
                offerings.insertNetworkOffering("DefaultIsolatedNetworkOfferingForVpcNetworks",
                        "Offering for Isolated Vpc networks with Source Nat service enabled", true, true, TIER_SERVICES);
            }
        });
    }
}
