package org.s2svpn.framework.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

public class DatabaseOutageTest {
    private final SQLErrorCodeSQLExceptionTranslator mysql = new SQLErrorCodeSQLExceptionTranslator("MySQL");

    @Test
    public void aPoolWithoutConnectionsIsAnOutage() {
        // what Spring makes of HikariCP's "Connection is not available, request timed out"
        assertTrue(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("s2svpn-db - Connection is not available, request timed out after 5000ms", "08003"))));
        assertTrue(DatabaseOutage.causedBy(new CannotCreateTransactionException("Could not open JDBC Connection for transaction")));
    }

    @Test
    public void aLinkThatBrokeMidStatementIsAnOutage() {
        // Connector/J's communications link failure, as Spring translates it for a statement
        RuntimeException translated = mysql.translate("UPDATE async_job", null, new SQLException("Communications link failure", "08S01", 0));
        assertTrue(translated.getClass().getName(), DatabaseOutage.causedBy(translated));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("wrapped", new SQLException("link lost", "08S01"))));
    }

    @Test
    public void aTransactionThatLostTheDatabaseAndThenFailedToRollBackIsAnOutage() {
        // TransactionTemplate throws the rollback's failure and keeps the statement's as the application exception
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(mysql.translate("SELECT", null, new SQLException("Communications link failure", "08S01", 0)));
        assertTrue(DatabaseOutage.causedBy(rollback));
        TransactionSystemException other = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        other.initApplicationException(new IllegalStateException("a bug"));
        assertFalse(DatabaseOutage.causedBy(other));
    }

    @Test
    public void anErrorInAStatementIsNot() {
        assertFalse(DatabaseOutage.causedBy(new DuplicateKeyException("Duplicate entry")));
        assertFalse(DatabaseOutage.causedBy(new BadSqlGrammarException("select", "SELEC 1", new SQLException("syntax", "42000", 1064))));
        assertFalse(DatabaseOutage.causedBy(mysql.translate("INSERT", null, new SQLException("Data too long for column 'job_result'",
                "22001", 1406))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
    }

    @Test
    public void callersAreToldItIsTheDatabaseWith530() {
        var error = DatabaseOutage.error(new CannotGetJdbcConnectionException("x"));
        assertEquals(530, error.errorCode().httpCode());
        assertTrue(error.getMessage().contains("database"));
        assertEquals("SQLException: link lost", DatabaseOutage.describe(new IllegalStateException("a", new SQLException("link lost"))));
    }
}
