package org.s2svpn.framework.api;

/** CloudStack's role types, with the account type numbers its API shows ({@code accounttype}). */
public enum RoleType {
    Admin(1),
    ResourceAdmin(3),
    DomainAdmin(2),
    User(0);

    private final int accountType;

    RoleType(int accountType) {
        this.accountType = accountType;
    }

    public int accountType() {
        return accountType;
    }

    public static RoleType fromAccountType(int accountType) {
        for (RoleType type : values()) {
            if (type.accountType == accountType) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown account type " + accountType);
    }
}
