package org.s2svpn.framework.api;

/** Records action events (listEvents), such as the completion of an async job. */
public interface EventRecorder {
    void record(CallContext caller, String type, String description, boolean success);
}
