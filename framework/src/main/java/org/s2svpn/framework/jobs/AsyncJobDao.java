package org.s2svpn.framework.jobs;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.s2svpn.framework.api.CallContext;
import org.s2svpn.framework.crypto.Encryptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The async_job table. Job results are stored AES-GCM-encrypted: a result holds the response, and some responses
 * hold a secret (a customer gateway's PSK, a user's secret key) that must not sit in the database in clear.
 */
public final class AsyncJobDao {
    private static final String COLUMNS = "id, uuid, user_id, user_uuid, account_id, account_uuid, domain_id, job_cmd, job_cmd_info,"
            + " instance_type, instance_uuid, job_status, job_result_code, job_result, executing_msid, created, completed";

    private final JdbcClient jdbc;
    private final Encryptor encryptor;

    public AsyncJobDao(JdbcClient jdbc, Encryptor encryptor) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.encryptor = requireNonNull(encryptor, "encryptor");
    }

    /** A new job's uuid, chosen before its row is written so that a write whose answer was lost can be found again. */
    public static String newUuid() {
        return UUID.randomUUID().toString();
    }

    public AsyncJob insert(String uuid, CallContext caller, String cmd, String cmdInfo, String instanceType, String instanceUuid, long msid) {
        LocalDateTime now = now();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO async_job (uuid, user_id, user_uuid, account_id, account_uuid, domain_id, job_cmd, job_cmd_info,"
                        + " instance_type, instance_uuid, job_status, job_result_code, executing_msid, created, last_updated)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)")
                .params(uuid, caller.userId(), caller.userUuid(), caller.accountId(), caller.accountUuid(), caller.domainId(), cmd,
                        cmdInfo, instanceType, instanceUuid, msid, now, now)
                .update(keys, "id");
        return new AsyncJob(keys.getKey().longValue(), uuid, caller.userId(), caller.userUuid(), caller.accountId(),
                caller.accountUuid(), caller.domainId(), cmd, cmdInfo, instanceType, instanceUuid, AsyncJob.PENDING, 0, null, msid,
                now, null);
    }

    /** Completes a pending job; false when it was no longer pending, or was never written. */
    public boolean complete(String uuid, int status, int resultCode, String result) {
        LocalDateTime now = now();
        return jdbc.sql("UPDATE async_job SET job_status = ?, job_result_code = ?, job_result = ?, completed = ?, last_updated = ?"
                        + " WHERE uuid = ? AND job_status = 0")
                .params(status, resultCode, encryptor.encrypt(result), now, now, uuid).update() == 1;
    }

    /** Fails every job still pending on the given server: it stopped before they finished. Returns how many. */
    public int failPendingOf(long msid, String result) {
        LocalDateTime now = now();
        return jdbc.sql("UPDATE async_job SET job_status = 2, job_result_code = 530, job_result = ?, completed = ?, last_updated = ?"
                        + " WHERE executing_msid = ? AND job_status = 0")
                .params(encryptor.encrypt(result), now, now, msid).update();
    }

    public Optional<AsyncJob> findByUuid(String uuid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM async_job WHERE uuid = ?").param(uuid).query(this::map).optional();
    }

    /** Jobs of the given accounts (all accounts when null), newest first. */
    public List<AsyncJob> list(List<Long> accountIds, LocalDateTime since) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM async_job WHERE removed IS NULL");
        var params = new java.util.ArrayList<Object>();
        if (accountIds != null) {
            if (accountIds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND account_id IN (").append("?,".repeat(accountIds.size() - 1)).append("?)");
            params.addAll(accountIds);
        }
        if (since != null) {
            sql.append(" AND created >= ?");
            params.add(since);
        }
        sql.append(" ORDER BY id DESC");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    private AsyncJob map(ResultSet rs, int row) throws SQLException {
        return new AsyncJob(rs.getLong("id"), rs.getString("uuid"), rs.getLong("user_id"), rs.getString("user_uuid"),
                rs.getLong("account_id"), rs.getString("account_uuid"), rs.getLong("domain_id"), rs.getString("job_cmd"),
                rs.getString("job_cmd_info"), rs.getString("instance_type"), rs.getString("instance_uuid"), rs.getInt("job_status"),
                rs.getInt("job_result_code"), encryptor.decrypt(rs.getString("job_result")), rs.getLong("executing_msid"),
                rs.getObject("created", LocalDateTime.class), rs.getObject("completed", LocalDateTime.class));
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    }
}
