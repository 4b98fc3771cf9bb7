package org.s2svpn.server.event;

import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

@ObjectName("event")
public record EventResponse(
        @Param(description = "the ID of the event") String id,
        @Param(description = "the name of the user who performed the action (can be different from the account if an admin is"
                + " performing an action for a user, e.g. starting/stopping a user's virtual machine)") String username,
        @Param(description = "the type of the event (see event types)") String type,
        @Param(description = "the event level (INFO, WARN, ERROR)") String level,
        @Param(description = "a brief description of the event") String description,
        @Param(description = "the account name for the account that owns the object being acted on in the event") String account,
        @Param(description = "the id of the account's domain") String domainid,
        @Param(description = "the name of the account's domain") String domain,
        @Param(description = "the date the event was created") String created,
        @Param(description = "the state of the event") String state) {
}
