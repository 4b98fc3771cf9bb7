package org.s2svpn.framework.api;

/** The answer of delete and other commands that return no object. */
@ObjectName("success")
public record SuccessResponse(
        @Param(description = "true if operation is executed successfully") boolean success,
        @Param(description = "any text associated with the success or failure") String displaytext) implements FlatResponse {

    public static SuccessResponse ok() {
        return new SuccessResponse(true, null);
    }
}
