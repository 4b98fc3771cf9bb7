package org.s2svpn.server.event;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.EventRecorder;
import org.s2svpn.schema.dao.EventDao;

/** Writes action events as CloudStack does: state Completed, level INFO, or ERROR when the action failed. */
public final class EventRecorderImpl implements EventRecorder {
    private final EventDao events;

    public EventRecorderImpl(EventDao events) {
        this.events = requireNonNull(events, "events");
    }

    @Override
    public void record(CallContext caller, String type, String description, boolean success) {
        events.insert(type, "Completed", success ? "INFO" : "ERROR", (success ? "Successfully completed " : "Error while ") + description,
                caller.userId(), caller.accountId(), caller.domainId());
    }
}
