package dev.tradingcore.adapters.postgres.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * pgjdbc connections whose socket reads give up after a number of milliseconds. pgjdbc's own {@code socketTimeout}
 * counts whole seconds, so with a timeout of 1 s the socket could only give up at 2 s, and a thread whose pool wait,
 * validation and read added up went past the promised bound (the timeout and a second). Set in milliseconds here,
 * HikariCP keeps the value: it reads a new connection's network timeout and restores it after each validity check.
 */
final class BoundedReadDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;

    private final int readTimeoutMillis;

    /**
     * @param url a {@code jdbc:postgresql://} URL (multi-host too), its parameters included
     * @param properties pgjdbc connection properties (user, password, timeouts, options...), set over the URL's
     */
    BoundedReadDataSource(String url, Properties properties, int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
        setURL(url);
        try {
            for (String name : properties.stringPropertyNames()) {
                String value = properties.getProperty(name);
                // The login is passed to the driver as the data source's user and password, not as URL parameters.
                switch (name) {
                    case "user" -> setUser(value);
                    case "password" -> setPassword(value);
                    default -> setProperty(name, value);
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("a connection property pgjdbc does not know: " + e.getMessage(), e);
        }
    }

    /** {@link #getConnection()} comes here too. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Connection connection = super.getConnection(user, password);
        try {
            // pgjdbc ignores the executor: the timeout only changes the socket's SO_TIMEOUT.
            connection.setNetworkTimeout(Runnable::run, readTimeoutMillis);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
