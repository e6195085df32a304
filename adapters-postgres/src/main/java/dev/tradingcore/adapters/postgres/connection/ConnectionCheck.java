package dev.tradingcore.adapters.postgres.connection;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One connection attempt, bounded by the timeout however the network behaves, with the failure classified. Run
 * before any pool is opened: a pool that cannot connect waits its whole timeout on every borrow and retries in the
 * background, so an unreachable database took 20 s and more to report, in pool jargon; this says what is wrong
 * within the timeout.
 */
public final class ConnectionCheck {

    /** Beyond the driver's own timeouts, how long the attempt may take before it counts as no answer. */
    private static final Duration MARGIN = Duration.ofMillis(300);

    private ConnectionCheck() {}

    /**
     * Connects to {@code url} once and disconnects.
     *
     * @param timeout the longest the connect and the login may take together ({@code DATABASE_TIMEOUT_SECONDS})
     * @return the problem, or empty when the login succeeded
     */
    public static Optional<ConnectionProblem> attempt(DatabaseUrl url, Duration timeout) {
        Properties props = new Properties();
        url.user().ifPresent(u -> props.setProperty("user", u));
        url.password().ifPresent(p -> props.setProperty("password", p));
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        props.setProperty("socketTimeout", seconds);
        props.setProperty("ApplicationName", "trading-core/check");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        CompletableFuture<Optional<ConnectionProblem>> attempt = CompletableFuture.supplyAsync(() -> {
            try (Connection ignored = driver.connect(url.jdbcUrl(), props)) {
                return Optional.<ConnectionProblem>empty();
            } catch (SQLException e) {
                return Optional.of(classify(e));
            }
        }, task -> {
            Thread thread = new Thread(task, "trading-core-connection-check");
            thread.setDaemon(true); // a driver stuck past the timeout must not keep the process alive
            thread.start();
        });
        try {
            return attempt.get(Math.max(1, timeout.toSeconds()) * 1000 + MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.NO_ANSWER, "no answer"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.OTHER, "interrupted"));
        } catch (ExecutionException e) {
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.OTHER, firstLine(e.getCause())));
        }
    }

    /** What kind of failure {@code e} is, from its SQLState and its causes. */
    static ConnectionProblem classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = serverWords(e);
        if (state.equals("3D000")) {
            return new ConnectionProblem(ConnectionProblem.Kind.NO_DATABASE, detail);
        }
        if (state.startsWith("28")) {
            return new ConnectionProblem(ConnectionProblem.Kind.LOGIN_REFUSED, detail);
        }
        if (state.equals("57P03") || state.equals("53300") || state.equals("57P01")) {
            return new ConnectionProblem(ConnectionProblem.Kind.NOT_READY, detail);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new ConnectionProblem(ConnectionProblem.Kind.UNKNOWN_HOST, detail);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ConnectionProblem(ConnectionProblem.Kind.REFUSED, detail);
            }
            if (t instanceof SocketTimeoutException) {
                return new ConnectionProblem(ConnectionProblem.Kind.NO_ANSWER, detail);
            }
            if (t instanceof SSLException) {
                return new ConnectionProblem(ConnectionProblem.Kind.SSL, detail);
            }
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("timed out")) {
            return new ConnectionProblem(ConnectionProblem.Kind.NO_ANSWER, detail);
        }
        if (lower.contains("ssl")) {
            return new ConnectionProblem(ConnectionProblem.Kind.SSL, detail);
        }
        return new ConnectionProblem(ConnectionProblem.Kind.OTHER, detail);
    }

    /** The server's message without pgjdbc's "FATAL: " prefix; the driver never puts a password in it. */
    private static String serverWords(SQLException e) {
        String line = firstLine(e);
        return line.replaceFirst("^(FATAL|ERROR): ", "");
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
