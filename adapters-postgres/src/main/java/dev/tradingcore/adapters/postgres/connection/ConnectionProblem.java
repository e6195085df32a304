package dev.tradingcore.adapters.postgres.connection;

import java.util.Objects;

/**
 * Why a database could not be reached, classified so that the message can say what to do.
 *
 * @param kind what went wrong
 * @param detail the server's or the driver's own words, one line, never a password (for {@link Kind#OTHER} and the
 *     login refusals, where the server's reason is the useful part)
 */
public record ConnectionProblem(Kind kind, String detail) {

    public ConnectionProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The ways a connection attempt fails that an operator fixes differently. */
    public enum Kind {
        /** Nothing listens on the port (connection refused). */
        REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Something accepted the connection, or nothing answered at all, within the timeout. */
        NO_ANSWER,
        /** The server answered: the database does not exist (SQLState 3D000). */
        NO_DATABASE,
        /** The server refused the login: password, unknown role, pg_hba.conf (SQLState class 28). */
        LOGIN_REFUSED,
        /** SSL was asked for and the server does not offer it, or the handshake failed. */
        SSL,
        /** The server is starting, shutting down or full (57P03, 53300...): try again later. */
        NOT_READY,
        /** Anything else, in the driver's words. */
        OTHER
    }
}
