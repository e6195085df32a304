package dev.tradingcore.bootstrap.database;

import dev.tradingcore.adapters.postgres.connection.ConnectionProblem;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import java.time.Duration;

/**
 * The configured database could not be reached. Its message is the whole story in one line: what failed, where
 * ({@code host:port/database}) and what to do; it is printed as it is, without a cause chain or a stack trace.
 */
public final class DatabaseUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ConnectionProblem.Kind kind;

    DatabaseUnreachableException(String message, ConnectionProblem.Kind kind) {
        super(message);
        this.kind = kind;
    }

    /** What went wrong, for callers that act on it. */
    public ConnectionProblem.Kind kind() {
        return kind;
    }

    /** The one line for {@code problem} at {@code url} with this timeout. */
    static DatabaseUnreachableException of(ConnectionProblem problem, DatabaseUrl url, Duration timeout) {
        String where = url.location();
        String hostPort = url.hosts();
        String user = url.user().map(u -> "user " + u).orElse("the default user");
        String message = switch (problem.kind()) {
            case REFUSED -> "cannot connect to PostgreSQL at " + where + ": connection refused, nothing listens"
                    + " there; check the host and port in DATABASE_URL and that the server is running";
            case UNKNOWN_HOST -> "cannot connect to PostgreSQL at " + where + ": unknown host; check the host in"
                    + " DATABASE_URL";
            case NO_ANSWER -> "no answer from PostgreSQL at " + where + " within " + timeout.toSeconds() + " s"
                    + " (DATABASE_TIMEOUT_SECONDS): check the host and port in DATABASE_URL (is it a PostgreSQL"
                    + " server?) and any firewall between, or allow more time with DATABASE_TIMEOUT_SECONDS";
            case NO_DATABASE -> "the database " + url.database() + " does not exist on PostgreSQL at " + hostPort
                    + "; create it as a user allowed to (e.g. psql -h " + host(hostPort) + " -p " + port(hostPort)
                    + " -U postgres -c 'CREATE DATABASE " + identifier(url.database()) + "'), then run"
                    + " 'trading-core migrate'";
            case LOGIN_REFUSED -> "PostgreSQL at " + where + " refused the login of " + user + ": "
                    + problem.detail() + "; check the user and the password (DATABASE_PASSWORD, or the URL's)";
            case SSL -> "cannot connect to PostgreSQL at " + where + " over SSL: " + problem.detail() + "; check"
                    + " sslmode (DATABASE_SSL_MODE or ?sslmode= in DATABASE_URL) against what the server offers";
            case NOT_READY -> "PostgreSQL at " + where + " is not taking connections: " + problem.detail()
                    + "; try again shortly";
            case OTHER -> "cannot connect to PostgreSQL at " + where + ": " + problem.detail();
        };
        return new DatabaseUnreachableException(message, problem.kind());
    }

    private static String host(String hostPort) {
        String first = hostPort.split(",")[0];
        String host = first.substring(0, first.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String port(String hostPort) {
        String first = hostPort.split(",")[0];
        return first.substring(first.lastIndexOf(':') + 1);
    }

    /** The name as SQL needs it: bare when it is a plain lower-case identifier, quoted otherwise. */
    private static String identifier(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
