package org.s2svpn.framework.api;

/** A command answered in the request itself. */
public interface SyncCommand {
    /** Returns a response record, a {@link ListResponse} or a {@link SuccessResponse}. */
    Object execute(CallContext caller);
}
