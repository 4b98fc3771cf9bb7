package org.s2svpn.framework.api;

import java.util.List;

/** Who may see what: implemented where accounts and domains live. */
public interface AccessPolicy {
    /** True when the caller may see and act on resources of that account: its own, its domain subtree's, or any. */
    boolean canAccess(CallContext caller, long ownerAccountId);

    /** The accounts whose resources a list shows the caller; null means every account (root admin, listall). */
    List<Long> visibleAccounts(CallContext caller, boolean listAll);
}
