package org.s2svpn.framework.jobs;

import com.google.gson.JsonObject;
import org.s2svpn.framework.api.FlatResponse;
import org.s2svpn.framework.api.ObjectName;
import org.s2svpn.framework.api.Param;

/** An async job as queryAsyncJobResult and listAsyncJobs show it; numbers are JSON numbers, as clients decode them. */
@ObjectName("asyncjobs")
public record AsyncJobResponse(
        @Param(description = "the account id that executed the async command") String accountid,
        @Param(description = "the user that executed the async command") String userid,
        @Param(description = "the async command executed") String cmd,
        @Param(description = "the current job status-should be 0 for PENDING") int jobstatus,
        @Param(description = "the progress information of the PENDING job") int jobprocstatus,
        @Param(description = "the result code for the job") int jobresultcode,
        @Param(description = "the result type") String jobresulttype,
        @Param(description = "the result reason") JsonObject jobresult,
        @Param(description = "the instance/entity object related to the job") String jobinstancetype,
        @Param(description = "the unique ID of the instance/entity object related to the job") String jobinstanceid,
        @Param(description = "the created date of the job") String created,
        @Param(description = "the completed date of the job") String completed,
        @Param(description = "extra field for the initial async job id when using queryAsyncJobResult") String jobid)
        implements FlatResponse {
}
