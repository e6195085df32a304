package dev.tradingcore.adapters.postgres.connection;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens pgjdbc connections whose socket reads give up after a number of milliseconds. pgjdbc's own
 * {@code socketTimeout} counts whole seconds, so with a timeout of 1 s the socket could only give up at 2 s, and a
 * thread whose pool wait, validation and read add up went past the promised bound (the timeout and a second). Set in
 * milliseconds here, HikariCP keeps the value: it reads a new connection's network timeout and restores it after each
 * validity check.
 */
final class BoundedReadDataSource implements DataSource {

    private final Driver driver = new org.postgresql.Driver();
    private final String url;
    private final Properties properties;
    private final int readTimeoutMillis;

    BoundedReadDataSource(String url, Properties properties, int readTimeoutMillis) {
        this.url = url;
        this.properties = properties;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bounded(driver.connect(url, properties));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withLogin = new Properties();
        withLogin.putAll(properties);
        if (username != null) {
            withLogin.setProperty("user", username);
        }
        if (password != null) {
            withLogin.setProperty("password", password);
        }
        return bounded(driver.connect(url, withLogin));
    }

    private Connection bounded(Connection connection) throws SQLException {
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (it must start with jdbc:postgresql://)", "08001");
        }
        try {
            // pgjdbc ignores the executor: the timeout only changes the socket's SO_TIMEOUT.
            connection.setNetworkTimeout(Runnable::run, readTimeoutMillis);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no driver log writer: the driver logs through java.util.logging, bridged to the log
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the login timeout is a connection property (loginTimeout), set from the pool's timeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
