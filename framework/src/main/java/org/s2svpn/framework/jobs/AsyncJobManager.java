package org.s2svpn.framework.jobs;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.s2svpn.framework.api.ApiErrorCode;
import org.s2svpn.framework.api.ApiException;
import org.s2svpn.framework.api.AsyncCommand;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.api.EventRecorder;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.framework.serialize.ResponseBodies;

/**
 * Runs async commands as jobs kept in the database, on a bounded pool. A job's row is written before it is
 * queued and completed exactly once; jobs that a stopped process left pending are failed at the next start.
 */
public final class AsyncJobManager implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(AsyncJobManager.class);

    private final AsyncJobDao dao;
    private final ResponseBodies bodies;
    private final Gson gson;
    private final EventRecorder events;
    private final long msid;
    private final ThreadPoolExecutor pool;

    public AsyncJobManager(AsyncJobDao dao, ResponseBodies bodies, Gson gson, EventRecorder events, long msid, int threads, int queued) {
        this.dao = requireNonNull(dao, "dao");
        this.bodies = requireNonNull(bodies, "bodies");
        this.gson = requireNonNull(gson, "gson");
        this.events = requireNonNull(events, "events");
        this.msid = msid;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                r -> new Thread(r, "job-executor-" + n.incrementAndGet()));
    }

    /** Fails the jobs this server left pending when it last stopped. */
    public int failLeftoverJobs() {
        return failJobsOf(msid);
    }

    /** Fails the jobs a server left pending: this one at its start, or another that died (its heartbeat stopped). */
    public int failJobsOf(long stoppedMsid) {
        String error = gson.toJson(bodies.error(new ApiException(ApiErrorCode.INTERNAL_ERROR, ApiException.CS_CLOUD_RUNTIME,
                "Job interrupted: the management server (msid " + stoppedMsid + ") that ran it stopped before it finished")));
        int failed = dao.failPendingOf(stoppedMsid, error);
        if (failed > 0) {
            LOG.warn("failed {} async job(s) left pending when management server msid {} stopped", failed, stoppedMsid);
        }
        return failed;
    }

    /** Records the job and queues it; the answer carries its uuid at once. */
    public AsyncJob submit(CallContext caller, String cmdName, AsyncCommand command, Map<String, String> maskedParams) {
        AsyncJob job = dao.insert(caller, command.getClass().getName(), gson.toJson(maskedParams), command.instanceType(),
                command.instanceUuid(), msid);
        try {
            pool.execute(() -> run(job, caller, cmdName, command));
        } catch (RejectedExecutionException e) {
            ApiException busy = ApiException.unavailable("Too many async jobs are queued on this management server; try again later");
            dao.complete(job.id(), AsyncJob.FAILED, ApiErrorCode.INTERNAL_ERROR.httpCode(), gson.toJson(bodies.error(busy)));
            throw busy;
        }
        return job;
    }

    private void run(AsyncJob job, CallContext caller, String cmdName, AsyncCommand command) {
        long start = System.nanoTime();
        try (var ctx = CloseableThreadContext.put("job", job.uuid()).put("account", caller.accountName())) {
            LOG.info("job started: {}", cmdName);
            ApiException error;
            try {
                String result = gson.toJson(bodies.body(command.execute(caller)));
                dao.complete(job.id(), AsyncJob.SUCCEEDED, 0, result);
                error = null;
            } catch (ApiException e) {
                error = e;
            } catch (RuntimeException e) {
                LOG.error("job {} failed unexpectedly", cmdName, e);
                error = ApiException.internal("Internal error executing " + cmdName + ": " + e.getClass().getSimpleName());
            }
            if (error != null) {
                // CloudStack reports every failed job with jobresultcode 530 and the real code inside jobresult
                dao.complete(job.id(), AsyncJob.FAILED, ApiErrorCode.INTERNAL_ERROR.httpCode(), gson.toJson(bodies.error(error)));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("job finished: {} result={} duration={}ms{}", cmdName, error == null ? "success" : error.errorCode().httpCode(),
                    millis, error == null ? "" : " error=" + error.getMessage());
            try {
                events.record(caller, command.eventType(), command.eventDescription(), error == null);
            } catch (RuntimeException e) {
                LOG.error("could not record the event of job {}", job.uuid(), e);
            }
        }
    }

    public AsyncJobResponse toResponse(AsyncJob job) {
        JsonObject result = job.result() == null ? null : gson.fromJson(job.result(), JsonObject.class);
        return new AsyncJobResponse(job.accountUuid(), job.userUuid(), job.cmd(), job.status(), 0, job.resultCode(),
                "object", result, job.instanceType(), job.instanceUuid(), ApiGson.format(job.created()),
                ApiGson.format(job.completed()), job.uuid());
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
