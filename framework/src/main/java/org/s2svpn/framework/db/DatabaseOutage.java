package org.s2svpn.framework.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.s2svpn.framework.api.ApiErrorCode;
import org.s2svpn.framework.api.ApiException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached (down, restarting, the pool out of connections) from an error in a
 * statement: the first passes once the database is back, so callers answer "try again" or wait and retry, and
 * log it as one line rather than as a bug with a stack trace.
 */
public final class DatabaseOutage {
    /** What an API caller is told; CloudStack answers 530 for any failure of its database too. */
    public static final String MESSAGE = "The management server cannot reach its database; please try again later";

    private DatabaseOutage() {
    }

    /** True when the exception, or any of its causes, says the database could not be reached or the link to it broke. */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQL state class 08: connection exception (Connector/J's communications link failure is 08S01)
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // a transaction whose statement lost the database then fails to roll back on the closed connection, and
            // TransactionTemplate throws that failure, keeping the statement's as the application exception
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null && causedBy(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** The 530 an API call or a job reports when the database is away. */
    public static ApiException error(Throwable cause) {
        return new ApiException(ApiErrorCode.INTERNAL_ERROR, ApiException.CS_CLOUD_RUNTIME, MESSAGE, cause);
    }

    /** The cause's own words for a log line: the innermost message. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
