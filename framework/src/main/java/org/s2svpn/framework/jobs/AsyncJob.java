package org.s2svpn.framework.jobs;

import java.time.LocalDateTime;

/** A row of async_job. Status 0 pending, 1 succeeded, 2 failed, as CloudStack numbers them. */
public record AsyncJob(long id, String uuid, long userId, String userUuid, long accountId, String accountUuid, long domainId,
                       String cmd, String cmdInfo, String instanceType, String instanceUuid, int status, int resultCode,
                       String result, long msid, LocalDateTime created, LocalDateTime completed) {
    public static final int PENDING = 0;
    public static final int SUCCEEDED = 1;
    public static final int FAILED = 2;
}
