package org.s2svpn.vpn.policy;

/** Which negotiation a policy is for: IKE (phase 1) or ESP (phase 2, the CHILD SAs). */
public enum PolicyType {
    IKE("ikepolicy"),
    ESP("esppolicy");

    private final String parameter;

    PolicyType(String parameter) {
        this.parameter = parameter;
    }

    /** The customer gateway parameter that carries a policy of this type. */
    public String parameter() {
        return parameter;
    }
}
