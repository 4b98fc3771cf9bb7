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
import org.s2svpn.framework.db.DatabaseOutage;
import org.s2svpn.framework.serialize.ApiGson;
import org.s2svpn.framework.serialize.ResponseBodies;

/**
 * Runs async commands as jobs kept in the database, on a bounded pool. A job's row is written before it is
 * queued and completed exactly once, waiting for the database if it is away; jobs that a stopped process left
 * pending are failed at the next start.
 */
public final class AsyncJobManager implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(AsyncJobManager.class);
    static final long RETRY_FIRST_MILLIS = 250;
    static final long RETRY_MAX_MILLIS = 5_000;

    private final AsyncJobDao dao;
    private final ResponseBodies bodies;
    private final Gson gson;
    private final EventRecorder events;
    private final long msid;
    private final ThreadPoolExecutor pool;
    /** The result of a job whose own result the database refused. */
    private final String unstorable;

    public AsyncJobManager(AsyncJobDao dao, ResponseBodies bodies, Gson gson, EventRecorder events, long msid, int threads, int queued) {
        this.dao = requireNonNull(dao, "dao");
        this.bodies = requireNonNull(bodies, "bodies");
        this.gson = requireNonNull(gson, "gson");
        this.events = requireNonNull(events, "events");
        this.msid = msid;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                r -> new Thread(r, "job-executor-" + n.incrementAndGet()));
        this.unstorable = bodies.bodyJson(bodies.error(ApiException.internal("Internal error: the job's result could not be stored")));
    }

    /** Fails the jobs this server left pending when it last stopped. */
    public int failLeftoverJobs() {
        return failJobsOf(msid);
    }

    /** Fails the jobs a server left pending: this one at its start, or another that died (its heartbeat stopped). */
    public int failJobsOf(long stoppedMsid) {
        String error = bodies.bodyJson(bodies.error(new ApiException(ApiErrorCode.INTERNAL_ERROR, ApiException.CS_CLOUD_RUNTIME,
                "Job interrupted: the management server (msid " + stoppedMsid + ") that ran it stopped before it finished")));
        int failed = dao.failPendingOf(stoppedMsid, error);
        if (failed > 0) {
            LOG.warn("failed {} async job(s) left pending when management server msid {} stopped", failed, stoppedMsid);
        }
        return failed;
    }

    /** Records the job and queues it; the answer carries its uuid at once. */
    public AsyncJob submit(CallContext caller, String cmdName, AsyncCommand command, Map<String, String> maskedParams) {
        String uuid = AsyncJobDao.newUuid();
        AsyncJob job;
        try {
            job = dao.insert(uuid, caller, command.getClass().getName(), gson.toJson(maskedParams), command.instanceType(),
                    command.instanceUuid(), msid);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                // the link broke after the database may have written the row: fail it, if it is there, once the database is back
                String failed = bodies.bodyJson(bodies.error(DatabaseOutage.error(e)));
                try {
                    pool.execute(() -> complete(uuid, AsyncJob.FAILED, ApiErrorCode.INTERNAL_ERROR.httpCode(), failed));
                } catch (RejectedExecutionException full) {
                    LOG.warn("job {}: may be left pending; the next start of this server fails it", uuid);
                }
            }
            throw e;
        }
        try {
            pool.execute(() -> run(job, caller, cmdName, command));
        } catch (RejectedExecutionException e) {
            ApiException busy = ApiException.unavailable("Too many async jobs are queued on this management server; try again later");
            complete(uuid, AsyncJob.FAILED, ApiErrorCode.INTERNAL_ERROR.httpCode(), bodies.bodyJson(bodies.error(busy)));
            throw busy;
        }
        return job;
    }

    private void run(AsyncJob job, CallContext caller, String cmdName, AsyncCommand command) {
        long start = System.nanoTime();
        try (var ctx = CloseableThreadContext.put("job", job.uuid()).put("account", caller.accountName())) {
            LOG.info("job started: {}", cmdName);
            String result = null;
            ApiException error;
            try {
                result = bodies.bodyJson(command.execute(caller));
                error = null;
            } catch (ApiException e) {
                error = e;
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("job {} failed: the database cannot be reached: {}", cmdName, DatabaseOutage.describe(e));
                    error = DatabaseOutage.error(e);
                } else {
                    LOG.error("job {} failed unexpectedly", cmdName, e);
                    error = ApiException.internal("Internal error executing " + cmdName + ": " + e.getClass().getSimpleName());
                }
            }
            if (error == null) {
                complete(job.uuid(), AsyncJob.SUCCEEDED, 0, result);
            } else {
                // CloudStack reports every failed job with jobresultcode 530 and the real code inside jobresult
                complete(job.uuid(), AsyncJob.FAILED, ApiErrorCode.INTERNAL_ERROR.httpCode(), bodies.bodyJson(bodies.error(error)));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("job finished: {} result={} duration={}ms{}", cmdName, error == null ? "success" : error.errorCode().httpCode(),
                    millis, error == null ? "" : " error=" + error.getMessage());
            try {
                events.record(caller, command.eventType(), command.eventDescription(), error == null);
            } catch (RuntimeException e) {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("could not record the event of job {}: the database cannot be reached", job.uuid());
                } else {
                    LOG.error("could not record the event of job {}", job.uuid(), e);
                }
            }
        }
    }

    /**
     * Writes the job's outcome, waiting out a database outage: the work is done (or failed) whatever the database
     * does, and a job left pending would keep its caller polling forever. A result that cannot be stored for another
     * reason is replaced by a failure that can. Gives up only when the server stops; the next start fails the job.
     */
    private void complete(String uuid, int status, int resultCode, String result) {
        long waitMillis = RETRY_FIRST_MILLIS;
        while (true) {
            try {
                dao.complete(uuid, status, resultCode, result);
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutage.causedBy(e)) {
                    if (status == AsyncJob.FAILED && result.equals(unstorable)) {
                        throw e;
                    }
                    LOG.error("job {}: cannot store its result; recording it as failed", uuid, e);
                    status = AsyncJob.FAILED;
                    resultCode = ApiErrorCode.INTERNAL_ERROR.httpCode();
                    result = unstorable;
                    continue;
                }
                LOG.warn("job {}: cannot record its outcome, the database cannot be reached ({}); trying again in {} ms", uuid,
                        DatabaseOutage.describe(e), waitMillis);
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("job {}: left pending as the server stops; the next start fails it", uuid);
                return;
            }
            waitMillis = Math.min(waitMillis * 2, RETRY_MAX_MILLIS);
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
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow(); // wakes jobs waiting for the database to store their outcome
        }
    }
}
