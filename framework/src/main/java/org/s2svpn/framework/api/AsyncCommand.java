package org.s2svpn.framework.api;

/** A command answered with a job id at once and run as an async job. */
public interface AsyncCommand {
    /** Checks what can be checked at once; a failure here is the request's error and no job is created. */
    default void validate(CallContext caller) {
    }

    /** Runs in the job; returns a response record or a {@link SuccessResponse}. */
    Object execute(CallContext caller);

    /** The event type recorded for the job, such as {@code ACCOUNT.DELETE}. */
    String eventType();

    String eventDescription();

    /** The kind of resource the job acts on, as {@code jobinstancetype} shows it (None when none). */
    default String instanceType() {
        return "None";
    }

    /** The uuid of the resource the job acts on, or null. */
    default String instanceUuid() {
        return null;
    }
}
