package org.s2svpn.vpn.render;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.s2svpn.server.net.Cidr;
import org.s2svpn.server.net.Ipv4;
import org.s2svpn.vpn.policy.IkeVersion;
import org.s2svpn.vpn.policy.IpsecPolicy;
import org.s2svpn.vpn.policy.PeerCidrs;
import org.s2svpn.vpn.policy.PeerGateway;
import org.s2svpn.vpn.policy.PolicyType;
import org.s2svpn.vpn.policy.PreSharedKey;
import org.s2svpn.vpn.policy.SaLifetimes;

/**
 * One site-to-site connection as a router must run it: a VPN connection joined with its VPN gateway (the local
 * public IP), its VPC (the local subnet) and its customer gateway (everything else). Every renderer starts from
 * this, so every value it renders has passed the checks of its type. {@link #toString()} masks the key.
 *
 * <p>Names follow the router contract: the IKE connection is {@code vpn-<id>}; its CHILD SAs are {@code vpn-<id>}
 * and, when it splits, {@code vpn-<id>-2}, {@code vpn-<id>-3}, ... one per further remote subnet.
 */
public record S2sConnection(
        long id,
        Ipv4 localPublicIp,
        Cidr localCidr,
        PeerGateway peerGateway,
        PeerCidrs peerCidrs,
        PreSharedKey psk,
        IpsecPolicy ikePolicy,
        IpsecPolicy espPolicy,
        SaLifetimes lifetimes,
        boolean dpd,
        boolean forceEncap,
        boolean passive,
        boolean splitConnections,
        IkeVersion ikeVersion) {

    public S2sConnection {
        if (id <= 0) {
            throw new IllegalArgumentException("connection id must be positive: " + id);
        }
        requireNonNull(localPublicIp, "localPublicIp");
        requireNonNull(localCidr, "localCidr");
        requireNonNull(peerGateway, "peerGateway");
        requireNonNull(peerCidrs, "peerCidrs");
        requireNonNull(psk, "psk");
        requireNonNull(ikePolicy, "ikePolicy");
        requireNonNull(espPolicy, "espPolicy");
        requireNonNull(lifetimes, "lifetimes");
        requireNonNull(ikeVersion, "ikeVersion");
        if (ikePolicy.type() != PolicyType.IKE) {
            throw new IllegalArgumentException("ikePolicy is an " + ikePolicy.type() + " policy");
        }
        if (espPolicy.type() != PolicyType.ESP) {
            throw new IllegalArgumentException("espPolicy is an " + espPolicy.type() + " policy");
        }
        ikeVersion.requireNegotiable(ikePolicy);
        for (Cidr remote : peerCidrs.cidrs()) {
            if (remote.overlaps(localCidr)) {
                throw new IllegalArgumentException("remote subnet " + remote + " overlaps the VPC CIDR " + localCidr);
            }
        }
        if (peerGateway.value().equals(localPublicIp.toString())) {
            throw new IllegalArgumentException("the peer gateway is the router's own address " + localPublicIp);
        }
    }

    /** The IKE connection's name, and the name of its first CHILD SA. */
    public String name() {
        return name(id);
    }

    private static String name(long id) {
        return "vpn-" + id;
    }

    /**
     * True when every remote subnet gets a CHILD SA of its own: when {@code splitconnections} is on, and always with
     * IKEv1, which carries a single pair of subnets per CHILD SA (strongSwan would silently use only the first
     * remote subnet: CloudStack's #3138).
     */
    public boolean splits() {
        return splits(peerCidrs, splitConnections, ikeVersion);
    }

    private static boolean splits(PeerCidrs peerCidrs, boolean splitConnections, IkeVersion ikeVersion) {
        return peerCidrs.size() > 1 && (splitConnections || ikeVersion == IkeVersion.IKEV1);
    }

    /** The CHILD SAs, in the order of the remote subnets. */
    public List<S2sChild> children() {
        return children(id, peerCidrs, splitConnections, ikeVersion);
    }

    /**
     * The CHILD SAs of connection {@code id} with these customer gateway values, in the order of the remote subnets:
     * what {@link #children()} gives, for views that have the values but not the whole connection.
     */
    public static List<S2sChild> children(long id, PeerCidrs peerCidrs, boolean splitConnections, IkeVersion ikeVersion) {
        if (!splits(peerCidrs, splitConnections, ikeVersion)) {
            return List.of(new S2sChild(name(id), peerCidrs.cidrs()));
        }
        List<S2sChild> children = new ArrayList<>();
        List<Cidr> cidrs = peerCidrs.cidrs();
        for (int i = 0; i < cidrs.size(); i++) {
            children.add(new S2sChild(i == 0 ? name(id) : name(id) + "-" + (i + 1), List.of(cidrs.get(i))));
        }
        return children;
    }

    public List<String> childNames() {
        return children().stream().map(S2sChild::name).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a connection; unset options take CloudStack's defaults (lifetimes 86400/3600 s, ikeversion ike). */
    public static final class Builder {
        private long id;
        private Ipv4 localPublicIp;
        private Cidr localCidr;
        private PeerGateway peerGateway;
        private PeerCidrs peerCidrs;
        private PreSharedKey psk;
        private IpsecPolicy ikePolicy;
        private IpsecPolicy espPolicy;
        private SaLifetimes lifetimes = SaLifetimes.defaults();
        private boolean dpd;
        private boolean forceEncap;
        private boolean passive;
        private boolean splitConnections;
        private IkeVersion ikeVersion = IkeVersion.IKE;

        private Builder() {
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder localPublicIp(Ipv4 localPublicIp) {
            this.localPublicIp = localPublicIp;
            return this;
        }

        public Builder localPublicIp(String localPublicIp) {
            return localPublicIp(Ipv4.parse(localPublicIp));
        }

        public Builder localCidr(Cidr localCidr) {
            this.localCidr = localCidr;
            return this;
        }

        public Builder localCidr(String localCidr) {
            return localCidr(Cidr.parse(localCidr));
        }

        public Builder peerGateway(PeerGateway peerGateway) {
            this.peerGateway = peerGateway;
            return this;
        }

        public Builder peerGateway(String peerGateway) {
            return peerGateway(PeerGateway.parse(peerGateway));
        }

        public Builder peerCidrs(PeerCidrs peerCidrs) {
            this.peerCidrs = peerCidrs;
            return this;
        }

        /** A {@code cidrlist}, with no subnets limit: the limit is checked where the customer gateway is saved. */
        public Builder peerCidrs(String cidrlist) {
            return peerCidrs(PeerCidrs.parse(cidrlist, Integer.MAX_VALUE));
        }

        public Builder psk(PreSharedKey psk) {
            this.psk = psk;
            return this;
        }

        public Builder psk(String psk) {
            return psk(PreSharedKey.parse(psk));
        }

        public Builder ikePolicy(IpsecPolicy ikePolicy) {
            this.ikePolicy = ikePolicy;
            return this;
        }

        public Builder ikePolicy(String ikePolicy) {
            return ikePolicy(IpsecPolicy.parseIke(ikePolicy));
        }

        public Builder espPolicy(IpsecPolicy espPolicy) {
            this.espPolicy = espPolicy;
            return this;
        }

        public Builder espPolicy(String espPolicy) {
            return espPolicy(IpsecPolicy.parseEsp(espPolicy));
        }

        public Builder lifetimes(SaLifetimes lifetimes) {
            this.lifetimes = lifetimes;
            return this;
        }

        public Builder lifetimes(long ikeSeconds, long espSeconds) {
            return lifetimes(new SaLifetimes(ikeSeconds, espSeconds));
        }

        public Builder dpd(boolean dpd) {
            this.dpd = dpd;
            return this;
        }

        public Builder forceEncap(boolean forceEncap) {
            this.forceEncap = forceEncap;
            return this;
        }

        public Builder passive(boolean passive) {
            this.passive = passive;
            return this;
        }

        public Builder splitConnections(boolean splitConnections) {
            this.splitConnections = splitConnections;
            return this;
        }

        public Builder ikeVersion(IkeVersion ikeVersion) {
            this.ikeVersion = ikeVersion;
            return this;
        }

        public Builder ikeVersion(String ikeVersion) {
            return ikeVersion(IkeVersion.parse(ikeVersion));
        }

        public S2sConnection build() {
            return new S2sConnection(id, localPublicIp, localCidr, peerGateway, peerCidrs, psk, ikePolicy, espPolicy,
                    lifetimes, dpd, forceEncap, passive, splitConnections, ikeVersion);
        }
    }
}
