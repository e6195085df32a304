package dev.tradingcore.adapters.postgres.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the network exchanges pgjdbc makes with the server for the code using it: one per
 * statement executed (each {@code execute*} call is one Sync; a BEGIN rides along with the first statement of a
 * transaction) and one per COMMIT or ROLLBACK of a transaction that ran a statement. Handing out and returning pooled
 * connections exchange nothing with the server and are not counted.
 */
public final class RoundTripCounter {

    private final DataSource target;
    private final AtomicInteger roundTrips = new AtomicInteger();

    public RoundTripCounter(DataSource target) {
        this.target = target;
    }

    /** Exchanges so far. */
    public int roundTrips() {
        return roundTrips.get();
    }

    /** The counted data source: give it to the code under test. */
    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection real) {
        boolean[] inTransaction = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)) {
                if (inTransaction[0]) {
                    roundTrips.incrementAndGet();
                    inTransaction[0] = false;
                }
            } else if (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && inTransaction[0]
                    && !real.getAutoCommit()) {
                // pgjdbc commits an open transaction when autocommit is turned back on.
                roundTrips.incrementAndGet();
                inTransaction[0] = false;
            }
            Object result = invoke(real, method, args);
            if (result instanceof Statement st) {
                Class<?> type = st instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        (p, m, a) -> {
                            if (m.getName().startsWith("execute")) {
                                roundTrips.incrementAndGet();
                                if (!real.getAutoCommit()) {
                                    inTransaction[0] = true;
                                }
                            }
                            return invoke(st, m, a);
                        });
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
