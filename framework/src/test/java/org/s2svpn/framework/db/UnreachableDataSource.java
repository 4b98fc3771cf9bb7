package org.s2svpn.framework.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections of the real pool, or refuses as HikariCP does when no database answers; or, once, lets
 * an update be written and then loses its answer, as a database that shuts down mid-statement does.
 */
public final class UnreachableDataSource extends DelegatingDataSource {
    public volatile boolean down;
    public volatile boolean loseNextAnswer;

    public UnreachableDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLTransientConnectionException("s2svpn-db - Connection is not available, request timed out after 5000ms", "08001");
        }
        Connection real = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            return result instanceof PreparedStatement statement ? losing(statement) : result;
        });
    }

    private PreparedStatement losing(PreparedStatement real) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("executeUpdate") && loseNextAnswer) {
                        loseNextAnswer = false;
                        down = true;
                        throw new SQLRecoverableException("Communications link failure", "08S01");
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
