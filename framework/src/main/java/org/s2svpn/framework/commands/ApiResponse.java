package org.s2svpn.framework.commands;

import java.util.List;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** One command as listApis describes it. */
@ObjectName("api")
public record ApiResponse(
        @Param(description = "the name of the api command") String name,
        @Param(description = "description of the api") String description,
        @Param(description = "version of CloudStack the api was introduced in") String since,
        @Param(description = "true if api is asynchronous") boolean isasync,
        @Param(description = "comma separated related apis") String related,
        @Param(description = "the list params the api accepts") List<Parameter> params,
        @Param(description = "api response fields") List<ResponseField> response) {

    /** A request parameter. */
    public record Parameter(String name, String description, String type, int length, boolean required, String since,
                            String related) {
    }

    /** A field of the answer. */
    public record ResponseField(String name, String description, String type) {
    }
}
