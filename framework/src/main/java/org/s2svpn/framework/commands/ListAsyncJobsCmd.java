package org.s2svpn.framework.commands;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import org.s2svpn.framework.api.APICommand;
import org.s2svpn.framework.api.AccessPolicy;
import org.s2svpn.framework.api.BaseListCmd;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.CommandType;
import org.s2svpn.framework.api.ListResponse;
import org.s2svpn.framework.api.Parameter;
import org.s2svpn.framework.jobs.AsyncJobDao;
import org.s2svpn.framework.jobs.AsyncJobManager;
import org.s2svpn.framework.jobs.AsyncJobResponse;

@APICommand(name = "listAsyncJobs", description = "Lists all pending asynchronous jobs for the account.",
        responseObject = AsyncJobResponse.class)
public final class ListAsyncJobsCmd extends BaseListCmd {
    @Parameter(name = "startdate", type = CommandType.TZDATE, description = "The start date of the async job (use format \"yyyy-MM-dd'T'HH:mm:ss'+'SSSS\")")
    private LocalDateTime startDate;

    @Parameter(name = "listall", type = CommandType.BOOLEAN,
            description = "If set to false, list only resources belonging to the command's caller; if set to true - list resources that the caller is authorized to see. Default value is false")
    private Boolean listAll;

    private final AsyncJobDao jobs;
    private final AsyncJobManager manager;
    private final AccessPolicy access;

    public ListAsyncJobsCmd(AsyncJobDao jobs, AsyncJobManager manager, AccessPolicy access) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.manager = requireNonNull(manager, "manager");
        this.access = requireNonNull(access, "access");
    }

    @Override
    public Object execute(CallContext caller) {
        var all = jobs.list(access.visibleAccounts(caller, Boolean.TRUE.equals(listAll)), startDate).stream()
                .map(manager::toResponse).toList();
        return ListResponse.paged(AsyncJobResponse.class, all, paging());
    }
}
