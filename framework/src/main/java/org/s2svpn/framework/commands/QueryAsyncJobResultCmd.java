package org.s2svpn.framework.commands;

import static java.util.Objects.requireNonNull;

import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AccessPolicy;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.api.SyncCommand;
import org.s2svpn.framework.jobs.AsyncJob;
import org.s2svpn.framework.jobs.AsyncJobDao;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.framework.jobs.AsyncJobResponse;

@APICommand(name = "queryAsyncJobResult", description = "Retrieves the current status of asynchronous job.",
        responseObject = AsyncJobResponse.class)
public final class QueryAsyncJobResultCmd implements SyncCommand {
    @Parameter(name = "jobid", type = CommandType.UUID, required = true, description = "the ID of the asynchronous job")
    private String jobId;

    private final AsyncJobDao jobs;
    private final AsyncJobManager manager;
    private final AccessPolicy access;

    public QueryAsyncJobResultCmd(AsyncJobDao jobs, AsyncJobManager manager, AccessPolicy access) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.manager = requireNonNull(manager, "manager");
        this.access = requireNonNull(access, "access");
    }

    @Override
    public Object execute(CallContext caller) {
        AsyncJob job = jobs.findByUuid(jobId)
                .orElseThrow(() -> ApiException.paramError("Unable to execute API command queryasyncjobresult due to invalid value."
                        + " Invalid parameter jobid value=" + jobId + " due to incorrect long value format, or entity does not"
                        + " exist or due to incorrect parameter annotation for the field in api cmd class."));
        // as CloudStack's queryJobResult: another account's job is refused, not reported missing
        if (!access.canAccess(caller, job.accountId())) {
            throw ApiException.permissionDenied("Account " + caller.accountName() + " is not authorized to see job " + jobId);
        }
        return manager.toResponse(job);
    }
}
